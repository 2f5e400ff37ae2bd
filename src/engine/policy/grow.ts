/**
 * Grows a placed cluster by whole units of new VMs (one class, or a mix such as 2 web + 1 db),
 * one VM at a time through the placement pipeline, on a copy of the placed state. Because each
 * new VM is placed on the state that holds the ones before it, the state with the first k units
 * is a prefix of the state with k + 1: the search in fit.ts can rebuild any k from the record.
 */
import type { Cluster, VmClass, VmSpec } from '../model/cluster.js';
import { vmOfClass } from '../model/vm-of-class.js';
import { indexCluster, NO_INDEX, type ClusterIndex } from '../model/cluster-index.js';
import { assign, cloneState, emptyState, type ClusterState } from '../model/state.js';
import { chooseNode, explainRejections, placeInventory } from '../placement/pipeline.js';
import type { NodeRejection, Strategy } from '../placement/types.js';

export interface Unit {
  vmClass: VmClass;
  count: number;
}

export interface Growth {
  index: ClusterIndex;
  /** The existing inventory, placed, before any new VM. */
  base: ClusterState;
  /** Node of each new VM in placement order, for as many as were placed. */
  placedNodes: number[];
  vmsPerUnit: number;
  /** Whole units placed before one VM found no node. */
  unitsPlaced: number;
  /** The first new VM that found no node, with every node's reasons; null if none failed. */
  firstUnplaced: { vm: string; rejections: NodeRejection[] } | null;
  newVmNames: string[];
}

export function unitLabel(units: readonly Unit[]): string {
  return units.length === 1 && units[0]!.count === 1 ? units[0]!.vmClass.name : units.map((u) => `${u.vmClass.name}:${u.count}`).join(',');
}

/** Places the existing inventory, then up to `maxUnits` new units. */
export function growCluster(cluster: Cluster, strategy: Strategy, units: readonly Unit[], maxUnits: number): Growth {
  const vmsPerUnit = units.reduce((sum, u) => sum + u.count, 0);
  const newVms: VmSpec[] = [];
  for (let unit = 1; unit <= maxUnits; unit++) {
    for (const { vmClass, count } of units) {
      for (let i = 1; i <= count; i++) newVms.push(vmOfClass(vmClass, `+${vmClass.name}-${unit}${count > 1 ? `.${i}` : ''}`));
    }
  }
  const existing = cluster.vms.length;
  const index = indexCluster({ ...cluster, vms: [...cluster.vms, ...newVms] });
  const base = emptyState(index);
  placeInventory(base, cluster.vms.map((_, vm) => vm), strategy);
  const growing = cloneState(base);
  const placedNodes: number[] = [];
  let firstUnplaced: Growth['firstUnplaced'] = null;
  for (let vm = existing; vm < index.vmCount; vm++) {
    const node = chooseNode(growing, vm, strategy);
    if (node === NO_INDEX) {
      firstUnplaced = { vm: index.cluster.vms[vm]!.name, rejections: explainRejections(growing, vm) };
      break;
    }
    assign(growing, vm, node);
    placedNodes.push(node);
  }
  return {
    index,
    base,
    placedNodes,
    vmsPerUnit,
    unitsPlaced: Math.floor(placedNodes.length / vmsPerUnit),
    firstUnplaced,
    newVmNames: newVms.map((vm) => vm.name),
  };
}

/** How many VMs the inventory has with `units` new units: the index prefix evaluatePolicy judges. */
export function vmsWithUnits(growth: Growth, units: number): number {
  return growth.index.vmCount - growth.newVmNames.length + units * growth.vmsPerUnit;
}

/** The state with the first `units` new units, rebuilt from the record on a copy of the base. */
export function stateWithUnits(growth: Growth, units: number): ClusterState {
  const state = cloneState(growth.base);
  const first = growth.index.vmCount - growth.newVmNames.length;
  for (let i = 0; i < units * growth.vmsPerUnit; i++) assign(state, first + i, growth.placedNodes[i]!);
  return state;
}
