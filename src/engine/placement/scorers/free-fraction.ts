/**
 * Resulting load fractions of a node if the VM were added: used-plus-requested over capacity,
 * per resource the VM competes for there. Shared by the fraction-based scorers so each of them
 * is one formula. Disk counts only for a local pool instance (a shared pool's fraction is the
 * same from every node, so it cannot rank them); GPUs only when the VM asks for some.
 *
 * Writes into a caller-owned buffer of LOAD_SLOTS entries and returns how many it wrote: the
 * scorers run in the placement hot loop, which must not allocate.
 */
import { instanceFor, diskHeldOn, type ClusterState } from '../../model/state.js';

export const LOAD_SLOTS = 4;

export function loadsAfter(state: ClusterState, vm: number, node: number, out: Float64Array): number {
  const { index } = state;
  let count = 0;
  out[count++] = fraction(state.cpuUsed[node]! + index.vmCpu[vm]!, index.cpuCap[node]!);
  out[count++] = fraction(state.memUsed[node]! + index.vmMem[vm]!, index.memCap[node]!);
  const instance = instanceFor(index, vm, node);
  if (index.instanceShared[instance] === 0) {
    const diskAfter = state.instanceUsed[instance]! + index.vmDisk[vm]! - diskHeldOn(state, vm, instance);
    out[count++] = fraction(diskAfter, index.instanceCap[instance]!);
  }
  if (index.vmGpus[vm]! > 0) out[count++] = fraction(state.gpuUsed[node]! + index.vmGpus[vm]!, index.gpuCap[node]!);
  return count;
}

/** A zero capacity that passed the filters was asked for nothing: count it as empty. */
function fraction(used: number, capacity: number): number {
  return capacity > 0 ? used / capacity : 0;
}

export function meanOf(values: Float64Array, count: number): number {
  let sum = 0;
  for (let i = 0; i < count; i++) sum += values[i]!;
  return sum / count;
}
