/**
 * What changes while placing: usage per node and per storage instance, which nodes are up,
 * and where each VM runs. Every what-if works on a copy
 * (cloneState); the index it points to is shared and never written.
 */
import { InvariantError } from '../../errors.js';
import { NO_INDEX, type ClusterIndex } from './cluster-index.js';

export interface ClusterState {
  readonly index: ClusterIndex;
  readonly cpuUsed: Float64Array;
  readonly memUsed: Float64Array;
  readonly gpuUsed: Int32Array;
  /** VMs running on each node (what Proxmox's basic scheduler counts). */
  readonly guests: Int32Array;
  readonly instanceUsed: Float64Array;
  /** 1 while the node is up. */
  readonly nodeUp: Uint8Array;
  /** Node each VM runs on, NO_INDEX when it runs nowhere. */
  readonly vmNode: Int32Array;
  /** Storage instance holding each VM's disk, NO_INDEX before it is first placed. A stopped VM keeps its disk. */
  readonly vmInstance: Int32Array;
}

export function emptyState(index: ClusterIndex): ClusterState {
  return {
    index,
    cpuUsed: new Float64Array(index.nodeCount),
    memUsed: new Float64Array(index.nodeCount),
    gpuUsed: new Int32Array(index.nodeCount),
    guests: new Int32Array(index.nodeCount),
    instanceUsed: new Float64Array(index.instanceCap.length),
    nodeUp: new Uint8Array(index.nodeCount).fill(1),
    vmNode: new Int32Array(index.vmCount).fill(NO_INDEX),
    vmInstance: new Int32Array(index.vmCount).fill(NO_INDEX),
  };
}

export function cloneState(state: ClusterState): ClusterState {
  return {
    index: state.index,
    cpuUsed: state.cpuUsed.slice(),
    memUsed: state.memUsed.slice(),
    gpuUsed: state.gpuUsed.slice(),
    guests: state.guests.slice(),
    instanceUsed: state.instanceUsed.slice(),
    nodeUp: state.nodeUp.slice(),
    vmNode: state.vmNode.slice(),
    vmInstance: state.vmInstance.slice(),
  };
}

/** Storage instance a VM's disk would use on a node, NO_INDEX when the pool is not reachable there. */
export function instanceFor(index: ClusterIndex, vm: number, node: number): number {
  return index.instanceAt[index.vmPool[vm]! * index.nodeCount + node]!;
}

/** Records that `vm` runs on `node`. The caller has checked the filters. */
export function assign(state: ClusterState, vm: number, node: number): void {
  const { index } = state;
  if (state.vmNode[vm] !== NO_INDEX) throw new InvariantError('VM assigned twice', index.cluster.vms[vm]?.name);
  const instance = instanceFor(index, vm, node);
  if (instance === NO_INDEX) throw new InvariantError('VM assigned where its pool is unreachable', index.cluster.vms[vm]?.name);
  state.vmNode[vm] = node;
  state.cpuUsed[node]! += index.vmCpu[vm]!;
  state.memUsed[node]! += index.vmMem[vm]!;
  state.gpuUsed[node]! += index.vmGpus[vm]!;
  state.guests[node]! += 1;
  moveDisk(state, vm, instance);
}

/** Takes `vm` off the node it runs on. Its disk stays charged to its pool: a stopped VM is not deleted. */
export function stopVm(state: ClusterState, vm: number): void {
  const { index } = state;
  const node = state.vmNode[vm]!;
  if (node === NO_INDEX) throw new InvariantError('stopping a VM that runs nowhere', index.cluster.vms[vm]?.name);
  state.vmNode[vm] = NO_INDEX;
  state.cpuUsed[node]! -= index.vmCpu[vm]!;
  state.memUsed[node]! -= index.vmMem[vm]!;
  state.gpuUsed[node]! -= index.vmGpus[vm]!;
  state.guests[node]! -= 1;
}

/** Undoes `assign`, disk included, for a search that backtracks (size-exact.ts). */
export function unassign(state: ClusterState, vm: number): void {
  stopVm(state, vm);
  state.instanceUsed[state.vmInstance[vm]!]! -= state.index.vmDisk[vm]!;
  state.vmInstance[vm] = NO_INDEX;
}

/** Disk a VM already holds on `instance` (its own disk does not compete with itself on a restart). */
export function diskHeldOn(state: ClusterState, vm: number, instance: number): number {
  return state.vmInstance[vm] === instance ? state.index.vmDisk[vm]! : 0;
}

/** Charges the VM's disk to `instance`, releasing it from the instance that held it (a replica takes over). */
function moveDisk(state: ClusterState, vm: number, instance: number): void {
  const held = state.vmInstance[vm]!;
  if (held === instance) return;
  const disk = state.index.vmDisk[vm]!;
  if (held !== NO_INDEX) state.instanceUsed[held]! -= disk;
  state.instanceUsed[instance]! += disk;
  state.vmInstance[vm] = instance;
}

/** The typed arrays of a state, as sent to a worker thread (which has its own copy of the index). */
export type StateArrays = Omit<ClusterState, 'index'>;

export function stateArrays(state: ClusterState): StateArrays {
  const { index: _index, ...arrays } = state;
  return arrays;
}

export function stateFromArrays(index: ClusterIndex, arrays: StateArrays): ClusterState {
  if (arrays.vmNode.length !== index.vmCount || arrays.cpuUsed.length !== index.nodeCount) {
    throw new InvariantError('state arrays do not match the cluster', { vms: arrays.vmNode.length, nodes: arrays.cpuUsed.length });
  }
  return { index, ...arrays };
}
