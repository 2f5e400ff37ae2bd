/**
 * Evacuation of a maintenance wave: empty the wave's nodes one migration at a time, so that every
 * state in between is valid (operation-state.ts), as Proxmox VE's node maintenance mode does
 * before a reboot (`ha-manager crm-command node-maintenance enable`: the node counts as offline
 * for scheduling, its guests migrate away, and they come back when maintenance ends).
 *
 * Heuristic, in this order:
 *   1. the wave's nodes count as down for every filter from the start (no VM may land there, a
 *      node-affinity rule falls back to its next priority, as for a node in maintenance);
 *   2. every VM whose disk is on a shared pool served by a wave node stops (nothing can run it
 *      while that node is down): cause `storage-served`;
 *   3. the wave's VMs move largest memory first (the big ones still find room), each to the node
 *      the placement strategy ranks best among those that pass every filter (a preferred node
 *      affinity first, as the pipeline does); a GPU VM is shut down and started there;
 *   4. a VM no node takes directly gets a parking move: on the first node that refuses it for
 *      room alone, the smallest VM (memory) whose move elsewhere makes it fit is moved first;
 *   5. still nothing: the VM stops for the wave, with every node's reasons (`no-target`), or
 *      `passthrough` when no node up has a free GPU of its model.
 * Every move passes every placement filter at its target on the state it finds, the pipeline's
 * own test of capacity and rules. The base state is never written (a copy).
 * Complexity: O(wave VMs × nodes × filters), parking O(nodes × VMs per node × nodes) for the rare
 * VM that needs it.
 */
import { freeGpuSomewhere } from '../failure/simulate.js';
import { NO_INDEX } from '../model/cluster-index.js';
import { assign, cloneState, stopVm, type ClusterState } from '../model/state.js';
import { explainRejections, passesAllFilters } from '../placement/pipeline.js';
import type { NodeRejection, Strategy } from '../placement/types.js';
import { priceMove, type Move } from './migration.js';

export type StopCause =
  | { code: 'storage-served'; pool: string; servedBy: string }
  | { code: 'passthrough'; gpus: number; gpuModel: string | null }
  | { code: 'no-target'; rejections: NodeRejection[] };

export interface StoppedVm {
  vm: string;
  ha: boolean;
  node: string;
  cause: StopCause;
}

export interface Evacuation {
  /** The wave's nodes down, their VMs moved or stopped. */
  state: ClusterState;
  /** In the order they run. */
  moves: Move[];
  stopped: StoppedVm[];
}

export function evacuate(base: ClusterState, wave: readonly number[], strategy: Strategy): Evacuation {
  const { index } = base;
  const state = cloneState(base);
  for (const node of wave) state.nodeUp[node] = 0;
  const moves: Move[] = [];
  const stopped: StoppedVm[] = [];
  const stop = (vm: number, cause: StopCause): void => {
    const from = state.vmNode[vm]!;
    moves.push(priceMove(state, vm, from, NO_INDEX, false));
    stopped.push({ vm: index.cluster.vms[vm]!.name, ha: index.vmHa[vm] === 1, node: index.nodes[from]!.name, cause });
    stopVm(state, vm);
  };
  const move = (vm: number, to: number, parking: boolean): void => {
    moves.push(priceMove(state, vm, state.vmNode[vm]!, to, parking));
    stopVm(state, vm);
    assign(state, vm, to);
  };

  for (let vm = 0; vm < index.vmCount; vm++) {
    const instance = state.vmInstance[vm]!;
    if (state.vmNode[vm] === NO_INDEX || index.instanceShared[instance] !== 1) continue;
    const host = index.instanceHost[instance]!;
    if (host !== NO_INDEX && state.nodeUp[host] === 0) {
      stop(vm, { code: 'storage-served', pool: index.poolNames[index.instancePool[instance]!]!, servedBy: index.nodes[host]!.name });
    }
  }

  const inWave = new Set(wave);
  const leaving: number[] = [];
  for (let vm = 0; vm < index.vmCount; vm++) if (inWave.has(state.vmNode[vm]!)) leaving.push(vm);
  leaving.sort((a, b) => index.vmMem[b]! - index.vmMem[a]! || a - b);
  for (const vm of leaving) {
    const target = bestTarget(state, vm, strategy, NO_INDEX);
    if (target !== NO_INDEX) {
      move(vm, target, false);
      continue;
    }
    const parking = parkingFor(state, vm, strategy);
    if (parking !== null) {
      move(parking.vm, parking.to, true);
      move(vm, parking.room, false);
      continue;
    }
    if (index.vmGpus[vm]! > 0 && !freeGpuSomewhere(state, vm)) stop(vm, { code: 'passthrough', gpus: index.vmGpus[vm]!, gpuModel: index.cluster.vms[vm]!.gpuModel });
    else stop(vm, { code: 'no-target', rejections: upNodeRejections(state, vm) });
  }
  return { state, moves, stopped };
}

/**
 * The node the strategy ranks best for `vm` among those that pass every filter, `exclude` aside:
 * preferred affinity first, first in name order for a first-fit strategy, else the highest score
 * (ties to the first in name order). NO_INDEX when none passes. Reads only.
 */
export function bestTarget(state: ClusterState, vm: number, strategy: Strategy, exclude: number): number {
  const preferred = state.index.vmPreferred[vm];
  if (preferred !== null && preferred !== undefined) {
    const choice = scan(state, vm, strategy, exclude, preferred);
    if (choice !== NO_INDEX) return choice;
  }
  return scan(state, vm, strategy, exclude, null);
}

function scan(state: ClusterState, vm: number, strategy: Strategy, exclude: number, mask: Uint8Array | null): number {
  const from = state.vmNode[vm]!;
  let best = NO_INDEX;
  let bestScore = -Infinity;
  for (let node = 0; node < state.index.nodeCount; node++) {
    if (node === exclude || node === from || (mask !== null && mask[node] !== 1)) continue;
    if (!passesAllFilters(state, vm, node)) continue;
    if (strategy.scorer === null) return node;
    const score = strategy.scorer(state, vm, node);
    if (score > bestScore + 1e-12) {
      best = node;
      bestScore = score;
    }
  }
  return best;
}

/** A VM to move out of the way so that `vm` fits: the first node refusing `vm` for room alone, its smallest VM that frees enough. */
function parkingFor(state: ClusterState, vm: number, strategy: Strategy): { vm: number; to: number; room: number } | null {
  const { index } = state;
  const rejections = explainRejections(state, vm);
  for (let room = 0; room < index.nodeCount; room++) {
    const reasons = rejections[room]!.reasons;
    if (state.nodeUp[room] === 0 || reasons.length === 0 || !reasons.every((r) => r.code === 'insufficient')) continue;
    const residents: number[] = [];
    for (let other = 0; other < index.vmCount; other++) if (state.vmNode[other] === room && index.vmGpus[other] === 0) residents.push(other);
    residents.sort((a, b) => index.vmMem[a]! - index.vmMem[b]! || a - b);
    for (const other of residents) {
      stopVm(state, other);
      const fits = passesAllFilters(state, vm, room);
      assign(state, other, room);
      if (!fits) continue;
      const to = bestTarget(state, other, strategy, room);
      if (to === NO_INDEX) continue;
      // The parked VM must leave room for `vm` where it lands too: check on the state after it moved.
      stopVm(state, other);
      assign(state, other, to);
      const stillFits = passesAllFilters(state, vm, room);
      stopVm(state, other);
      assign(state, other, room);
      if (stillFits) return { vm: other, to, room };
    }
  }
  return null;
}

function upNodeRejections(state: ClusterState, vm: number): NodeRejection[] {
  return explainRejections(state, vm).filter((rejection) => !rejection.reasons.some((r) => r.code === 'node-down'));
}
