/**
 * The verdict after a change, up to its first breach, for searches that judge many changes of one
 * cluster (node-remedy.ts, policy-timeline.ts, fixes.ts); apart from check.ts so that those can
 * use it without importing the whole change check.
 */
import type { Cluster } from '../model/cluster.js';
import { placedState, strategyNamed } from '../placement/plan.js';
import { applyChange, strategyAfterChange, type ClusterChange } from './change.js';
import { evaluatePolicy, type PolicyOptions, type PolicyResult } from './failover-policy.js';

/** Where each VM runs once the strategy has placed the cluster (the "before" side of checkChange), by name. */
export function placementByName(cluster: Cluster, strategyName: string): Map<string, string> {
  const { index, state } = placedState(cluster, strategyNamed(strategyName), false);
  const placedOn = new Map<string, string>();
  cluster.vms.forEach((vm, i) => {
    const node = state.vmNode[i]!;
    if (node >= 0) placedOn.set(vm.name, index.nodes[node]!.name);
  });
  return placedOn;
}

/**
 * The "after" verdict of checkChange up to its first breach, for a search that judges many
 * changes of one cluster: `placedOn` is placementByName(cluster, strategyName), computed once
 * by the caller, since the "before" side does not depend on the change. The placement after
 * the change is checkChange's own (the same applyChange and placement), and evaluatePolicy
 * stopped at the first breach gives the same `holds` and steady state and, when the steady
 * state holds, the same first breach: it walks the scenarios in the same order and stops where
 * the full list has its first entry (a broken steady state skips the scenarios).
 */
export function verdictAfterChange(cluster: Cluster, change: ClusterChange, strategyName: string, policy: PolicyOptions, placedOn: ReadonlyMap<string, string>): PolicyResult {
  const strategy = strategyNamed(strategyAfterChange(strategyName, change));
  return evaluatePolicy(placedState(applyChange(cluster, change, placedOn), strategy, false).state, strategy, policy, true);
}
