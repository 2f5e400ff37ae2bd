/**
 * The placement pipeline, read top to bottom (Nomad's generic stack, K8s' framework):
 *
 *   for each VM, in the strategy's order (vm-order.ts):
 *     1. the node it runs on today, if it has one and that node passes every filter;
 *     2. else, if it has a preferred node affinity, the best preferred node that passes;
 *     3. else the best node that passes every filter (the strategy's, FILTERS by default,
 *        cheapest first), where "best" is the strategy's chooser's pick among all passing
 *        nodes when it has one (Proxmox CRS), else the first in name order for first-fit
 *        strategies and the highest score otherwise, ties going to the first in name order;
 *     4. no node passes: the VM is unplaced, with every node's rejection reasons.
 *
 * Scoring reads the state and never writes it; only the chosen node is committed. Placement,
 * failover, headroom and sizing all call chooseNode, so their answers cannot disagree.
 */
import { NO_INDEX } from '../model/cluster-index.js';
import { assign, type ClusterState } from '../model/state.js';
import { pinCurrentLayout } from './current-layout.js';
import { FILTERS } from './filters/index.js';
import { RoomIndex } from './room-index.js';
import { ScoreIndex } from './score-index.js';
import type { ChoiceIndex, Filter, NodeRejection, Strategy } from './types.js';
import { placementOrder } from './vm-order.js';

const SCORE_TIE = 1e-12;

export function passesAllFilters(state: ClusterState, vm: number, node: number, filters: readonly Filter[] = FILTERS): boolean {
  for (const filter of filters) if (!filter.passes(state, vm, node)) return false;
  return true;
}

export function filtersOf(strategy: Strategy): readonly Filter[] {
  return strategy.filters ?? FILTERS;
}

/** Whether first fit may use a RoomIndex: it answers "first node that passes FILTERS" only. */
function usesRoomIndex(strategy: Strategy): boolean {
  return strategy.scorer === null && strategy.choose === undefined && strategy.filters === undefined;
}

/** Whether a scorer may choose through a ScoreIndex: it needs the scorer's bound, and searches FILTERS only. */
function usesScoreIndex(strategy: Strategy): boolean {
  return strategy.scorer !== null && strategy.scoreBound !== undefined && strategy.choose === undefined && strategy.filters === undefined;
}

/** An index that finds the strategy's node without scanning every node; the caller keeps it in step with the state (update). */
export type PlacementIndex = RoomIndex | ChoiceIndex;

/**
 * The strategy's index over `state`: a RoomIndex for first fit, a ScoreIndex for a bounded
 * scorer, the chooser's own index when it has one, else null (the scan).
 */
export function placementIndex(state: ClusterState, strategy: Strategy): PlacementIndex | null {
  if (usesRoomIndex(strategy)) return new RoomIndex(state);
  if (usesScoreIndex(strategy)) return new ScoreIndex(state, strategy.scorer!, strategy.scoreBound!);
  if (strategy.choose !== undefined && strategy.choiceIndex !== undefined) return strategy.choiceIndex(state);
  return null;
}

/**
 * The node the strategy picks for `vm` on this state, NO_INDEX when none passes. Reads only.
 * `room`, the strategy's placementIndex when the caller keeps one in step with the state, makes
 * first fit O(log n) and a scorer's choice a pruned search; it never changes the answer.
 */
export function chooseNode(state: ClusterState, vm: number, strategy: Strategy, room: PlacementIndex | null = null): number {
  const { index } = state;
  const current = index.vmCurrentNode[vm]!;
  if (current !== NO_INDEX && passesAllFilters(state, vm, current, filtersOf(strategy))) return current;
  const preferred = index.vmPreferred[vm];
  if (preferred !== null && preferred !== undefined) {
    const choice = room !== null && !(room instanceof RoomIndex) ? room.choose(vm, preferred) : bestNode(state, vm, strategy, preferred);
    if (choice !== NO_INDEX) return choice;
  }
  if (room instanceof RoomIndex) {
    const node = room.firstFit(vm, (candidate) => passesAllFilters(state, vm, candidate));
    return node === -1 ? NO_INDEX : node;
  }
  if (room !== null) return room.choose(vm, null);
  return bestNode(state, vm, strategy, null);
}

function bestNode(state: ClusterState, vm: number, strategy: Strategy, mask: Uint8Array | null): number {
  if (strategy.choose !== undefined) return chooseAmongPassing(state, vm, strategy, mask);
  const { scorer } = strategy;
  let best = NO_INDEX;
  let bestScore = -Infinity;
  for (let node = 0; node < state.index.nodeCount; node++) {
    if (mask !== null && mask[node] !== 1) continue;
    if (!passesAllFilters(state, vm, node)) continue;
    if (scorer === null) return node;
    const score = scorer(state, vm, node);
    if (score > bestScore + SCORE_TIE) {
      best = node;
      bestScore = score;
    }
  }
  return best;
}

/** Allocates the candidate list: only the chooser strategies (not on the first-fit or scorer hot path) come here. */
function chooseAmongPassing(state: ClusterState, vm: number, strategy: Strategy, mask: Uint8Array | null): number {
  const filters = filtersOf(strategy);
  const candidates: number[] = [];
  for (let node = 0; node < state.index.nodeCount; node++) {
    if ((mask === null || mask[node] === 1) && passesAllFilters(state, vm, node, filters)) candidates.push(node);
  }
  return candidates.length === 0 ? NO_INDEX : strategy.choose!(state, vm, candidates);
}

/** Every node's reasons for rejecting `vm`, in node order; only called for a VM that did not fit. */
export function explainRejections(state: ClusterState, vm: number, filters: readonly Filter[] = FILTERS): NodeRejection[] {
  const rejections: NodeRejection[] = [];
  for (let node = 0; node < state.index.nodeCount; node++) {
    const reasons = filters.flatMap((filter) => (filter.passes(state, vm, node) ? [] : filter.explain(state, vm, node)));
    rejections.push({ node: state.index.nodes[node]!.name, reasons });
  }
  return rejections;
}

export interface Unplaced {
  vm: number;
  rejections: NodeRejection[];
}

/**
 * Places an inventory as it runs: the VMs of `vms` with a current node stay on it
 * (current-layout.ts), the others go through the strategy. Every command starts from this.
 * `explain` false: the unplaced VMs come without their rejections (empty), for a caller that
 * needs only the placed state; every node's reasons for every unplaced VM is most of the cost
 * of placing a cluster packed past its capacity.
 */
export function placeInventory(state: ClusterState, vms: readonly number[], strategy: Strategy, explain = true): Unplaced[] {
  return placeVms(state, pinCurrentLayout(state, vms), strategy, explain);
}

/** Places `vms` on `state` (which the caller owns: pass a copy) in the strategy's order. */
export function placeVms(state: ClusterState, vms: readonly number[], strategy: Strategy, explain = true): Unplaced[] {
  const unplaced: Unplaced[] = [];
  const room = placementIndex(state, strategy);
  for (const vm of placementOrder(state.index, vms, strategy.order)) {
    const node = chooseNode(state, vm, strategy, room);
    if (node === NO_INDEX) unplaced.push({ vm, rejections: explain ? explainRejections(state, vm, filtersOf(strategy)) : [] });
    else {
      assign(state, vm, node);
      room?.update(node);
    }
  }
  return unplaced.sort((a, b) => a.vm - b.vm);
}
