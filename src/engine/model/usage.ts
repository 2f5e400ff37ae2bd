/**
 * Load per node and per storage instance, against capacity and the alert threshold.
 * Percentages are used / capacity × 100, rounded to 0.1; CPU capacity is vCPUs after the
 * overcommit ratio, memory capacity is what remains after the host's reservation.
 */
import type { Resource } from './cluster.js';
import { NO_INDEX } from './cluster-index.js';
import type { ClusterState } from './state.js';

export type ResourceAmounts = Record<Resource, number>;

export interface NodeUsage {
  name: string;
  up: boolean;
  capacity: ResourceAmounts;
  used: ResourceAmounts;
  percent: ResourceAmounts;
  /** Resources at or above the policy's threshold. */
  overThreshold: Resource[];
  /** Resources above capacity (only possible when a scenario forces it; placement never does). */
  overCapacity: Resource[];
}

export interface PoolUsage {
  pool: string;
  kind: 'local' | 'shared';
  /** The node holding the data: the node itself for a local pool, the server for a shared one. */
  node: string | null;
  capacityGiB: number;
  usedGiB: number;
  percent: number;
  overThreshold: boolean;
}

const RESOURCE_ORDER: readonly Resource[] = ['cpu', 'memGiB', 'diskGiB', 'gpus'];

export function nodeUsage(state: ClusterState): NodeUsage[] {
  const { index } = state;
  const { threshold } = index.cluster.policy;
  const localDiskCap = new Float64Array(index.nodeCount);
  const localDiskUsed = new Float64Array(index.nodeCount);
  index.instanceCap.forEach((capacity, instance) => {
    if (index.instanceShared[instance] === 1) return;
    const host = index.instanceHost[instance]!;
    localDiskCap[host]! += capacity;
    localDiskUsed[host]! += state.instanceUsed[instance]!;
  });
  return index.nodes.map((node, n) => {
    const capacity: ResourceAmounts = { cpu: index.cpuCap[n]!, memGiB: index.memCap[n]!, diskGiB: localDiskCap[n]!, gpus: index.gpuCap[n]! };
    const used: ResourceAmounts = {
      cpu: roundTo(state.cpuUsed[n]!, 1e-6),
      memGiB: roundTo(state.memUsed[n]!, 1e-6),
      diskGiB: roundTo(localDiskUsed[n]!, 1e-6),
      gpus: state.gpuUsed[n]!,
    };
    const percent = Object.fromEntries(RESOURCE_ORDER.map((r) => [r, percentOf(used[r], capacity[r])])) as ResourceAmounts;
    return {
      name: node.name,
      up: state.nodeUp[n] === 1,
      capacity,
      used,
      percent,
      overThreshold: RESOURCE_ORDER.filter((r) => capacity[r] > 0 && used[r] >= threshold[r] * capacity[r] - 1e-9),
      overCapacity: RESOURCE_ORDER.filter((r) => used[r] > capacity[r] + 1e-9),
    };
  });
}

export function poolUsage(state: ClusterState): PoolUsage[] {
  const { index } = state;
  const threshold = index.cluster.policy.threshold.diskGiB;
  return Array.from(index.instanceCap, (capacityGiB, instance) => {
    const host = index.instanceHost[instance]!;
    const usedGiB = roundTo(state.instanceUsed[instance]!, 1e-6);
    return {
      pool: index.poolNames[index.instancePool[instance]!]!,
      kind: index.instanceShared[instance] === 1 ? ('shared' as const) : ('local' as const),
      node: host === NO_INDEX ? null : index.nodes[host]!.name,
      capacityGiB,
      usedGiB,
      percent: percentOf(usedGiB, capacityGiB),
      overThreshold: capacityGiB > 0 && usedGiB >= threshold * capacityGiB - 1e-9,
    };
  });
}

/** used / capacity × 100 rounded to 0.1, or 0 when there is no capacity. */
export function percentOf(used: number, capacity: number): number {
  return capacity > 0 ? roundTo((used / capacity) * 100, 0.1) : 0;
}

/** Rounds to a decimal step (1e-6, 0.1) so float noise never reaches the output; never returns -0. */
export function roundTo(value: number, step: number): number {
  const rounded = Number((Math.round(value / step) * step).toFixed(decimals(step)));
  return rounded === 0 ? 0 : rounded;
}

function decimals(step: number): number {
  return Math.max(0, -Math.floor(Math.log10(step)));
}
