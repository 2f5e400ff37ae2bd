/**
 * Proxmox CRS `static` scheduler (`Usage/Static.pm` → proxmox-perl-rs `pve_static.rs` →
 * proxmox-resource-scheduling `scheduler.rs` `score_nodes_to_start_resource`).
 *
 * For each candidate node n, picture the cluster with the service added to n. Over all online
 * nodes m of that picture let c_m = cpu_m / maxCpu_m and r_m = mem_m / maxMem_m; the
 * alternative for n is
 *   [1 + sqrt(mean c_m^2), 1 + max c_m, 1 + sqrt(mean r_m^2), 1 + max r_m]
 * (RMS and peak CPU, RMS and peak memory), all minimised, weighted 1 : 2 : 5 : 10 (memory
 * matters most), ranked by TOPSIS closeness (numeric/topsis.ts). Every online node is an
 * alternative, even one the rules exclude, so excluded nodes still shift the normalisation.
 * Loads count every service attached to a node at its full maxcpu/maxmem, running or not; a
 * service with maxcpu 0 counts as all of the node's cores.
 */
import { type TopsisCriterion, topsisCloseness } from '../numeric/topsis.js';
import { compareBytes } from './sid-order.js';
import { type ServiceStatus, usedServiceNodes } from './service-status.js';
import { type NodeScore, type OnlineNodeUsage, SCORE_TIE_EPSILON } from './usage.js';

/** Criteria of `pve_static.rs`, in alternative-vector order. */
export const STATIC_CRITERIA: readonly (TopsisCriterion & { name: string })[] = [
  { name: 'cpu-rms', weight: 1, direction: 'minimise' },
  { name: 'cpu-peak', weight: 2, direction: 'minimise' },
  { name: 'memory-rms', weight: 5, direction: 'minimise' },
  { name: 'memory-peak', weight: 10, direction: 'minimise' },
];

export interface StaticNodeLoad {
  name: string;
  /** Cores (Proxmox truncates the node's count to an integer). */
  maxCpu: number;
  maxMemBytes: number;
  /** Cores used by the services counted on the node; may exceed maxCpu when overcommitted. */
  usedCpu: number;
  usedMemBytes: number;
}

export interface ServiceDemand {
  /** Cores; 0 means "no limit", counted as all cores of the node it lands on. */
  cpu: number;
  memBytes: number;
}

/**
 * Ranks `nodes` for starting `service`, best first. `score` is the TOPSIS closeness in [0, 1]
 * (higher is better); scores within 1e-12 tie and go to the byte-wise first node name.
 * Pure: neither argument is modified.
 */
export function scoreNodesStatic(nodes: readonly StaticNodeLoad[], service: ServiceDemand): NodeScore[] {
  const ordered = [...nodes].sort((a, b) => compareBytes(a.name, b.name));
  const alternatives = ordered.map((_, candidate) => {
    const cpuFractions: number[] = [];
    const memFractions: number[] = [];
    ordered.forEach((node, index) => {
      const addedCpu = index === candidate ? demandCpu(service, node.maxCpu) : 0;
      const addedMem = index === candidate ? service.memBytes : 0;
      cpuFractions.push((node.usedCpu + addedCpu) / node.maxCpu);
      memFractions.push((node.usedMemBytes + addedMem) / node.maxMemBytes);
    });
    return loadAlternative(cpuFractions, memFractions);
  });
  const closeness = topsisCloseness(alternatives, STATIC_CRITERIA);
  return ordered
    .map((node, index) => ({ name: node.name, score: closeness[index]! }))
    .sort((a, b) => (Math.abs(a.score - b.score) > SCORE_TIE_EPSILON ? b.score - a.score : compareBytes(a.name, b.name)));
}

/** The `dynamic` scheduler ranks with the same TOPSIS; only the loads it passes in differ. */
export const scoreNodesDynamic = scoreNodesStatic;

/**
 * One TOPSIS alternative from every node's CPU and memory fraction, in STATIC_CRITERIA order. The
 * 1 + keeps tiny loads from looking far apart (0.004 is twice 0.002; 1.004 barely above 1.002).
 */
export function loadAlternative(cpuFractions: readonly number[], memFractions: readonly number[]): number[] {
  return [1 + rootMeanSquare(cpuFractions), 1 + Math.max(...cpuFractions), 1 + rootMeanSquare(memFractions), 1 + Math.max(...memFractions)];
}

export function demandCpu(service: ServiceDemand, nodeMaxCpu: number): number {
  return service.cpu === 0 ? nodeMaxCpu : service.cpu;
}

function rootMeanSquare(values: readonly number[]): number {
  let squares = 0;
  for (const value of values) squares += value * value;
  return Math.sqrt(squares / values.length);
}

export interface NodeCapacity {
  maxCpu: number;
  maxMemBytes: number;
}

/**
 * The CRM's static view: every attached service at full size. `capacity` and `demandOf` come
 * from the environment (hardware status, static service stats).
 */
export class StaticUsage implements OnlineNodeUsage {
  readonly mode: 'static' | 'dynamic' = 'static';
  protected readonly loads = new Map<string, StaticNodeLoad>();
  private readonly contributions = new Map<string, { node: string; cpu: number; memBytes: number }[]>();

  constructor(
    onlineNodes: readonly string[],
    capacity: (node: string) => NodeCapacity,
    protected readonly demandOf: (sid: string) => ServiceDemand,
  ) {
    for (const node of onlineNodes) this.loads.set(node, { name: node, ...capacity(node), usedCpu: 0, usedMemBytes: 0 });
  }

  listNodes(): string[] {
    return [...this.loads.keys()].sort(compareBytes);
  }

  addServiceUsage(sid: string, status: ServiceStatus): void {
    const used = usedServiceNodes(status, new Set(this.loads.keys()));
    if (!this.counts(status, used)) return;
    const demand = this.demandOf(sid);
    const added = [used.current, used.target]
      .filter((node): node is string => node !== undefined)
      .map((node) => ({ node, cpu: demandCpu(demand, this.loads.get(node)!.maxCpu), memBytes: demand.memBytes }));
    for (const { node, cpu, memBytes } of added) {
      const load = this.loads.get(node)!;
      load.usedCpu += cpu;
      load.usedMemBytes += memBytes;
    }
    this.contributions.set(sid, added);
  }

  removeServiceUsage(sid: string): void {
    for (const { node, cpu, memBytes } of this.contributions.get(sid) ?? []) {
      const load = this.loads.get(node)!;
      load.usedCpu -= cpu;
      load.usedMemBytes -= memBytes;
    }
    this.contributions.delete(sid);
  }

  scoreNodesToStartService(sid: string): Map<string, number> {
    const ranked = scoreNodesStatic([...this.loads.values()], this.demandOf(sid));
    return new Map(ranked.map(({ name, score }) => [name, -score]));
  }

  /** Node loads the auto-rebalancer measures (auto-rebalance.ts): every attached service at full size. */
  balancingLoads(): StaticNodeLoad[] {
    return this.listNodes().map((node) => ({ ...this.loads.get(node)! }));
  }

  /** What moving `sid` takes off its node: what it added there (nothing if it counts nowhere). */
  balancingLoad(sid: string): ServiceDemand {
    const [onCurrent] = this.contributions.get(sid) ?? [];
    return onCurrent === undefined ? { cpu: 0, memBytes: 0 } : { cpu: onCurrent.cpu, memBytes: onCurrent.memBytes };
  }

  /** Whether this service adds load at its full size; the static view counts every attached one. */
  protected counts(_status: ServiceStatus, _used: ReturnType<typeof usedServiceNodes>): boolean {
    return true;
  }
}
