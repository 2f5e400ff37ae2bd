/**
 * Exact sizing search: is there a placement of every VM on the N identical nodes of a sized
 * cluster (size.ts) that passes every placement filter and keeps an n+1 or n+2 policy? The
 * answer is `found` (with the placement), `infeasible` (proven: no placement exists) or
 * `unknown` (the search-node budget ran out first, or the caller's time limit, a safety net).
 *
 * Search: depth-first branch and bound, one VM per level, hardest first (decreasing normalised
 * size, vm-order.ts), trying its nodes in number order. A branch opens only when the placement
 * filters pass (filters/index.ts: the hard constraints of `place`, reused, not restated) and the
 * pruning rules below hold. A leaf has every VM placed and is decided by evaluatePolicy under
 * the restart strategy, the same check as every other command: "infeasible" is meant in
 * headroom's own semantics, restart order and tie-breaks included.
 *
 * Symmetry (the tree shrinks; the search stays exhaustive):
 *   nodes  The nodes are copies, so every placement has a renumbering that numbers nodes in
 *          order of first use: a VM goes to a node already used or to the first empty one.
 *          Renumbering keeps the verdict of every filter and pruning rule (they treat nodes
 *          alike), but not always the policy's: restarts break ties by node order (first fit,
 *          equal scores). So a leaf that breaks the policy is checked again under every other
 *          numbering of its used nodes (N! / (N − used)! numberings; empty nodes are alike)
 *          before it counts as failed.
 *   VMs    VMs with the same demands, pool, GPU model, anti-affinity group, HA flag and priority
 *          and HA rule partners, not pinned, and next to each other in restart order are
 *          interchangeable: a swap changes no filter and, in every scenario, not the sequence of
 *          restarted sizes. Within such a class, later VMs (in search order) take node numbers no
 *          smaller than earlier ones. Both reductions hold at once: number nodes in order of
 *          first use while giving each class member, in search order, the lowest-numbered node
 *          left to its class (Gent, Petrie & Puget, "Symmetry in constraint programming",
 *          Handbook of Constraint Programming, 2006, ch. 10; the bin rule is Martello & Toth's).
 *
 * Pruning (size-exact-pruning.ts, each rule with why it is valid): failover room, the
 * restartable demand of every failure scenario against the survivors' free room net of the
 * VMs still to place; restart packing, those VMs placed again on the survivors, every filter
 * passing. Both are necessary for the policy and stay broken once broken, so a cut subtree
 * holds no solution. (Capacity per node is the capacity filter's; total volume is the lower
 * bounds' job: unplaced plus used demand is constant, so it never cuts.)
 *
 * Reference: Martello & Toth, "Knapsack Problems", Wiley 1990, ch. 8 (branch and bound for bin
 * packing, first-empty-bin symmetry rule).
 * Complexity: at most N^V search nodes for V VMs (far fewer after symmetry and pruning), each
 * O(filters + scenarios) plus the packing steps; a leaf costs up to N! policy evaluations of
 * O(scenarios × VMs × N). The budget counts all of it (an evaluation as one search node per
 * scenario), so the answer does not depend on machine speed; the time limit is a safety net that
 * only ever turns an answer into `unknown` (stoppedBy `time-limit`).
 */
import { InvariantError } from '../../errors.js';
import type { Cluster } from '../model/cluster.js';
import { indexCluster, NO_INDEX, type ClusterIndex } from '../model/cluster-index.js';
import type { PartnerLists } from '../model/ha-constraints.js';
import { assign, emptyState, unassign, type ClusterState } from '../model/state.js';
import { failureContext } from '../failure/context.js';
import { passesAllFilters } from '../placement/pipeline.js';
import type { Strategy } from '../placement/types.js';
import { normalisedSizes } from '../placement/vm-order.js';
import { evaluatePolicy, policyScenarios, type PolicyOptions } from './failover-policy.js';
import { failoverPruning } from './size-exact-pruning.js';
import { reachesThreshold } from './steady-state.js';

/** Inventories up to this many VMs are searched exactly; beyond, heuristics and lower bounds only. */
export const EXACT_MAX_VMS = 40;
/** Search nodes per node count. The lab's hardest case (n+2, pve-basic restarts) needs 3.7 M: 10 s on a 2-core machine. */
export const EXACT_BUDGET = 10_000_000;

export interface ExactOptions {
  /** n+1 or n+2 only: those scenario sets treat every node alike, which the symmetry rules need. */
  policy: PolicyOptions & { scenarios: 'n+1' | 'n+2' };
  /** Decides the restarts in every failure scenario. */
  restartStrategy: Strategy;
  /** Search nodes before giving up: assignments tried, packing steps, and per policy evaluation one per scenario. */
  budget: number;
  /** The safety net: true once the caller's time limit has passed. */
  expired: () => boolean;
  /** Search nodes spent of at most `total` (the budget; at the end, what was spent), at each look at the safety net: a progress bar, nothing depends on it. */
  onProgress?: (done: number, total: number) => void;
}

export type ExactOutcome =
  | { outcome: 'found'; placement: ClusterState; searchNodes: number }
  | { outcome: 'infeasible'; searchNodes: number }
  | { outcome: 'unknown'; stoppedBy: 'budget' | 'time-limit'; searchNodes: number };

/** Search nodes between two looks at the caller's safety net (options.expired) and reports of progress. */
const CLOCK_EVERY = 1024;

export function searchPlacement(cluster: Cluster, options: ExactOptions): ExactOutcome {
  const index = indexCluster(cluster);
  assertCopiesOfOneNode(index);
  const state = emptyState(index);
  const sizes = normalisedSizes(index);
  const order = Array.from({ length: index.vmCount }, (_, vm) => vm).sort((a, b) => sizes[b]! - sizes[a]! || a - b);
  const predecessor = classPredecessors(index, order, options.restartStrategy);
  const pruning = failoverPruning(index, options.policy.scenarios, order);
  const evaluationCost = policyScenarios(index, options.policy.scenarios).length;
  let searchNodes = 0;
  let nextLook = 0;
  let stoppedBy: 'budget' | 'time-limit' | null = null;
  const spend = (cost = 1): boolean => {
    if (searchNodes + cost > options.budget) stoppedBy = 'budget';
    else if (searchNodes >= nextLook) {
      nextLook = searchNodes + CLOCK_EVERY;
      options.onProgress?.(searchNodes, options.budget);
      if (options.expired()) stoppedBy = 'time-limit';
    }
    if (stoppedBy === null) searchNodes += cost;
    return stoppedBy === null;
  };

  const leaf = (used: number): ClusterState | null => {
    for (const numbering of numberings(used, index.nodeCount)) {
      if (!spend(evaluationCost)) return null;
      const candidate = renumbered(state, numbering);
      if (evaluatePolicy(candidate, options.restartStrategy, options.policy, true).holds) return candidate;
    }
    return null;
  };
  const extend = (depth: number, used: number): ClusterState | null => {
    if (depth === order.length) return leaf(used);
    const vm = order[depth]!;
    const before = predecessor[vm]!;
    for (let node = before === NO_INDEX ? 0 : state.vmNode[before]!; node <= Math.min(used, index.nodeCount - 1); node++) {
      if (!spend()) return null;
      if (!passesAllFilters(state, vm, node)) continue;
      assign(state, vm, node);
      pruning.move(vm, node, 1);
      // With the threshold counting, a node at its alert level stays there whatever follows.
      const alerting = options.policy.threshold && reachesThreshold(state, node);
      const found = !alerting && pruning.holds(state, spend) ? extend(depth + 1, Math.max(used, node + 1)) : null;
      if (found !== null) return found;
      pruning.move(vm, node, -1);
      unassign(state, vm);
      if (stoppedBy !== null) return null;
    }
    return null;
  };

  const placement = extend(0, 0);
  options.onProgress?.(searchNodes, searchNodes);
  if (placement !== null) return { outcome: 'found', placement, searchNodes };
  return stoppedBy === null ? { outcome: 'infeasible', searchNodes } : { outcome: 'unknown', stoppedBy, searchNodes };
}

/**
 * The symmetry and pruning arguments hold for what size.ts builds: nodes alike in capacity, GPU
 * model, votes and pools, and no shared pool served by a node (survivors keep their VMs).
 */
function assertCopiesOfOneNode(index: ClusterIndex): void {
  const alike = (values: ArrayLike<number>) => Array.from(values).every((value) => value === values[0]);
  const pools = index.poolNames.every((_, pool) => {
    const instances = index.instanceAt.subarray(pool * index.nodeCount, (pool + 1) * index.nodeCount);
    return instances.every((instance) => instance === NO_INDEX) || (!instances.includes(NO_INDEX) && alike(Array.from(instances, (instance) => index.instanceCap[instance]!)));
  });
  const unserved = index.instanceHost.every((host, instance) => index.instanceShared[instance] === 0 || host === NO_INDEX);
  const nodesAlike = [index.cpuCap, index.memCap, index.gpuCap, index.nodeGpuModel, index.nodes.map((node) => node.votes)].every(alike);
  if (!(pools && unserved && nodesAlike)) throw new InvariantError('the exact search needs copies of one node', index.nodes.map((node) => node.name));
}

/**
 * Each VM's predecessor in its symmetry class, in search order (NO_INDEX for the first). Classes
 * are runs of equal keys in restart order, the order failureContext gives the strategy's restarts.
 */
function classPredecessors(index: ClusterIndex, order: readonly number[], restartStrategy: Strategy): Int32Array {
  const { restartRank } = failureContext(emptyState(index), restartStrategy);
  const byRank = [...order].sort((a, b) => restartRank[a]! - restartRank[b]!);
  const classOf = new Int32Array(index.vmCount);
  let current = -1;
  let previousKey: string | null = null;
  for (const vm of byRank) {
    const key = symmetryKey(index, vm);
    if (key === null || key !== previousKey) current++;
    classOf[vm] = current;
    previousKey = key;
  }
  const lastOfClass = new Map<number, number>();
  const predecessor = new Int32Array(index.vmCount);
  for (const vm of order) {
    predecessor[vm] = lastOfClass.get(classOf[vm]!) ?? NO_INDEX;
    lastOfClass.set(classOf[vm]!, vm);
  }
  return predecessor;
}

/** What makes two VMs interchangeable; null for a VM tied to particular nodes (never grouped). */
function symmetryKey(index: ClusterIndex, vm: number): string | null {
  if (index.vmAllowed[vm] !== null || index.vmPreferred[vm] !== null || index.ha.priority[vm] !== null || index.vmCurrentNode[vm] !== NO_INDEX) return null;
  // Partners with the VM itself: the members of one negative rule all get the same set.
  const closedPartners = (lists: PartnerLists): string => {
    const partners = Array.from(lists.vms.subarray(lists.start[vm]!, lists.start[vm + 1]!));
    return partners.length === 0 ? '' : [...partners, vm].sort((a, b) => a - b).join(',');
  };
  return [
    index.vmCpu[vm], index.vmMem[vm], index.vmDisk[vm], index.vmPool[vm], index.vmGpus[vm], index.vmGpuModel[vm],
    index.vmGroup[vm], index.vmHa[vm], index.vmPriority[vm], closedPartners(index.ha.apart), closedPartners(index.ha.together),
  ].join('|');
}

/** Every injective numbering of nodes 0..used−1 into 0..total−1, the identity first. */
function* numberings(used: number, total: number): Generator<Int32Array> {
  const numbering = new Int32Array(used);
  const taken = new Uint8Array(total);
  function* fill(position: number): Generator<Int32Array> {
    if (position === used) {
      yield numbering;
      return;
    }
    for (let target = 0; target < total; target++) {
      if (taken[target] === 1) continue;
      taken[target] = 1;
      numbering[position] = target;
      yield* fill(position + 1);
      taken[target] = 0;
    }
  }
  yield* fill(0);
}

/** The placement with node n moved to numbering[n]: a fresh state, filters already passed. */
function renumbered(state: ClusterState, numbering: Int32Array): ClusterState {
  const copy = emptyState(state.index);
  for (let vm = 0; vm < state.index.vmCount; vm++) assign(copy, vm, numbering[state.vmNode[vm]!]!);
  return copy;
}
