/**
 * What `rebalance` improves, measured on a placed state (read only).
 *
 * N+1 margin. Every node that is up fails in turn; HA VMs restart as the failure simulation does
 * everywhere (failure/simulate.ts, the scenario's strategy). After failure f,
 *   slack(f) = min over surviving nodes n and r in {CPU, memory} of (capacity_r(n) - used_r(n)) / capacity_r(n)
 *   margin   = min over f of slack(f)
 * a fraction of a node's capacity: the smallest room left anywhere after the worst single
 * failure, per resource. Negative when a survivor ends above capacity (a Proxmox strategy
 * restarts without checking fit), and when an HA VM finds no room: its shortfall then counts as
 *   slack(f) <= -min over the nodes refusing it for room alone of max_r (requested_r - free_r) / capacity_r
 * (the least it lacks anywhere), so a cluster that loses a VM never looks roomier for it. Lost VMs
 * are also counted apart, first: states are ranked by
 *   (HA VMs lost for capacity, ascending; margin, descending; (failure, survivor) pairs at the
 *    margin, ascending)
 * the last so that a move which lifts one of several equally tight nodes counts as progress (a
 * packed cluster has many nodes at the margin, and no single move raises the minimum).
 * A failure that loses quorum counts every HA VM as lost (nothing restarts).
 *
 * Balance. Proxmox's node imbalance (auto-rebalance.ts `nodeImbalance`: the coefficient of
 * variation of (cpu / threads + memory / memGiB) / 2 over the nodes up), lower is better.
 *
 * Complexity: margin, one failure simulation per node up (on one scratch copy), O(nodes) each
 * for the slack; balance O(nodes).
 */
import { CAPACITY_REASONS } from '../failure/outcome.js';
import { failureContext, type FailureContext } from '../failure/context.js';
import { reasonOf } from '../failure/describe.js';
import { DOWN_BASE, failureScratch, resetScratch, simulateFailure, type CompactOutcome } from '../failure/simulate.js';
import { NO_INDEX } from '../model/cluster-index.js';
import type { ClusterState } from '../model/state.js';
import { staticNodeLoads } from '../placement/strategies/pve-static.js';
import { explainRejections, filtersOf } from '../placement/pipeline.js';
import type { Strategy } from '../placement/types.js';
import { nodeImbalance } from '../proxmox/auto-rebalance.js';

export type RebalanceObjective = 'n+1-margin' | 'balance';
export const REBALANCE_OBJECTIVES: readonly RebalanceObjective[] = ['n+1-margin', 'balance'];

export interface MarginMeasure {
  margin: number;
  lostForCapacity: number;
  /** (failure, surviving node) pairs whose slack equals the margin (within 1e-9). */
  atMargin: number;
  /** The failure with the most HA VMs lost, else the one at the margin (first in node order); NO_INDEX without failures. */
  worstFailed: number;
  /** The survivor with the least slack after worstFailed. */
  tightest: number;
}

const EQUAL = 1e-9;

export function measureMargin(state: ClusterState, strategy: Strategy): MarginMeasure {
  const { index } = state;
  const context = failureContext(state, strategy);
  const scratch = failureScratch(context);
  const slacks: number[] = [];
  /** Every survivor's room after every failure, to count the pairs at the margin once it is known. */
  const rooms: number[] = [];
  let lostForCapacity = 0;
  let worst = { failed: NO_INDEX, lost: -1, slack: Infinity, tightest: NO_INDEX };
  for (let failed = 0; failed < index.nodeCount; failed++) {
    if (state.nodeUp[failed] === 0) continue;
    const outcome = simulateFailure(context, [failed], false, scratch);
    let lost = 0;
    if (!outcome.quorate) for (let vm = 0; vm < index.vmCount; vm++) lost += index.vmHa[vm]!;
    else {
      for (let i = outcome.unplacedCount; i < outcome.touched.length; i++) {
        const vm = outcome.touched[i]!;
        const code = outcome.code[vm]!;
        if (code >= DOWN_BASE && index.vmHa[vm] === 1 && CAPACITY_REASONS.has(reasonOf(code))) lost++;
      }
    }
    let slack = Infinity;
    let tightest = NO_INDEX;
    const after = outcome.after;
    if (outcome.quorate && lost > 0) {
      slack = -largestShortfall(context, outcome);
      rooms.push(slack);
    }
    for (let node = 0; node < index.nodeCount; node++) {
      if (after.nodeUp[node] === 0) continue;
      const room = Math.min((index.cpuCap[node]! - after.cpuUsed[node]!) / index.cpuCap[node]!, (index.memCap[node]! - after.memUsed[node]!) / index.memCap[node]!);
      rooms.push(room);
      if (room < slack - EQUAL) {
        slack = room;
        tightest = node;
      }
    }
    resetScratch(context, scratch, outcome, [failed]);
    lostForCapacity += lost;
    slacks.push(slack);
    if (lost > worst.lost || (lost === worst.lost && slack < worst.slack - EQUAL)) worst = { failed, lost, slack, tightest };
  }
  const margin = slacks.length === 0 ? 0 : Math.min(...slacks);
  let atMargin = 0;
  for (const room of rooms) if (room <= margin + EQUAL) atMargin++;
  return { margin, lostForCapacity, atMargin, worstFailed: worst.failed, tightest: worst.tightest };
}

/** The largest, over the HA VMs lost for capacity, of the least each lacks on a node that refuses it for room alone. */
function largestShortfall(context: FailureContext, outcome: CompactOutcome): number {
  const { index } = outcome.after;
  let largest = 0;
  for (let i = outcome.unplacedCount; i < outcome.touched.length; i++) {
    const vm = outcome.touched[i]!;
    const code = outcome.code[vm]!;
    if (code < DOWN_BASE || index.vmHa[vm] === 0 || !CAPACITY_REASONS.has(reasonOf(code))) continue;
    let least = 1;
    for (const { reasons } of explainRejections(outcome.after, vm, filtersOf(context.strategy))) {
      if (reasons.length === 0 || !reasons.every((r) => r.code === 'insufficient')) continue;
      least = Math.min(least, Math.max(...reasons.map((r) => (r.code === 'insufficient' && r.capacity > 0 ? (r.requested - r.free) / r.capacity : 1))));
    }
    largest = Math.max(largest, least);
  }
  return largest;
}

/** Whether `a` is strictly better than `b` in the margin's ranking. */
export function marginBetter(a: MarginMeasure, b: MarginMeasure): boolean {
  if (a.lostForCapacity !== b.lostForCapacity) return a.lostForCapacity < b.lostForCapacity;
  if (a.margin > b.margin + EQUAL) return true;
  if (a.margin < b.margin - EQUAL) return false;
  return a.atMargin < b.atMargin;
}

export function measureImbalance(state: ClusterState): number {
  return nodeImbalance(staticNodeLoads(state));
}
