/**
 * The VM's disk pool must be reachable from the node, and a shared pool must have its serving
 * node up: when node05 (which serves the lab's ZFS pool and iSCSI LUNs) is down, no node can
 * run a VM whose disk is there.
 */
import { NO_INDEX } from '../../model/cluster-index.js';
import { instanceFor } from '../../model/state.js';
import type { Filter } from '../types.js';

export const storageReachable: Filter = {
  name: 'storage-reachable',
  passes: (state, vm, node) => {
    const instance = instanceFor(state.index, vm, node);
    if (instance === NO_INDEX) return false;
    const host = state.index.instanceHost[instance]!;
    return host === NO_INDEX || state.nodeUp[host] === 1;
  },
  explain: (state, vm, node) => {
    const { index } = state;
    const pool = index.poolNames[index.vmPool[vm]!]!;
    const instance = instanceFor(index, vm, node);
    if (instance === NO_INDEX) return [{ code: 'storage-unreachable', pool }];
    return [{ code: 'storage-offline', pool, servedBy: index.nodes[index.instanceHost[instance]!]!.name }];
  },
};
