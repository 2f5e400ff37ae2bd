/**
 * Grows a placed cluster by whole units of new VMs (one class, or a mix such as 2 web + 1 db),
 * one VM at a time through the placement pipeline, on a copy of the placed state. Because each
 * new VM is placed on the state that holds the ones before it, the state with the first k units
 * is a prefix of the state with k + 1: the search in fit.ts can rebuild any k from the record.
 *
 * Units are placed on demand (growTo), so a search pays for the units it looks at, not for a
 * fixed maximum. The compiled index has room for a number of new VMs; when placing needs
 * more, the index is rebuilt with twice the room (amortised O(1) per new VM; at least an
 * eighth of the inventory, since a rebuild costs O(inventory)) and the
 * states are carried over: usage is per node and pool, and the VMs keep their positions
 * (input order, the new ones after the inventory), so nothing placed moves. A VM's choice of
 * node reads only the state and its own size, never the number of VMs still to come. First-fit
 * strategies choose through a RoomIndex, as placeVms does: the node a scan would pick.
 */
import type { Cluster, VmClass, VmSpec } from '../model/cluster.js';
import { vmOfClass } from '../model/vm-of-class.js';
import { indexCluster, NO_INDEX, type ClusterIndex } from '../model/cluster-index.js';
import { assign, cloneState, emptyState, type ClusterState } from '../model/state.js';
import { chooseNode, explainRejections, placeInventory, placementIndex, type PlacementIndex } from '../placement/pipeline.js';
import type { NodeRejection, Strategy } from '../placement/types.js';

export interface Unit {
  vmClass: VmClass;
  count: number;
}

export interface Growth {
  readonly cluster: Cluster;
  readonly strategy: Strategy;
  readonly units: readonly Unit[];
  readonly vmsPerUnit: number;
  /** The inventory and the new VMs there is room for so far; rebuilt larger by growTo. */
  index: ClusterIndex;
  /** The existing inventory, placed, before any new VM. */
  base: ClusterState;
  /** The base with every new VM placed so far. */
  grown: ClusterState;
  /** First fit's room index over `grown` (usesRoomIndex), kept in step with it; null for the other strategies. */
  room: PlacementIndex | null;
  /** Node of each new VM in placement order, for as many as were placed. */
  placedNodes: number[];
  /** Whole units placed so far. */
  unitsPlaced: number;
  /** The first new VM that found no node, with every node's reasons; null while none failed. */
  firstUnplaced: { vm: string; rejections: NodeRejection[] } | null;
  /** Names of the new VMs the index has room for, in placement order. */
  newVmNames: string[];
}

export function unitLabel(units: readonly Unit[]): string {
  return units.length === 1 && units[0]!.count === 1 ? units[0]!.vmClass.name : units.map((u) => `${u.vmClass.name}:${u.count}`).join(',');
}

/** Places the existing inventory; no new unit yet. */
export function startGrowth(cluster: Cluster, strategy: Strategy, units: readonly Unit[]): Growth {
  const index = indexCluster(cluster);
  const base = emptyState(index);
  placeInventory(base, cluster.vms.map((_, vm) => vm), strategy, false);
  const vmsPerUnit = units.reduce((sum, u) => sum + u.count, 0);
  return { cluster, strategy, units, vmsPerUnit, index, base, grown: cloneState(base), room: null, placedNodes: [], unitsPlaced: 0, firstUnplaced: null, newVmNames: [] };
}

/**
 * Places new VMs until `units` whole units are placed or one VM finds no node; returns whether
 * `units` units are placed. Asking again for fewer costs nothing. The room doubles with what is
 * placed, never jumping to `units` at once, so a far target that placement never reaches (a
 * rule stops it at three) costs what was placed, or an eighth of the inventory, no more.
 */
export function growTo(growth: Growth, units: number): boolean {
  const target = units * growth.vmsPerUnit;
  const first = growth.cluster.vms.length;
  while (growth.firstUnplaced === null && growth.placedNodes.length < target) {
    // Twice the room, and at least an eighth of the inventory: a rebuild costs O(inventory).
    const capacity = Math.max(1, 2 * growth.unitsPlaced, Math.ceil(first / 8 / growth.vmsPerUnit));
    if (growth.placedNodes.length === growth.newVmNames.length) widen(growth, Math.min(units, capacity));
    const { index, grown, strategy, placedNodes, room } = growth;
    const end = Math.min(target, growth.newVmNames.length);
    while (placedNodes.length < end) {
      const vm = first + placedNodes.length;
      const node = chooseNode(grown, vm, strategy, room);
      if (node === NO_INDEX) {
        growth.firstUnplaced = { vm: index.cluster.vms[vm]!.name, rejections: explainRejections(grown, vm) };
        break;
      }
      assign(grown, vm, node);
      room?.update(node);
      placedNodes.push(node);
    }
    growth.unitsPlaced = Math.floor(placedNodes.length / growth.vmsPerUnit);
  }
  return growth.unitsPlaced >= units;
}

/** How many VMs the inventory has with `units` new units: the index prefix evaluatePolicy judges. */
export function vmsWithUnits(growth: Growth, units: number): number {
  return growth.cluster.vms.length + units * growth.vmsPerUnit;
}

/** The state with the first `units` new units, rebuilt from the record on a copy of the base. */
export function stateWithUnits(growth: Growth, units: number): ClusterState {
  const state = cloneState(growth.base);
  const first = growth.cluster.vms.length;
  for (let i = 0; i < units * growth.vmsPerUnit; i++) assign(state, first + i, growth.placedNodes[i]!);
  return state;
}

/** Rebuilds the index with room for `units` new units and carries both states over to it. */
function widen(growth: Growth, units: number): void {
  const newVms: VmSpec[] = [];
  for (let unit = 1; unit <= units; unit++) {
    for (const { vmClass, count } of growth.units) {
      for (let i = 1; i <= count; i++) newVms.push(vmOfClass(vmClass, `+${vmClass.name}-${unit}${count > 1 ? `.${i}` : ''}`));
    }
  }
  growth.index = indexCluster({ ...growth.cluster, vms: [...growth.cluster.vms, ...newVms] });
  growth.base = carryOver(growth.base, growth.index);
  growth.grown = carryOver(growth.grown, growth.index);
  // Rebuilt on the new state: it reads the new VMs' sizes from the larger index.
  growth.room = placementIndex(growth.grown, growth.strategy);
  growth.newVmNames = newVms.map((vm) => vm.name);
}

/** The same usage (shared: the old state is dropped) and placements on a larger index: the VMs it adds run nowhere yet. */
function carryOver(state: ClusterState, index: ClusterIndex): ClusterState {
  const vmNode = new Int32Array(index.vmCount).fill(NO_INDEX);
  const vmInstance = new Int32Array(index.vmCount).fill(NO_INDEX);
  vmNode.set(state.vmNode);
  vmInstance.set(state.vmInstance);
  return { ...state, index, vmNode, vmInstance };
}
