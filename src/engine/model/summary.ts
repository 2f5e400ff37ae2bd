/** What `validate` reports: the counts and totals of a loaded cluster, before any placement. */
import type { DroppedRule } from '../proxmox/rules-feasibility.js';
import { compileHaConstraints } from './ha-constraints.js';
import type { Cluster, CrsMode, Policy } from './cluster.js';

export interface ClusterSummary {
  scenario: string;
  nodes: number;
  cpuThreads: number;
  memGiB: number;
  memReservedGiB: number;
  gpus: number;
  pools: Array<{ name: string; kind: 'local' | 'shared'; capacityGiB: number; servedBy: string | null }>;
  classes: number;
  vms: number;
  haVms: number;
  requested: { vcpus: number; memGiB: number; diskGiB: number; gpus: number };
  antiAffinityGroups: string[];
  failureDomains: Record<string, string[]>;
  policy: Policy;
  /** The `ha:` section: CRS mode, rule count, and the rules Proxmox would drop as infeasible (with its reasons). */
  ha: { crs: CrsMode | null; rules: number; dropped: DroppedRule[] };
}

export function summariseCluster(cluster: Cluster): ClusterSummary {
  const sum = <T>(items: readonly T[], value: (item: T) => number): number => items.reduce((total, item) => total + value(item), 0);
  const domains: Record<string, Set<string>> = {};
  for (const node of cluster.nodes) {
    for (const [kind, name] of Object.entries(node.domains)) (domains[kind] ??= new Set()).add(name);
  }
  return {
    scenario: cluster.name,
    nodes: cluster.nodes.length,
    cpuThreads: sum(cluster.nodes, (n) => n.cpuThreads),
    memGiB: sum(cluster.nodes, (n) => n.memGiB),
    memReservedGiB: sum(cluster.nodes, (n) => n.memReservedGiB),
    gpus: sum(cluster.nodes, (n) => n.gpus),
    pools: cluster.pools.map((pool) => ({
      name: pool.name,
      kind: pool.kind,
      capacityGiB: pool.kind === 'shared' ? pool.capacityGiB : sum(Object.values(pool.capacityGiBByNode), (c) => c),
      servedBy: pool.kind === 'shared' ? pool.servedBy : null,
    })),
    classes: cluster.classes.length,
    vms: cluster.vms.length,
    haVms: cluster.vms.filter((vm) => vm.ha).length,
    requested: {
      vcpus: sum(cluster.vms, (vm) => vm.vcpus),
      memGiB: sum(cluster.vms, (vm) => vm.memGiB),
      diskGiB: sum(cluster.vms, (vm) => vm.diskGiB),
      gpus: sum(cluster.vms, (vm) => vm.gpus),
    },
    antiAffinityGroups: [...new Set(cluster.vms.flatMap((vm) => (vm.antiAffinity ? [vm.antiAffinity] : [])))].sort(),
    failureDomains: Object.fromEntries(Object.entries(domains).sort(([a], [b]) => (a < b ? -1 : 1)).map(([kind, names]) => [kind, [...names].sort()])),
    policy: cluster.policy,
    ha: {
      crs: cluster.ha?.crs ?? null,
      rules: cluster.ha?.rules.length ?? 0,
      dropped: compileHaConstraints(cluster, cluster.nodes.map((node) => node.name)).rules?.dropped ?? [],
    },
  };
}
