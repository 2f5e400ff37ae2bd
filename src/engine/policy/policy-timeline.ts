/**
 * The failover policy along a forecast: when does it first break, and how many nodes like an
 * existing one keep it holding to the end of the horizon?
 *
 * Each step scales every VM's vCPUs and memory by its forecast growth at that step (a
 * multiplier against today: forecast / today's level; where only node history exists, every VM
 * of the node takes the node's factor) and judges the scaled cluster with the same evaluation
 * `check` uses (checkChange with no change): VMs stay where they run, so growth that fills a node
 * is an overload there. Growth is not assumed monotone: every step is judged, in order, and the
 * first that breaks is the answer, with its scenario and VM. The nodes to add must make every
 * step hold (node-remedy.ts with that stricter judge): first with the VMs where they run, and
 * when no such addition exists, with the VMs placed again by the strategy on the larger cluster
 * (said as `rebalance`: growth that overfills a node needs moves as well as nodes).
 * Cost: steps × one policy evaluation, and at most MAX_ADDED_NODES × models × steps for the nodes
 * (a candidate that fails usually stops at the step that broke the one before).
 */
import type { Cluster } from '../model/cluster.js';
import { placedState, strategyNamed } from '../placement/plan.js';
import { applyChange, NO_CHANGE, type ClusterChange } from './change.js';
import { placementByName, verdictAfterChange } from './change-verdict.js';
import { evaluatePolicy, type PolicyOptions, type PolicyResult } from './failover-policy.js';
import { cheapestNodeAddition } from './node-remedy.js';

export interface DemandStep {
  /** Days after the last sample. */
  day: number;
  /** Multiplier on each VM's vCPUs, in the cluster's VM order (1 = today). */
  cpu: Float64Array;
  /** Multiplier on each VM's memory, in the cluster's VM order. */
  mem: Float64Array;
}

export interface PolicyTimeline {
  stepsChecked: number;
  /** The first step at which the policy breaks, or null when it holds at every step. */
  firstBreach: { day: number; scenario: string | null; vm: string | null; reason: string } | null;
  /**
   * The fewest nodes like an existing one that make every step hold (null: none needed, or none
   * found). `rebalance`: only with the VMs placed again by the strategy on the larger cluster
   * (growth overfills a node where a VM runs today, which new nodes alone cannot cure).
   */
  nodesToHold: { like: string; added: string[]; rebalance: boolean } | null;
  remedyChecked: number;
}

export function policyTimeline(cluster: Cluster, strategyName: string, policy: PolicyOptions, steps: readonly DemandStep[]): PolicyTimeline {
  const scaled = steps.map((step) => scaledCluster(cluster, step));
  // checkChange's "after" verdict up to its first breach (all whatBreaks reads); each step's
  // placement before the change is the same for every change judged, so it is placed once.
  const placedOn: Array<Map<string, string> | undefined> = [];
  const judge = (i: number, change: ClusterChange) => verdictAfterChange(scaled[i]!, change, strategyName, policy, (placedOn[i] ??= placementByName(scaled[i]!, strategyName)));
  let firstBreach: PolicyTimeline['firstBreach'] = null;
  let stepsChecked = 0;
  for (let i = 0; i < scaled.length; i++) {
    stepsChecked++;
    const result = judge(i, NO_CHANGE);
    if (result.holds) continue;
    firstBreach = { day: steps[i]!.day, ...whatBreaks(result) };
    break;
  }
  if (firstBreach === null) return { stepsChecked, firstBreach, nodesToHold: null, remedyChecked: 0 };
  // A candidate holds when every step holds, whatever order they are judged in: the step that
  // broke the last candidate goes first (the last step to begin with, where growth has gone
  // furthest), so a candidate that fails usually costs one step, not the whole horizon.
  let hardest = scaled.length - 1;
  const everyStep = (holds: (i: number) => boolean): boolean => {
    if (!holds(hardest)) return false;
    for (let i = 0; i < scaled.length; i++) {
      if (i === hardest || holds(i)) continue;
      hardest = i;
      return false;
    }
    return true;
  };
  const inPlace = cheapestNodeAddition(cluster, strategyName, policy, (change) => everyStep((i) => judge(i, change).holds));
  if (inPlace.remedy !== null) return { stepsChecked, firstBreach, nodesToHold: { like: inPlace.remedy.like, added: inPlace.remedy.added, rebalance: false }, remedyChecked: inPlace.checked };
  // Placed afresh: the cluster with the nodes added, every VM placed by the strategy.
  const strategy = strategyNamed(strategyName);
  const placedAfresh = (c: Cluster, change: ClusterChange) => evaluatePolicy(placedState(applyChange(withoutLayout(c), change, new Map()), strategy, false).state, strategy, policy, true).holds;
  const moved = cheapestNodeAddition(cluster, strategyName, policy, (change) => everyStep((i) => placedAfresh(scaled[i]!, change)));
  const checked = inPlace.checked + moved.checked;
  return { stepsChecked, firstBreach, nodesToHold: moved.remedy && { like: moved.remedy.like, added: moved.remedy.added, rebalance: true }, remedyChecked: checked };
}

/** The steady state first (growth that overfills a node breaks before any failure), then the first scenario. */
function whatBreaks(result: PolicyResult): { scenario: string | null; vm: string | null; reason: string } {
  const steady = result.steadyState;
  if (!steady.holds) {
    const reason = steady.unplaced.length > 0 ? 'unplaced' : steady.nodesOverCapacity.length + steady.poolsOverCapacity.length > 0 ? 'node-over-capacity' : steady.violations.length > 0 ? 'rule' : 'threshold';
    return { scenario: null, vm: steady.unplaced[0] ?? null, reason };
  }
  const breach = result.breaches[0]!;
  const lost = breach.vmsDown[0];
  return { scenario: breach.scenario, vm: lost?.vm ?? null, reason: !breach.quorate ? 'no-quorum' : (lost?.reason ?? 'node-over-capacity') };
}

function withoutLayout(cluster: Cluster): Cluster {
  return { ...cluster, vms: cluster.vms.map((vm) => ({ ...vm, currentNode: null })) };
}

function scaledCluster(cluster: Cluster, step: DemandStep): Cluster {
  return { ...cluster, vms: cluster.vms.map((vm, i) => ({ ...vm, vcpus: vm.vcpus * step.cpu[i]!, memGiB: vm.memGiB * step.mem[i]! })) };
}
