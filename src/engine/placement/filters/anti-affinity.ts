/** No two VMs of one anti-affinity group on the same node (Kubernetes workers spread across nodes). */
import { NO_INDEX } from '../../model/cluster-index.js';
import type { Filter } from '../types.js';

export const antiAffinity: Filter = {
  name: 'anti-affinity',
  passes: (state, vm, node) => {
    const group = state.index.vmGroup[vm]!;
    return group === NO_INDEX || state.groupCount[group * state.index.nodeCount + node] === 0;
  },
  explain: (state, vm, node) => {
    const { index } = state;
    const group = index.vmGroup[vm]!;
    const conflictsWith: string[] = [];
    state.vmNode.forEach((host, other) => {
      if (host === node && other !== vm && index.vmGroup[other] === group) conflictsWith.push(index.cluster.vms[other]!.name);
    });
    return [{ code: 'anti-affinity', group: index.groupNames[group]!, conflictsWith }];
  },
};
