/**
 * Proxmox CRS `dynamic` scheduler (`Usage/Dynamic.pm` → pve-rs `pve_dynamic.rs`,
 * `StartingAsStartedResourceAggregator`). A node's base load is the measured usage (cpu, mem) of
 * the guests its LRM reports running; services attached but not yet running (just recovered, a
 * rebalance-on-start target) are added at their static maxcpu/maxmem. The candidate gets the
 * service's static size, and ranking is the static scheduler's TOPSIS. Auto-rebalance measures
 * the base alone and moves services at their measured usage.
 */
import { countsAsRunning, type ServiceStatus, usedServiceNodes } from './service-status.js';
import { type NodeCapacity, type ServiceDemand, type StaticNodeLoad, StaticUsage } from './scheduler-static.js';

export interface MeasuredLoad {
  cpu: number;
  memBytes: number;
}

export class DynamicUsage extends StaticUsage {
  override readonly mode = 'dynamic' as const;
  private readonly base: StaticNodeLoad[];

  constructor(
    onlineNodes: readonly string[],
    capacity: (node: string) => NodeCapacity,
    demandOf: (sid: string) => ServiceDemand,
    measured: (node: string) => MeasuredLoad,
    private readonly measuredService: (sid: string) => MeasuredLoad,
  ) {
    super(onlineNodes, capacity, demandOf);
    for (const load of this.loads.values()) {
      const base = measured(load.name);
      load.usedCpu = base.cpu;
      load.usedMemBytes = base.memBytes;
    }
    this.base = this.listNodes().map((node) => ({ ...this.loads.get(node)! }));
  }

  /** The measured base only: services not running yet do not count toward the imbalance. */
  override balancingLoads(): StaticNodeLoad[] {
    return this.base.map((load) => ({ ...load }));
  }

  /** A service moves with its measured usage, not its size. */
  override balancingLoad(sid: string): ServiceDemand {
    return { ...this.measuredService(sid) };
  }

  /** Running services are already in the measured base; only the others add their size. */
  protected override counts(status: ServiceStatus, used: ReturnType<typeof usedServiceNodes>): boolean {
    return !countsAsRunning(status, used);
  }
}
