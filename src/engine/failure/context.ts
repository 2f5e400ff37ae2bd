/**
 * What every failure scenario of one placed cluster shares, computed once: the placed base
 * state, the strategy, and which VMs each node runs or serves storage to (compressed sparse
 * rows), so a scenario touches only the VMs its failed nodes affect.
 */
import { compareBytes } from '../proxmox/sid-order.js';
import { NO_INDEX, type ClusterIndex } from '../model/cluster-index.js';
import type { ClusterState } from '../model/state.js';
import type { Strategy } from '../placement/types.js';

export interface FailureContext {
  readonly base: ClusterState;
  readonly strategy: Strategy;
  /** VMs running on node n: runsOn.vms[runsOn.start[n] .. runsOn.start[n + 1]). */
  readonly runsOn: NodeLists;
  /** VMs whose disk sits on a shared pool served by node n. */
  readonly storedOn: NodeLists;
  /** VMs that were never placed. */
  readonly unplaced: Int32Array;
  /** Each VM's place in the restart order, which the strategy decides (Strategy.recoveryOrder). */
  readonly restartRank: Int32Array;
}

export interface NodeLists {
  readonly start: Int32Array;
  readonly vms: Int32Array;
}

export function failureContext(base: ClusterState, strategy: Strategy): FailureContext {
  const { index } = base;
  const sharedHost = (vm: number): number => {
    const instance = base.vmInstance[vm]!;
    return instance !== NO_INDEX && index.instanceShared[instance] === 1 ? index.instanceHost[instance]! : NO_INDEX;
  };
  return {
    base,
    strategy,
    runsOn: groupByNode(index.nodeCount, index.vmCount, (vm) => base.vmNode[vm]!),
    storedOn: groupByNode(index.nodeCount, index.vmCount, sharedHost),
    restartRank: restartRanks(index, strategy.recoveryOrder),
    unplaced: neverPlaced(base),
  };
}

// The restart order reads only the index (names, priorities), never the state, so the states a
// search judges on one index share it instead of sorting every VM again. Never written.
const ranksOf = new WeakMap<ClusterIndex, Map<Strategy['recoveryOrder'], Int32Array>>();

function restartRanks(index: ClusterIndex, recoveryOrder: Strategy['recoveryOrder']): Int32Array {
  const kept = ranksOf.get(index) ?? ranksOf.set(index, new Map()).get(index)!;
  const known = kept.get(recoveryOrder);
  if (known !== undefined) return known;
  const vms = index.cluster.vms;
  // headroom's strategies: HA priority descending, then name byte-wise. The Proxmox strategies:
  // name byte-wise only, as the HA manager recovers in sorted service-id order (Manager.pm
  // `manage`, `sort keys %$ss`) and has no restart priority.
  const priority = recoveryOrder === 'ha-priority' ? index.vmPriority : new Float64Array(index.vmCount);
  const order = vms.map((_, vm) => vm).sort((a, b) => priority[b]! - priority[a]! || compareBytes(vms[a]!.name, vms[b]!.name));
  const restartRank = new Int32Array(index.vmCount);
  order.forEach((vm, rank) => (restartRank[vm] = rank));
  kept.set(recoveryOrder, restartRank);
  return restartRank;
}

/** The VMs without a node, in index order (a loop: fit's probes ask for this on every state). */
function neverPlaced(base: ClusterState): Int32Array {
  const vms: number[] = [];
  for (let vm = 0; vm < base.index.vmCount; vm++) if (base.vmNode[vm] === NO_INDEX) vms.push(vm);
  return Int32Array.from(vms);
}

function groupByNode(nodeCount: number, vmCount: number, nodeOf: (vm: number) => number): NodeLists {
  const start = new Int32Array(nodeCount + 1);
  for (let vm = 0; vm < vmCount; vm++) {
    const node = nodeOf(vm);
    if (node !== NO_INDEX) start[node + 1]! += 1;
  }
  for (let n = 0; n < nodeCount; n++) start[n + 1]! += start[n]!;
  const fill = start.slice(0, nodeCount);
  const vms = new Int32Array(start[nodeCount]!);
  for (let vm = 0; vm < vmCount; vm++) {
    const node = nodeOf(vm);
    if (node !== NO_INDEX) vms[fill[node]!++] = vm;
  }
  return { start, vms };
}

export function listOf(lists: NodeLists, node: number): Int32Array {
  return lists.vms.subarray(lists.start[node]!, lists.start[node + 1]!);
}
