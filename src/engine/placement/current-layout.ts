/**
 * The layout that runs today. A VM with a current node runs there, whatever the filters say:
 * headroom reports a cluster as it is, so a VM on a full node is an overload there, and one on
 * a node its rules forbid is a violation there, never a VM quietly moved elsewhere. Only VMs
 * without a current node (new ones, or ones whose node is gone) go through the strategy.
 *
 * A violation is every filter reason except capacity (an overload shows in the node's usage)
 * and node-down, measured as if the VM were placed last: on a scratch copy with the VM taken
 * off, so it never conflicts with itself. Cost: O(VMs × filters), one state copy.
 */
import { NO_INDEX } from '../model/cluster-index.js';
import { assign, cloneState, instanceFor, stopVm, type ClusterState } from '../model/state.js';
import type { Filter, Reason } from './types.js';

export interface LayoutViolation {
  vm: string;
  node: string;
  reasons: Reason[];
}

/** Assigns each of `vms` that has a current node to it, in order; returns the VMs left to place. */
export function pinCurrentLayout(state: ClusterState, vms: readonly number[]): number[] {
  const { index } = state;
  const rest: number[] = [];
  for (const vm of vms) {
    const node = index.vmCurrentNode[vm]!;
    // A disk cannot be where its pool is not: the loader refuses such inputs; other callers'
    // VMs are then placed as new ones.
    if (node === NO_INDEX || state.nodeUp[node] === 0 || instanceFor(index, vm, node) === NO_INDEX) rest.push(vm);
    else assign(state, vm, node);
  }
  return rest;
}

/** Every running VM whose node breaks one of its rules, in input order. */
export function layoutViolations(state: ClusterState, filters: readonly Filter[]): LayoutViolation[] {
  const { index } = state;
  const scratch = cloneState(state);
  const violations: LayoutViolation[] = [];
  for (let vm = 0; vm < index.vmCount; vm++) {
    const node = state.vmNode[vm]!;
    if (node === NO_INDEX) continue;
    stopVm(scratch, vm);
    // No array for a VM every filter passes (nearly all of them): fit judges this on every probe.
    let reasons: Reason[] | null = null;
    for (const filter of filters) if (!filter.passes(scratch, vm, node)) (reasons ??= []).push(...filter.explain(scratch, vm, node));
    assign(scratch, vm, node);
    const broken = reasons?.filter((reason) => reason.code !== 'insufficient' && reason.code !== 'node-down') ?? [];
    if (broken.length > 0) violations.push({ vm: index.cluster.vms[vm]!.name, node: index.nodes[node]!.name, reasons: broken });
  }
  return violations;
}
