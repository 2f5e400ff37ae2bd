/**
 * What Proxmox VE's HA auto-rebalance would do to the same cluster (`crs: ha-auto-rebalance=1`,
 * defaults threshold 0.3, margin 0.1, method bruteforce), run move after move with no other
 * event: its decision is auto-rebalance.ts's, reused as is (`selectBalancingMigration`,
 * `relativeImprovement`, the imbalance of staticNodeLoads), so this is the simulator's scoring.
 *   while moves < maxMoves and imbalance > threshold:
 *     candidates: every running HA VM to every other up node its rules allow (the Proxmox
 *       filters: node affinity and priorities, resource affinity, storage, GPUs and disk; the HA
 *       manager never checks that CPU and memory fit);
 *     the best by bruteforce; stop unless it improves the imbalance by at least the margin.
 * Speed-up, same answer up to float rounding: all candidates are ranked in O(1) each by the same
 * imbalance (imbalance-delta.ts) and only the PREFILTER best go to Proxmox's scorer.
 * The hold of three rounds before acting only delays a move, so it is left out.
 * Complexity per move: O(HA VMs × nodes) plus O(PREFILTER × nodes).
 */
import { cloneState, type ClusterState } from '../model/state.js';
import { passesAllFilters } from '../placement/pipeline.js';
import { PROXMOX_FILTERS } from '../placement/filters/index.js';
import { GIB_BYTES, staticNodeLoads } from '../placement/strategies/pve-static.js';
import { AUTO_REBALANCE_DEFAULTS, nodeImbalance, relativeImprovement, selectBalancingMigration, type MigrationCandidate } from '../proxmox/auto-rebalance.js';
import { ImbalanceDelta } from './imbalance-delta.js';
import type { Move } from './migration.js';
import { applyMove, isMovable } from './movable.js';

const PREFILTER = 64;

export interface PassResult {
  state: ClusterState;
  moves: Move[];
  stoppedBy: 'max-moves' | 'below-threshold' | 'below-margin' | 'no-move';
}

export function pveAutoRebalancePass(base: ClusterState, maxMoves: number): PassResult {
  const state = cloneState(base);
  const { index } = state;
  const moves: Move[] = [];
  const { threshold, margin, method } = AUTO_REBALANCE_DEFAULTS;
  while (moves.length < maxMoves) {
    const loads = staticNodeLoads(state);
    const current = nodeImbalance(loads);
    if (current <= threshold) return { state, moves, stoppedBy: 'below-threshold' };
    const delta = new ImbalanceDelta(state);
    const ranked: Array<{ vm: number; to: number; value: number }> = [];
    for (let vm = 0; vm < index.vmCount; vm++) {
      if (index.vmHa[vm] === 0 || !isMovable(state, vm)) continue;
      for (let to = 0; to < index.nodeCount; to++) {
        if (to === state.vmNode[vm] || state.nodeUp[to] === 0 || !passesAllFilters(state, vm, to, PROXMOX_FILTERS)) continue;
        ranked.push({ vm, to, value: delta.afterMove(vm, to) });
      }
    }
    ranked.sort((a, b) => a.value - b.value || a.vm - b.vm || a.to - b.to);
    const candidates: MigrationCandidate[] = ranked.slice(0, PREFILTER).map(({ vm, to }) => ({
      sid: index.cluster.vms[vm]!.name,
      members: [index.cluster.vms[vm]!.name],
      source: index.nodes[state.vmNode[vm]!]!.name,
      target: index.nodes[to]!.name,
      load: { cpu: index.vmCpu[vm]!, memBytes: index.vmMem[vm]! * GIB_BYTES },
    }));
    const best = selectBalancingMigration(loads, candidates, method);
    if (best === undefined) return { state, moves, stoppedBy: 'no-move' };
    if (relativeImprovement(current, best.imbalance) < margin) return { state, moves, stoppedBy: 'below-margin' };
    moves.push(applyMove(state, index.vmIndex.get(best.candidate.sid)!, index.nodeIndex.get(best.candidate.target)!));
  }
  return { state, moves, stoppedBy: 'max-moves' };
}
