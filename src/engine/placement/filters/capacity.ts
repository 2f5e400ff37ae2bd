/**
 * Capacity per resource, K8s NodeResourcesFit style: requested <= free for CPU (vCPUs under the
 * overcommit ratio), memory (after the host's reservation), disk on the VM's pool instance and
 * GPU count. A tolerance of 1e-9 absorbs float sums of fractional GiB.
 */
import { NO_INDEX } from '../../model/cluster-index.js';
import type { Resource } from '../../model/cluster.js';
import { diskHeldOn, instanceFor, type ClusterState } from '../../model/state.js';
import type { Filter, Reason } from '../types.js';

const TOLERANCE = 1e-9;

/** free and capacity of one resource for a VM on a node, as if nothing else changed. */
function room(state: ClusterState, vm: number, node: number, resource: Resource): { requested: number; free: number; capacity: number } {
  const { index } = state;
  switch (resource) {
    case 'cpu':
      return { requested: index.vmCpu[vm]!, free: index.cpuCap[node]! - state.cpuUsed[node]!, capacity: index.cpuCap[node]! };
    case 'memGiB':
      return { requested: index.vmMem[vm]!, free: index.memCap[node]! - state.memUsed[node]!, capacity: index.memCap[node]! };
    case 'gpus':
      return { requested: index.vmGpus[vm]!, free: index.gpuCap[node]! - state.gpuUsed[node]!, capacity: index.gpuCap[node]! };
    case 'diskGiB': {
      const instance = instanceFor(index, vm, node);
      const capacity = index.instanceCap[instance]!;
      return { requested: index.vmDisk[vm]!, free: capacity - state.instanceUsed[instance]! + diskHeldOn(state, vm, instance), capacity };
    }
  }
}

export const capacity: Filter = {
  name: 'capacity',
  passes: (state, vm, node) => fitsCpuAndMemory(state, vm, node) && fitsDevices(state, vm, node),
  explain: explainShortfalls(['cpu', 'memGiB', 'diskGiB', 'gpus']),
};

/**
 * Capacity without CPU and memory, for the Proxmox strategies: the HA manager never checks that a
 * service fits (its CRS only ranks), so an overload is left to the failover verdict. GPUs and
 * disk stay hard limits: a passthrough device or a disk that is not there cannot be promised.
 */
export const deviceCapacity: Filter = {
  name: 'device-capacity',
  passes: fitsDevices,
  explain: explainShortfalls(['diskGiB', 'gpus']),
};

function fitsCpuAndMemory(state: ClusterState, vm: number, node: number): boolean {
  const { index } = state;
  return (
    state.cpuUsed[node]! + index.vmCpu[vm]! <= index.cpuCap[node]! + TOLERANCE &&
    state.memUsed[node]! + index.vmMem[vm]! <= index.memCap[node]! + TOLERANCE
  );
}

function fitsDevices(state: ClusterState, vm: number, node: number): boolean {
  const { index } = state;
  if (state.gpuUsed[node]! + index.vmGpus[vm]! > index.gpuCap[node]!) return false;
  const instance = instanceFor(index, vm, node);
  // An unreachable pool is the storage filter's reason, not a capacity one.
  if (instance === NO_INDEX) return true;
  const diskNeeded = index.vmDisk[vm]! - diskHeldOn(state, vm, instance);
  return state.instanceUsed[instance]! + diskNeeded <= index.instanceCap[instance]! + TOLERANCE;
}

function explainShortfalls(checked: readonly Resource[]): Filter['explain'] {
  return (state, vm, node) => {
    const reasons: Reason[] = [];
    for (const resource of checked) {
      if (resource === 'diskGiB' && instanceFor(state.index, vm, node) === NO_INDEX) continue;
      const { requested, free, capacity: total } = room(state, vm, node, resource);
      if (requested > free + TOLERANCE) reasons.push({ code: 'insufficient', resource, requested, free: round(free), capacity: total });
    }
    return reasons;
  };
}

/** Reported numbers are rounded to 1e-6 so float noise never reaches the JSON. */
function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
