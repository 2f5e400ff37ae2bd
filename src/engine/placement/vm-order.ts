/**
 * The order VMs are placed in.
 *
 * 1. VMs that already run somewhere (currentNode) first: they keep their node when it fits.
 * 2. VMs with a strict node affinity next: they have the fewest choices.
 * 3. Then the rest, in input order or by decreasing normalised size:
 *      size(vm) = sqrt( Σ_r (requested_r / meanCapacity_r)² )
 *    over CPU, memory, disk and GPUs, each divided by the mean node (or pool instance)
 *    capacity so that no unit dominates: the "FFD by L2 norm" measure of Panigrahy et al. 2011.
 * Ties keep input order (a stable sort), so the order is deterministic.
 */
import { NO_INDEX, type ClusterIndex } from '../model/cluster-index.js';
import type { VmOrder } from './types.js';

export function placementOrder(index: ClusterIndex, vms: readonly number[], order: VmOrder): number[] {
  const size = order === 'decreasing-size' ? normalisedSizes(index) : null;
  const tier = (vm: number): number =>
    index.vmCurrentNode[vm] !== NO_INDEX ? 0 : index.vmAllowed[vm] !== null ? 1 : 2;
  return [...vms].sort((a, b) => tier(a) - tier(b) || (size === null ? 0 : size[b]! - size[a]!) || a - b);
}

export function normalisedSizes(index: ClusterIndex): Float64Array {
  const meanCpu = mean(index.cpuCap);
  const meanMem = mean(index.memCap);
  const meanDisk = mean(index.instanceCap);
  const meanGpu = mean(Float64Array.from(index.gpuCap));
  const sizes = new Float64Array(index.vmCount);
  for (let vm = 0; vm < index.vmCount; vm++) {
    sizes[vm] = Math.hypot(
      share(index.vmCpu[vm]!, meanCpu),
      share(index.vmMem[vm]!, meanMem),
      share(index.vmDisk[vm]!, meanDisk),
      share(index.vmGpus[vm]!, meanGpu),
    );
  }
  return sizes;
}

function mean(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i]!;
  return values.length > 0 ? total / values.length : 0;
}

/** A resource nobody has cannot be asked for by a VM that passed loading; it adds nothing. */
function share(requested: number, meanCapacity: number): number {
  return meanCapacity > 0 ? requested / meanCapacity : 0;
}
