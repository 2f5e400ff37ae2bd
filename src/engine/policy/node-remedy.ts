/**
 * The smallest hardware fix for a broken failover policy: the fewest nodes like one the cluster
 * already has whose addition makes the policy hold. Each candidate is judged by checkChange, on
 * a copy, so its placement (VMs stay where they run), restarts and verdict are exactly those of
 * `check --add-node NEW=LIKE`.
 *
 * Search: for count = 1 .. MAX_ADDED_NODES, each distinct node model (hardware, local pools and
 * shared-pool reach, first node of each in scenario order); the first that holds wins, so the
 * answer has the fewest nodes, ties to the model listed first. Adding capacity is not monotone
 * for greedy restarts in every case, so a count that does not hold does not prove that a larger
 * one would not; the search simply tries them in order and says how many it checked.
 * Only checkChange's `holds` decides, and it is the "after" side's alone, so the cluster as it
 * is gets placed once for all candidates and each candidate's policy evaluation stops at its
 * first breach (verdictAfterChange).
 * Complexity: at most MAX_ADDED_NODES × models candidates, each one placement and one policy
 * evaluation up to its first breach.
 */
import type { Cluster, NodeSpec } from '../model/cluster.js';
import { applyChange, NO_CHANGE, nodeLike, type ClusterChange } from './change.js';
import { placementByName, verdictAfterChange } from './change-verdict.js';
import type { PolicyOptions } from './failover-policy.js';

export const MAX_ADDED_NODES = 3;

export interface NodeRemedy {
  /** The node whose hardware the new nodes copy. */
  like: string;
  /** The names given to the new nodes in the checked change. */
  added: string[];
  /** The cluster after the change, for what follows from it (headroom). */
  cluster: Cluster;
}

/**
 * `judge` decides a candidate change; by default `check`'s verdict does, on the cluster as it
 * is. A caller with a stricter question (the policy at every step of a forecast) passes its
 * own. The placement of today is computed at most once, when a candidate or the answer needs it.
 */
export function cheapestNodeAddition(
  cluster: Cluster,
  strategyName: string,
  policy: PolicyOptions,
  judge?: (change: ClusterChange) => boolean,
): { remedy: NodeRemedy | null; checked: number } {
  let placedToday: Map<string, string> | null = null;
  const today = (): Map<string, string> => (placedToday ??= placementByName(cluster, strategyName));
  const holds = judge ?? ((change: ClusterChange) => verdictAfterChange(cluster, change, strategyName, policy, today()).holds);
  const models = distinctModels(cluster);
  let checked = 0;
  for (let count = 1; count <= MAX_ADDED_NODES; count++) {
    for (const model of models) {
      const added = freshNames(cluster, count);
      const change: ClusterChange = { ...NO_CHANGE, addNodes: added.map((name) => nodeLike(cluster, model, { ...model, name })) };
      checked++;
      if (holds(change)) return { remedy: { like: model.name, added, cluster: applyChange(cluster, change, today()) }, checked };
    }
  }
  return { remedy: null, checked };
}

/** One node per distinct hardware and storage reach, in scenario order. */
function distinctModels(cluster: Cluster): NodeSpec[] {
  const signature = (node: NodeSpec): string => {
    const { localPools, sharedPools } = nodeLike(cluster, node, node);
    return JSON.stringify([node.cpuThreads, node.memGiB, node.memReservedGiB, node.gpus, node.gpuModel, localPools, sharedPools]);
  };
  const firstOfEach = new Map<string, NodeSpec>();
  for (const node of cluster.nodes) {
    const key = signature(node);
    if (!firstOfEach.has(key)) firstOfEach.set(key, node);
  }
  return [...firstOfEach.values()];
}

/** added-1, added-2, ...: names no node has yet. */
function freshNames(cluster: Cluster, count: number): string[] {
  const taken = new Set(cluster.nodes.map((node) => node.name));
  const names: string[] = [];
  for (let serial = 1; names.length < count; serial++) if (!taken.has(`added-${serial}`)) names.push(`added-${serial}`);
  return names;
}
