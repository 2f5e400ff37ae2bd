/**
 * Proxmox CRS `dynamic` scheduler (`Usage/Dynamic.pm` → pve-rs `pve_dynamic.rs`,
 * `StartingAsStartedResourceAggregator`). A node's base load is the measured usage (cpu, mem) of
 * the guests its LRM reports running; services attached but not yet running (just recovered, a
 * rebalance-on-start target) are added at their static maxcpu/maxmem. The candidate gets the
 * service's static size, and ranking is the static scheduler's TOPSIS.
 */
import { countsAsRunning, type ServiceStatus, usedServiceNodes } from './service-status.js';
import { type NodeCapacity, type ServiceDemand, StaticUsage } from './scheduler-static.js';

export interface MeasuredLoad {
  cpu: number;
  memBytes: number;
}

export class DynamicUsage extends StaticUsage {
  override readonly mode = 'dynamic' as const;

  constructor(
    onlineNodes: readonly string[],
    capacity: (node: string) => NodeCapacity,
    demandOf: (sid: string) => ServiceDemand,
    measured: (node: string) => MeasuredLoad,
  ) {
    super(onlineNodes, capacity, demandOf);
    for (const load of this.loads.values()) {
      const base = measured(load.name);
      load.usedCpu = base.cpu;
      load.usedMemBytes = base.memBytes;
    }
  }

  /** Running services are already in the measured base; only the others add their size. */
  protected override counts(status: ServiceStatus, used: ReturnType<typeof usedServiceNodes>): boolean {
    return !countsAsRunning(status, used);
  }
}
