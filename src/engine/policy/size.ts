/**
 * Sizing: the fewest nodes of one model that host the inventory with the failover policy, as
 * an interval [lower bound, best found]; optimal when the two meet (the lower bound is then
 * the proof).
 *
 * The sized cluster is N copies of the model node: its hardware and its local pools. Shared
 * pools stay as they are, but their serving node is outside the sized set (storage is assumed
 * to stay up), and node affinities to today's node names are dropped (those nodes do not exist in
 * the sized cluster). VMs the model can never host (a GPU it lacks, a pool it cannot reach,
 * more than one node has) are listed and left out of the count.
 *
 * Lower bounds (each valid on its own, the largest wins):
 *   capacity   N >= max_r ceil(Σ demand_r / capacity_r(model))          r in CPU, memory, GPUs, local disk
 *   packing    N >= the proven optimum (or lower bound) of the vector bin packing of the VMs
 *              into the model's capacity, dimensions CPU, memory, GPUs and each local pool
 *              (engine/packing's best configuration: exact for small inventories). Sizes are
 *              rounded down and capacities up to 1/100, so the bound stays valid.
 *   failover   N >= k + the same two bounds over the HA VMs on shared storage alone: after k
 *              failures the survivors must hold every restartable HA VM (k = 1 for n+1, 2
 *              for n+2)
 *   spread     N >= the largest anti-affinity group
 *   quorum     N >= 2k + 1 - q for n+k, q the QDevice's votes: the survivors of k failures
 *              must hold a majority of the votes (N - k + q > (N + q) / 2, the copies voting
 *              alike), else every scenario ends in no-quorum, which breaks the policy
 * Search: from the lower bound upward, each N is placed with every registry strategy in turn
 * and checked against the policy (restarts by the one restart strategy, so that every N is
 * judged alike); the first N that one strategy makes work is the best found. Then, for an
 * inventory of at most exactMaxVms VMs, the exact search (size-exact.ts) decides each N from
 * the lower bound up to best found − 1: a placement found makes it the best found; an N proven
 * infeasible, with every N below it, raises the lower bound (bound `exact`). The threshold,
 * EXACT_MAX_VMS = 40 by default, keeps the exact search to inventories where it can end within
 * its budget: the lab's 17 VMs on node01 copies in under a second for n+1 and n+2; the lab
 * doubled (34 VMs) decides n+1 and runs out of budget for n+2 in 2 s. Beyond it the interval
 * comes from the heuristics and the lower bounds alone.
 * Budgets are in work units (node counts up to maxNodes, each tried with every strategy; the
 * exact search's search nodes; the packing bound's own), so the result is the same on any
 * machine; a caller-supplied safety net (`expired`, the time limit) may stop any search early,
 * and the result then says so (`timedOut`). The engine reads no clock itself.
 */
import type { Cluster, NodeSpec, Resource, StoragePool, VmSpec } from '../model/cluster.js';
import { planPlacement } from '../placement/plan.js';
import { STRATEGY_NAMES } from '../placement/strategies/index.js';
import type { Strategy } from '../placement/types.js';
import { bestConfiguration } from '../packing/best-configuration.js';
import { evaluatePolicy, type PolicyOptions } from './failover-policy.js';
import { searchPlacement, type ExactOptions, type ExactOutcome } from './size-exact.js';
import { cpuCapacity, memCapacity } from '../model/node-capacity.js';

export interface SizeOptions {
  policy: PolicyOptions;
  /** Decides the restarts in every failure scenario, whichever strategy placed the VMs. */
  restartStrategy: Strategy;
  /**
   * The safety net: true once the caller's time limit has passed; every search then stops. The
   * budgets (maxNodes, exactBudget, the packing bound's) are in work units and decide the result
   * whenever it stays false; `timedOut` reports that it fired.
   */
  expired: () => boolean;
  /** Never try more nodes than this. */
  maxNodes: number;
  /** Search exactly when the inventory has at most this many VMs (0: never). */
  exactMaxVms: number;
  /** Search nodes the exact search may spend on each N. */
  exactBudget: number;
  /**
   * The exact search's work: `done` search nodes of at most `total`, the budget of every N still
   * to decide (the heuristic search before it has no bound short of maxNodes, so it reports
   * nothing). For a progress bar: no result depends on it.
   */
  onProgress?: (done: number, total: number) => void;
}

export interface ExactTry {
  nodes: number;
  outcome: ExactOutcome['outcome'];
  /** What ended an `unknown` search; null otherwise. */
  stoppedBy: 'budget' | 'time-limit' | null;
  searchNodes: number;
}

export interface SizeResult {
  model: string;
  policy: string;
  restartStrategy: string;
  lowerBound: number;
  boundBy: Array<{ bound: 'capacity' | 'packing' | 'failover' | 'failover-packing' | 'spread' | 'quorum' | 'exact'; resource: Resource | null; nodes: number }>;
  /** Fewest nodes found that work, or null when none up to maxNodes did in time. */
  bestFound: number | null;
  optimal: boolean;
  /** The strategy that placed the best found, or `exact search`. */
  strategy: string | null;
  unhostable: Array<{ vm: string; why: string }>;
  triedUpTo: number;
  /** The time limit (a safety net) stopped a search: only then may the result depend on machine speed. */
  timedOut: boolean;
  /** The exact search, run when vms <= maxVms under n+1 or n+2: each N it tried from the lower bound up, in order. */
  exact: { vms: number; maxVms: number; budget: number; tried: ExactTry[] };
}

export function sizeForModel(cluster: Cluster, modelName: string, given: SizeOptions): SizeResult {
  // Once the safety net fires it stays fired, and the result says so.
  let timedOut = false;
  const options: SizeOptions = { ...given, expired: () => (timedOut ||= given.expired()) };
  const result = sizeWithin(cluster, modelName, options);
  return { ...result, timedOut };
}

function sizeWithin(cluster: Cluster, modelName: string, options: SizeOptions): Untimed {
  const model = cluster.nodes.find((n) => n.name === modelName)!;
  const unhostable = cluster.vms.flatMap((vm) => {
    const why = whyUnhostable(cluster, model, vm);
    return why === null ? [] : [{ vm: vm.name, why }];
  });
  const skipped = new Set(unhostable.map((u) => u.vm));
  const vms = cluster.vms.filter((vm) => !skipped.has(vm.name)).map((vm) => ({ ...vm, currentNode: null, affinity: null, replication: null }));
  const boundBy = lowerBounds(cluster, model, vms, options);
  const lowerBound = Math.max(1, ...boundBy.map((b) => b.nodes));
  const heuristic: Untimed = {
    model: modelName, policy: policyLabel(options.policy), restartStrategy: options.restartStrategy.name, lowerBound, boundBy,
    ...searchUpward(cluster, model, vms, lowerBound, options), unhostable,
    exact: { vms: vms.length, maxVms: options.exactMaxVms, budget: options.exactBudget, tried: [] },
  };
  const { scenarios } = options.policy;
  const exactPolicy = scenarios === 'n+1' || scenarios === 'n+2' ? { ...options.policy, scenarios } : null;
  if (exactPolicy === null || vms.length > options.exactMaxVms) return heuristic;
  const { restartStrategy, exactBudget: budget, expired, onProgress } = options;
  return closeExactly(heuristic, cluster, model, vms, { policy: exactPolicy, restartStrategy, budget, expired, onProgress });
}

/** A result before sizeForModel adds whether the safety net fired. */
type Untimed = Omit<SizeResult, 'timedOut'>;

/** The heuristic search: N from the lower bound up, every strategy at each N. */
function searchUpward(cluster: Cluster, model: NodeSpec, vms: VmSpec[], lowerBound: number, options: SizeOptions): Pick<SizeResult, 'bestFound' | 'optimal' | 'strategy' | 'triedUpTo'> {
  let triedUpTo = lowerBound - 1;
  for (let nodes = lowerBound; nodes <= options.maxNodes; nodes++) {
    if (options.expired()) return { bestFound: null, optimal: false, strategy: null, triedUpTo };
    triedUpTo = nodes;
    const sized = sizedCluster(cluster, model, nodes, vms);
    for (const strategy of STRATEGY_NAMES) {
      const placed = planPlacement(sized, strategy);
      if (placed.result.unplaced.length > 0) continue;
      if (!evaluatePolicy(placed.state, options.restartStrategy, options.policy, true).holds) continue;
      return { bestFound: nodes, optimal: nodes === lowerBound, strategy, triedUpTo };
    }
  }
  return { bestFound: null, optimal: false, strategy: null, triedUpTo };
}

/**
 * The exact search on each N from the lower bound to best found − 1: found ends it with N as
 * the best found; infeasible raises the lower bound while every N below was infeasible too.
 */
function closeExactly(result: Untimed, cluster: Cluster, model: NodeSpec, vms: VmSpec[], options: ExactOptions): Untimed {
  let { lowerBound, bestFound, strategy } = result;
  const tried: ExactTry[] = [];
  let spent = 0;
  for (let nodes = lowerBound; bestFound !== null && nodes < bestFound; nodes++) {
    // Progress: the search nodes spent on earlier N, this N's, and the budget of each N above it.
    const later = (bestFound - 1 - nodes) * options.budget;
    const onProgress = (done: number, total: number): void => options.onProgress?.(spent + done, spent + total + later);
    const search = searchPlacement(sizedCluster(cluster, model, nodes, vms), { ...options, onProgress });
    spent += search.searchNodes;
    const stoppedBy = search.outcome === 'unknown' ? search.stoppedBy : null;
    tried.push({ nodes, outcome: search.outcome, stoppedBy, searchNodes: search.searchNodes });
    if (search.outcome === 'found') [bestFound, strategy] = [nodes, 'exact search'];
    if (search.outcome === 'infeasible' && nodes === lowerBound) lowerBound = nodes + 1;
    if (search.outcome === 'found' || stoppedBy === 'time-limit') break;
  }
  const boundBy = lowerBound > result.lowerBound ? [...result.boundBy, { bound: 'exact' as const, resource: null, nodes: lowerBound }] : result.boundBy;
  return { ...result, lowerBound, boundBy, bestFound, optimal: bestFound === lowerBound, strategy, exact: { ...result.exact, tried } };
}

function policyLabel(policy: PolicyOptions): string {
  return typeof policy.scenarios === 'string' ? policy.scenarios : 'list';
}

function whyUnhostable(cluster: Cluster, model: NodeSpec, vm: VmSpec): string | null {
  if (vm.gpus > model.gpus) return `needs ${vm.gpus} GPU(s), the model has ${model.gpus}`;
  if (vm.gpus > 0 && vm.gpuModel !== null && vm.gpuModel !== model.gpuModel) return `needs a ${vm.gpuModel} GPU`;
  if (vm.vcpus > cpuCapacity(model, cluster.policy)) return `needs ${vm.vcpus} vCPUs, more than one node has`;
  if (vm.memGiB > memCapacity(model, cluster.policy)) return `needs ${vm.memGiB} GiB, more than one node has`;
  const pool = cluster.pools.find((p) => p.name === vm.pool)!;
  if (pool.kind === 'local' && !(model.name in pool.capacityGiBByNode)) return `its pool ${pool.name} is not on the model`;
  if (pool.kind === 'shared' && !pool.reachableFrom.includes(model.name)) return `its pool ${pool.name} is not reachable from the model`;
  return null;
}

function lowerBounds(cluster: Cluster, model: NodeSpec, vms: readonly VmSpec[], options: SizeOptions): SizeResult['boundBy'] {
  const { policy } = options;
  const localDisk = Object.fromEntries(cluster.pools.flatMap((p) => (p.kind === 'local' && model.name in p.capacityGiBByNode ? [[p.name, p.capacityGiBByNode[model.name]!]] : [])));
  const capacity: Array<[Resource, number, (vm: VmSpec) => number]> = [
    ['cpu', cpuCapacity(model, cluster.policy), (vm) => vm.vcpus],
    ['memGiB', memCapacity(model, cluster.policy), (vm) => vm.memGiB],
    ['gpus', model.gpus, (vm) => vm.gpus],
  ];
  const bound = (subset: readonly VmSpec[], extra: number, kind: 'capacity' | 'failover'): SizeResult['boundBy'] => {
    const bounds = capacity.flatMap(([resource, cap, demand]) => {
      const total = subset.reduce((sum, vm) => sum + demand(vm), 0);
      return total > 0 && cap > 0 ? [{ bound: kind, resource, nodes: extra + Math.ceil(total / cap - 1e-9) }] : [];
    });
    for (const [pool, cap] of Object.entries(localDisk)) {
      const total = subset.filter((vm) => vm.pool === pool).reduce((sum, vm) => sum + vm.diskGiB, 0);
      if (total > 0 && kind === 'capacity') bounds.push({ bound: kind, resource: 'diskGiB', nodes: Math.ceil(total / cap - 1e-9) });
    }
    return bounds;
  };
  const failures = policy.scenarios === 'n+2' ? 2 : policy.scenarios === 'n+1' ? 1 : 0;
  const sharedPools = new Set(cluster.pools.filter((p) => p.kind === 'shared').map((p) => p.name));
  const restartable = vms.filter((vm) => vm.ha && sharedPools.has(vm.pool));
  const groups = new Map<string, number>();
  for (const vm of vms) if (vm.antiAffinity !== null) groups.set(vm.antiAffinity, (groups.get(vm.antiAffinity) ?? 0) + 1);
  const largest = (list: SizeResult['boundBy']) => (list.length === 0 ? [] : [list.reduce((a, b) => (b.nodes > a.nodes ? b : a))]);
  const packed = (subset: readonly VmSpec[], extra: number, kind: 'packing' | 'failover-packing') =>
    subset.length === 0 ? [] : [{ bound: kind, resource: null, nodes: extra + packingLowerBound(cluster, model, subset, options) }];
  return [
    ...largest(bound(vms, 0, 'capacity')),
    ...packed(vms, 0, 'packing'),
    ...(failures > 0 ? [...largest(bound(restartable, failures, 'failover')), ...packed(restartable, failures, 'failover-packing')] : []),
    ...(groups.size > 0 ? [{ bound: 'spread' as const, resource: null, nodes: Math.max(...groups.values()) }] : []),
    ...(failures > 0 ? [{ bound: 'quorum' as const, resource: null, nodes: Math.max(1, 2 * failures + 1 - (cluster.qdevice?.votes ?? 0)) }] : []),
  ];
}

const SCALE = 100;

/** A proven lower bound on the nodes of the model that can hold `vms`, by vector bin packing. */
function packingLowerBound(cluster: Cluster, model: NodeSpec, vms: readonly VmSpec[], options: SizeOptions): number {
  const candidates: Array<{ capacity: number; demand: (vm: VmSpec) => number }> = [
    { capacity: cpuCapacity(model, cluster.policy), demand: (vm) => vm.vcpus },
    { capacity: memCapacity(model, cluster.policy), demand: (vm) => vm.memGiB },
    { capacity: model.gpus, demand: (vm) => vm.gpus },
    ...cluster.pools.flatMap((pool) =>
      pool.kind === 'local' && model.name in pool.capacityGiBByNode
        ? [{ capacity: pool.capacityGiBByNode[model.name]!, demand: (vm: VmSpec) => (vm.pool === pool.name ? vm.diskGiB : 0) }]
        : [],
    ),
  ];
  const dimensions = candidates.filter((d) => vms.some((vm) => d.demand(vm) > 0));
  if (dimensions.length === 0) return 1;
  const sizes = new Float64Array(vms.length * dimensions.length);
  vms.forEach((vm, i) => dimensions.forEach((d, k) => (sizes[i * dimensions.length + k] = Math.floor(d.demand(vm) * SCALE + 1e-9))));
  const instance = { dims: dimensions.length, capacity: dimensions.map((d) => Math.ceil(d.capacity * SCALE - 1e-9)), sizes };
  return bestConfiguration(instance, { expired: options.expired }).lowerBound;
}

function sizedCluster(cluster: Cluster, model: NodeSpec, count: number, vms: VmSpec[]): Cluster {
  const nodes = Array.from({ length: count }, (_, i): NodeSpec => ({ ...model, name: `${model.name}-${i + 1}` }));
  const names = nodes.map((n) => n.name);
  const pools = cluster.pools.map((pool): StoragePool =>
    pool.kind === 'local'
      ? { ...pool, capacityGiBByNode: model.name in pool.capacityGiBByNode ? Object.fromEntries(names.map((n) => [n, pool.capacityGiBByNode[model.name]!])) : {} }
      : { ...pool, servedBy: null, reachableFrom: names },
  );
  // Node-affinity rules name the real nodes, as the VMs' own affinities did (dropped above).
  const ha = cluster.ha && { ...cluster.ha, rules: cluster.ha.rules.filter((rule) => rule.type !== 'node-affinity') };
  return { ...cluster, nodes, pools, vms, ...(ha ? { ha } : {}) };
}
