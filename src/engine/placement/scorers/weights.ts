/**
 * Scarcity weight per resource: total requested over total capacity across the cluster,
 *   w_r = Σ_vm requested_r / Σ_node capacity_r      (0 when the capacity is 0)
 * Computed once per cluster index and cached, since the index never changes. O(nodes + VMs).
 */
import type { ClusterIndex } from '../../model/cluster-index.js';

export interface ScarcityWeights {
  cpu: number;
  memGiB: number;
  diskGiB: number;
}

const cache = new WeakMap<ClusterIndex, ScarcityWeights>();

export function scarcityWeights(index: ClusterIndex): ScarcityWeights {
  let weights = cache.get(index);
  if (weights === undefined) {
    weights = {
      cpu: ratio(sum(index.vmCpu), sum(index.cpuCap)),
      memGiB: ratio(sum(index.vmMem), sum(index.memCap)),
      diskGiB: ratio(sum(index.vmDisk), sum(index.instanceCap)),
    };
    cache.set(index, weights);
  }
  return weights;
}

function sum(values: Float64Array): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

function ratio(demand: number, capacity: number): number {
  return capacity > 0 ? demand / capacity : 0;
}
