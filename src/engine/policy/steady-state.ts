/**
 * The cluster before any failure: the first thing a failover policy asks. It breaks when
 *   - a VM runs nowhere (no node accepts it: "nowhere to run" is never a pass);
 *   - a node or storage pool is above capacity (a current layout that is overloaded today, or
 *     a Proxmox scheduler that placed without checking fit);
 *   - a VM runs where its rules forbid (current-layout.ts);
 *   - with `threshold` on (the default), a node's CPU, memory, local disk or GPUs, or a pool,
 *     is at or above the scenario's alert threshold (the seed's 85% sustained): a gate must not
 *     pass a change that sets the alert off. `--ignore-threshold` turns this rule off. GPUs are
 *     used whole, so a node whose every GPU is taken is full, not alerting: only capacity counts
 *     for them.
 */
import type { Resource } from '../model/cluster.js';
import { nodeUsage, poolUsage } from '../model/usage.js';
import type { ClusterState } from '../model/state.js';
import { NO_INDEX } from '../model/cluster-index.js';
import { layoutViolations, type LayoutViolation } from '../placement/current-layout.js';
import { filtersOf } from '../placement/pipeline.js';
import type { Strategy } from '../placement/types.js';

export interface NodeOver {
  node: string;
  resources: Resource[];
}

export interface PoolOver {
  pool: string;
  /** The node holding the data (local pool) or serving it (shared pool). */
  node: string | null;
}

export interface SteadyState {
  holds: boolean;
  /** Whether the alert threshold counted (false under --ignore-threshold). */
  thresholdCounts: boolean;
  unplaced: string[];
  nodesOverCapacity: NodeOver[];
  poolsOverCapacity: PoolOver[];
  violations: LayoutViolation[];
  nodesOverThreshold: NodeOver[];
  poolsOverThreshold: PoolOver[];
}

/** `presentVms`: VMs at index `presentVms` and beyond are not part of this inventory yet (fit's growth record). */
export function judgeSteadyState(state: ClusterState, strategy: Strategy, thresholdCounts: boolean, presentVms = state.index.vmCount): SteadyState {
  const { index } = state;
  const nodes = nodeUsage(state);
  const pools = poolUsage(state);
  const over = (pick: (n: (typeof nodes)[number]) => Resource[]): NodeOver[] =>
    nodes.flatMap((n) => (pick(n).length > 0 ? [{ node: n.name, resources: pick(n) }] : []));
  const unplaced: string[] = [];
  for (let vm = 0; vm < presentVms; vm++) if (state.vmNode[vm] === NO_INDEX) unplaced.push(index.cluster.vms[vm]!.name);
  const nodesOverCapacity = over((n) => n.overCapacity);
  const poolsOverCapacity = pools.filter((p) => p.usedGiB > p.capacityGiB + 1e-9).map((p) => ({ pool: p.pool, node: p.node }));
  const violations = layoutViolations(state, filtersOf(strategy));
  const nodesOverThreshold = over((n) => n.overThreshold.filter((r) => r !== 'gpus'));
  const poolsOverThreshold = pools.filter((p) => p.overThreshold).map((p) => ({ pool: p.pool, node: p.node }));
  const structural = unplaced.length + nodesOverCapacity.length + poolsOverCapacity.length + violations.length;
  const alerts = thresholdCounts ? nodesOverThreshold.length + poolsOverThreshold.length : 0;
  return { holds: structural + alerts === 0, thresholdCounts, unplaced, nodesOverCapacity, poolsOverCapacity, violations, nodesOverThreshold, poolsOverThreshold };
}

/**
 * Whether a node's CPU or memory has reached the alert threshold (the rule judgeSteadyState
 * applies through nodeUsage, on the hot path of a search): load only grows as VMs are added, so
 * a search may cut any partial placement where it holds.
 */
export function reachesThreshold(state: ClusterState, node: number): boolean {
  const { index } = state;
  const { threshold } = index.cluster.policy;
  return state.cpuUsed[node]! >= threshold.cpu * index.cpuCap[node]! - 1e-9 || state.memUsed[node]! >= threshold.memGiB * index.memCap[node]! - 1e-9;
}
