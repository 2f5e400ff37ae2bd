/**
 * What the schedulers read from the simulated cluster, with the simulator's defaults:
 * - node capacity: hardware_status maxcpu (truncated to whole cores) and maxmem; 24 cores and
 *   128 GiB when absent;
 * - a service's size: static_service_stats maxcpu/maxmem; 4 cores and 4096 MiB when absent;
 * - a node's measured load: the sum of dynamic_service_stats cpu/mem over the guests its
 *   hypervisor runs; 2 cores and 2048 MiB for a guest without stats.
 * Observed: docs/pve-ha-recovery.md §6, §11, test-crs-static*, test-crs-dynamic*.
 */
import type { MeasuredLoad } from '../proxmox/scheduler-dynamic.js';
import type { NodeCapacity, ServiceDemand } from '../proxmox/scheduler-static.js';
import type { SimHardware } from './hardware.js';

const MIB = 1024 * 1024;
const DEFAULT_NODE: NodeCapacity = { maxCpu: 24, maxMemBytes: 128 * 1024 * MIB };
const DEFAULT_SERVICE: ServiceDemand = { cpu: 4, memBytes: 4096 * MIB };
const DEFAULT_MEASURED: MeasuredLoad = { cpu: 2, memBytes: 2048 * MIB };

export function nodeCapacity(hardware: SimHardware, node: string): NodeCapacity {
  const entry = hardware.nodes.get(node);
  return {
    maxCpu: Math.trunc(entry?.maxCpu ?? DEFAULT_NODE.maxCpu),
    maxMemBytes: entry?.maxMemBytes ?? DEFAULT_NODE.maxMemBytes,
  };
}

export function serviceDemand(hardware: SimHardware, sid: string): ServiceDemand {
  const stats = hardware.staticStats.get(sid);
  return stats === undefined ? DEFAULT_SERVICE : { cpu: stats.maxCpu, memBytes: stats.maxMemBytes };
}

export function measuredLoad(hardware: SimHardware, node: string): MeasuredLoad {
  const load = { cpu: 0, memBytes: 0 };
  for (const [sid, running] of hardware.runningOn(node)) {
    if (!running) continue;
    const stats = measuredServiceLoad(hardware, sid);
    load.cpu += stats.cpu;
    load.memBytes += stats.memBytes;
  }
  return load;
}

/** One guest's measured usage (dynamic_service_stats, else the default). */
export function measuredServiceLoad(hardware: SimHardware, sid: string): MeasuredLoad {
  return hardware.dynamicStats.get(sid) ?? DEFAULT_MEASURED;
}
