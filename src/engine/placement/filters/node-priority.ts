/**
 * Node priorities of an HA node-affinity rule: only nodes of the highest priority present among
 * the up nodes are eligible (Manager.pm `select_service_node`: `pri` is the top class of
 * `get_node_affinity`). "Present" means online, as in Proxmox, not "has room": a full
 * top-priority node does not open the next class. A non-strict rule ranks unlisted nodes at −1,
 * so they become eligible only when no listed node is up. O(nodes) for a VM under a rule.
 */
import type { ClusterState } from '../../model/state.js';
import type { Filter } from '../types.js';

export const nodePriority: Filter = {
  name: 'node-priority',
  passes: (state, vm, node) => {
    const priority = state.index.ha.priority[vm];
    // A node a strict rule does not list (−Infinity) is the pin's rejection (node-affinity.ts), not this one's.
    return priority === null || priority === undefined || priority[node] === -Infinity || priority[node]! >= topPriority(state, priority);
  },
  explain: (state, vm) => {
    const priority = state.index.ha.priority[vm]!;
    const top = topPriority(state, priority);
    const allowed = state.index.nodes.filter((_, n) => state.nodeUp[n] === 1 && priority[n] === top).map((node) => node.name);
    return [{ code: 'node-affinity', allowed }];
  },
};

function topPriority(state: ClusterState, priority: Float64Array): number {
  let top = -Infinity;
  for (let node = 0; node < priority.length; node++) if (state.nodeUp[node] === 1 && priority[node]! > top) top = priority[node]!;
  return top;
}
