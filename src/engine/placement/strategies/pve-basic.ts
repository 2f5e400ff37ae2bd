/**
 * `pve-basic`: Proxmox VE's basic CRS (the default, datacenter.cfg `crs: ha=basic`), decided by
 * the replay engine's scorer `scoreNodesBasic` (engine/proxmox/scheduler-basic.ts, Usage/Basic.pm):
 * the up node running the fewest guests wins, ties to the byte-wise first name. Every VM running
 * on a node counts, HA or not (ha-manager 5.1.2 counts running non-HA guests); size does not.
 * O(VMs + up nodes log up nodes) per decision.
 */
import { NO_INDEX } from '../../model/cluster-index.js';
import { scoreNodesBasic, type BasicNodeLoad } from '../../proxmox/scheduler-basic.js';
import type { Chooser } from '../types.js';
import { firstRankedCandidate } from './proxmox-choice.js';

export const chooseBasic: Chooser = (state, _vm, candidates) => {
  const { index } = state;
  const guests = new Int32Array(index.nodeCount);
  for (const node of state.vmNode) if (node !== NO_INDEX) guests[node]! += 1;
  const loads: BasicNodeLoad[] = [];
  for (let node = 0; node < index.nodeCount; node++) {
    if (state.nodeUp[node] === 1) loads.push({ name: index.nodes[node]!.name, services: guests[node]! });
  }
  return firstRankedCandidate(index, scoreNodesBasic(loads), candidates);
};
