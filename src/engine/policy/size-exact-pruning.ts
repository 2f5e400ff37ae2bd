/**
 * The pruning rules of the exact sizing search (size-exact.ts): necessary conditions for an
 * n+k policy to hold, checked on a partial placement. Each is monotone: placing more VMs never
 * repairs a broken rule, so a partial placement that breaks one has no completion that holds,
 * and its subtree is cut.
 *
 * Scenarios: the policy's failure sets that keep quorum (a scenario without quorum cannot break
 * the policy on capacity), only the largest (a pair's rule implies the rule of each of its
 * nodes alone: more demand, less room).
 *
 * Room-bound VMs. A VM is room-bound when it is HA, has no GPU, no pin, node priority or
 * positive partner, its disk is on a shared pool (on copies of one node, with no node serving
 * it: size-exact.ts asserts that), and it has fewer possible conflicts (other members of its
 * anti-affinity group, negative partners) than a scenario leaves survivors. When its node fails, some survivor runs none of its
 * conflicts (pigeonhole), so the VM restarts on a survivor where every filter passes; or that
 * survivor refuses it for room alone and it is down for capacity, a breach; or a strategy
 * without a fit check (Proxmox's) overloads a survivor, a breach. Survivors keep their own VMs
 * (no storage is served by a node, quorum holds). strictSpof and maxUtilAfterFailover only add
 * breaches, so what is necessary without them stays necessary with them.
 *
 * Rule 1, failover room, per scenario F and for CPU and memory:
 *     D_F + max(0, R − free_F) <= free_S
 *   D_F: demand of the room-bound VMs on F; R: demand of the VMs not placed yet; free_F,
 *   free_S: free room on F and on the survivors now.
 *   Necessary: the survivors end up holding D_F more, in the room the unplaced VMs leave them;
 *   of the unplaced demand R, at most free_F can go to F.
 *   Monotone: a VM of size s placed on F raises D_F by at most s and lowers R and free_F alike;
 *   placed on a survivor, it lowers free_S by s and the left side by at most s.
 * Rule 2, restart packing, per scenario F: the room-bound VMs on F can be placed again, all at
 *   once, on the survivors of the current partial placement, every placement filter passing
 *   (capacity, anti-affinity, HA rules: the pipeline's filters, with F's nodes down).
 *   Necessary: after the restarts of a scenario that holds, those VMs run on survivors with
 *   every constraint met, on top of at least today's load: the same packing exists now.
 *   Monotone: placing more VMs only adds items to F or load and conflicts to survivors.
 *   Cost: a depth-first packing, exponential in the VMs on F (a handful); every step is charged
 *   to the search budget.
 * Reference: Martello & Toth, "Knapsack Problems", Wiley 1990, ch. 8 (bounds for bin packing
 * branch and bound); the restart rules are headroom's own (failure/simulate.ts).
 */
import { NO_INDEX, type ClusterIndex } from '../model/cluster-index.js';
import type { PartnerLists } from '../model/ha-constraints.js';
import { assign, cloneState, stopVm, type ClusterState } from '../model/state.js';
import { hasQuorum } from '../failure/quorum.js';
import { passesAllFilters } from '../placement/pipeline.js';
import { policyScenarios } from './failover-policy.js';

const TOLERANCE = 1e-9;

export interface Pruning {
  /** Records `vm` placed on (sign 1) or taken off (sign −1) `node`; call after assign, before unassign. */
  move(vm: number, node: number, sign: 1 | -1): void;
  /** Both rules hold; `spend` charges one search node and says whether the budget allows it. */
  holds(state: ClusterState, spend: () => boolean): boolean;
}

/** `order`: the search's VM order, hardest first; packing follows it. */
export function failoverPruning(index: ClusterIndex, scenarios: 'n+1' | 'n+2', order: readonly number[]): Pruning {
  const nodeCount = index.nodeCount;
  const quorate = policyScenarios(index, scenarios)
    .map((scenario) => scenario.nodes)
    .filter((failed) => hasQuorum(index, Uint8Array.from({ length: nodeCount }, (_, n) => (failed.includes(n) ? 0 : 1))));
  const failedAtOnce = Math.max(0, ...quorate.map((failed) => failed.length));
  const largest = quorate.filter((failed) => failed.length === failedAtOnce);
  const bound = roomBound(index, nodeCount - failedAtOnce);
  const resources = [
    { demand: index.vmCpu, capacity: index.cpuCap, used: (state: ClusterState) => state.cpuUsed },
    { demand: index.vmMem, capacity: index.memCap, used: (state: ClusterState) => state.memUsed },
  ].map((resource) => ({ ...resource, boundOn: new Float64Array(nodeCount), unplaced: resource.demand.reduce((sum, size) => sum + size, 0) }));

  const roomHolds = (state: ClusterState): boolean => {
    for (const { capacity, used, boundOn, unplaced } of resources) {
      const free = (node: number) => capacity[node]! - used(state)[node]!;
      let totalFree = 0;
      for (let node = 0; node < nodeCount; node++) totalFree += free(node);
      for (const failed of largest) {
        let demand = 0;
        let freeOnFailed = 0;
        for (const node of failed) {
          demand += boundOn[node]!;
          freeOnFailed += free(node);
        }
        if (demand + Math.max(0, unplaced - freeOnFailed) > totalFree - freeOnFailed + TOLERANCE) return false;
      }
    }
    return true;
  };

  const restartsPack = (state: ClusterState, spend: () => boolean): boolean => {
    for (const failed of largest) {
      const moving = order.filter((vm) => bound[vm] === 1 && failed.includes(state.vmNode[vm]!));
      if (moving.length === 0) continue;
      const after = cloneState(state);
      for (const node of failed) after.nodeUp[node] = 0;
      for (const vm of moving) stopVm(after, vm);
      if (!packs(after, moving, 0, spend)) return false;
    }
    return true;
  };

  return {
    move(vm, node, sign) {
      for (const resource of resources) {
        resource.unplaced -= sign * resource.demand[vm]!;
        if (bound[vm] === 1) resource.boundOn[node]! += sign * resource.demand[vm]!;
      }
    },
    holds: (state, spend) => roomHolds(state) && restartsPack(state, spend),
  };
}

/** Places moving[from..] on the nodes that are up, depth first; leaves `state` as it found it. */
function packs(state: ClusterState, moving: readonly number[], from: number, spend: () => boolean): boolean {
  if (from === moving.length) return true;
  const vm = moving[from]!;
  for (let node = 0; node < state.index.nodeCount; node++) {
    if (!spend()) return false;
    if (!passesAllFilters(state, vm, node)) continue;
    assign(state, vm, node);
    const packed = packs(state, moving, from + 1, spend);
    stopVm(state, vm);
    if (packed) return true;
  }
  return false;
}

/** 1 for the room-bound VMs (header) when scenarios leave `survivors` nodes up. */
function roomBound(index: ClusterIndex, survivors: number): Uint8Array {
  const partnerCount = (lists: PartnerLists, vm: number) => lists.start[vm + 1]! - lists.start[vm]!;
  return Uint8Array.from({ length: index.vmCount }, (_, vm) => {
    const group = index.vmGroup[vm]!;
    const groupConflicts = group === NO_INDEX ? 0 : index.groupMembers.start[group + 1]! - index.groupMembers.start[group]! - 1;
    const conflicts = groupConflicts + partnerCount(index.ha.apart, vm);
    const restartsFreely =
      index.vmHa[vm] === 1 && index.vmGpus[vm] === 0 && index.vmAllowed[vm] === null && index.ha.priority[vm] === null &&
      partnerCount(index.ha.together, vm) === 0 && index.instanceShared[index.instanceAt[index.vmPool[vm]! * index.nodeCount]!] === 1;
    return restartsFreely && conflicts < survivors ? 1 : 0;
  });
}
