/**
 * No two VMs of one anti-affinity group on the same node (Kubernetes workers spread across
 * nodes). Checked against the group's members (a handful), so the state carries no per-group
 * table and a failure scenario's copy stays small.
 */
import { NO_INDEX } from '../../model/cluster-index.js';
import type { Filter } from '../types.js';

export const antiAffinity: Filter = {
  name: 'anti-affinity',
  passes: (state, vm, node) => {
    const { index } = state;
    const group = index.vmGroup[vm]!;
    if (group === NO_INDEX) return true;
    const { start, vms } = index.groupMembers;
    for (let i = start[group]!; i < start[group + 1]!; i++) {
      const member = vms[i]!;
      if (member !== vm && state.vmNode[member] === node) return false;
    }
    return true;
  },
  explain: (state, vm, node) => {
    const { index } = state;
    const group = index.vmGroup[vm]!;
    const { start, vms } = index.groupMembers;
    const conflictsWith = Array.from(vms.subarray(start[group]!, start[group + 1]!))
      .filter((member) => member !== vm && state.vmNode[member] === node)
      .map((member) => index.cluster.vms[member]!.name);
    return [{ code: 'anti-affinity', group: index.groupNames[group]!, conflictsWith }];
  },
};
