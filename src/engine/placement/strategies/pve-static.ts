/**
 * `pve-static`: Proxmox VE's static CRS (datacenter.cfg `crs: ha=static`), decided by the replay
 * engine's scorer `scoreNodesStatic` (engine/proxmox/scheduler-static.ts: TOPSIS over the RMS and peak
 * CPU and memory load of every online node, as if the VM ran on each, weights 1:2:5:10).
 *
 * Inputs as Proxmox reads them (Usage/Static.pm, proxmox-perl-rs `pve_static.rs`):
 * - node capacity: hardware threads, not multiplied by cpuOvercommit (`maxcpu` is the node's CPU
 *   count), and the node's whole memory, the host's reservation included (`maxmem`);
 * - VM size: its vCPUs and memory (the guest's `maxcpu`/`maxmem`);
 * - load: every VM running on the node, HA or not (ha-manager 5.1.2 counts running non-HA guests).
 * Every up node is an alternative, even one the filters exclude for this VM, because TOPSIS
 * normalises over all of them. Memory goes in as bytes (GiB × 2^30, exact), as the replay engine
 * receives it. Cost: O(up nodes²) per decision, plus the allocations of the ranking.
 */
import { scoreNodesStatic, type StaticNodeLoad } from '../../proxmox/scheduler-static.js';
import type { ClusterState } from '../../model/state.js';
import type { Chooser } from '../types.js';
import { firstRankedCandidate } from './proxmox-choice.js';

export const GIB_BYTES = 2 ** 30;

export const chooseStatic: Chooser = (state, vm, candidates) => {
  const { index } = state;
  const demand = { cpu: index.vmCpu[vm]!, memBytes: index.vmMem[vm]! * GIB_BYTES };
  return firstRankedCandidate(index, scoreNodesStatic(staticNodeLoads(state), demand), candidates);
};

/** Every up node's load as Proxmox's static scheduler reads it (threads, whole memory in bytes); also what auto-rebalance measures. */
export function staticNodeLoads(state: ClusterState): StaticNodeLoad[] {
  const { index } = state;
  const loads: StaticNodeLoad[] = [];
  for (let node = 0; node < index.nodeCount; node++) {
    if (state.nodeUp[node] === 0) continue;
    const spec = index.nodes[node]!;
    loads.push({
      name: spec.name,
      maxCpu: spec.cpuThreads,
      maxMemBytes: spec.memGiB * GIB_BYTES,
      usedCpu: state.cpuUsed[node]!,
      usedMemBytes: state.memUsed[node]! * GIB_BYTES,
    });
  }
  return loads;
}
