/**
 * Which running VMs a rebalance may move, and the move itself on a state the caller owns. Left in
 * place: a VM with a passthrough GPU (it would have to stop), and a VM in a positive HA resource
 * affinity (its partners must move with it, and a move of one alone breaks their rule mid-way).
 */
import { NO_INDEX } from '../model/cluster-index.js';
import { assign, stopVm, type ClusterState } from '../model/state.js';
import { priceMove, type Move } from './migration.js';

export function isMovable(state: ClusterState, vm: number): boolean {
  const { index } = state;
  const { together } = index.ha;
  return state.vmNode[vm] !== NO_INDEX && index.vmGpus[vm] === 0 && together.start[vm] === together.start[vm + 1];
}

/** Moves `vm` to `to` on `state` (written) and returns the move, priced before it happens. */
export function applyMove(state: ClusterState, vm: number, to: number): Move {
  const move = priceMove(state, vm, state.vmNode[vm]!, to, false);
  stopVm(state, vm);
  assign(state, vm, to);
  return move;
}

/** The VMs running on `node`, in index order. */
export function vmsOn(state: ClusterState, node: number): number[] {
  const vms: number[] = [];
  for (let vm = 0; vm < state.index.vmCount; vm++) if (state.vmNode[vm] === node) vms.push(vm);
  return vms;
}
