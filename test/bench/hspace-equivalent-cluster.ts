/**
 * headroom clusters equivalent to an hspace `--simulate=p,N,DISK,MEM,CPUS` cluster, under three
 * named semantics, and the count each semantics allows by arithmetic alone.
 *
 *   literal      the plain translation: `plain` disks are a local pool on every node, headroom's
 *                defaults otherwise (memory may be filled to 0 free, all threads for VMs)
 *   restartable  as literal, but disks on a shared pool, so a failed node's VMs restart
 *                elsewhere (what hspace assumes of plain instances: it recreates them)
 *   aligned      restartable, plus hspace's node model: free memory must stay above 0 (one MiB
 *                reserved: Ganeti counts MiB and rejects new_mem <= 0), and the node OS's
 *                vCPUs taken off the vCPU budget (hspace's simulated nodes run 1 vCPU each)
 *
 * Expected count, for identical nodes and one VM size (all HA, restarts through the capacity
 * filter). Let perNode = min over resources of floor(capacity / request):
 *
 *   VMs not restartable (local disk): failures never bind on capacity, count = N * perNode
 *   VMs restartable:                  count = (N - 1) * perNode
 *
 * The second is exact: with node loads c_i <= perNode and total T, a failure of node j fits
 * iff c_j <= sum over i != j of (perNode - c_i) = (N - 1) * perNode - T + c_j, i.e. iff
 * T <= (N - 1) * perNode, whatever the spread. Any placement that reaches it is optimal.
 * Complexity: O(1) per case.
 */
import type { Cluster, NodeSpec, Policy, VmClass } from '../../src/engine/model/cluster.js';

/** One MiB in GiB: the least free memory Ganeti accepts on a node (it works in whole MiB). */
export const ONE_MIB_IN_GIB = 1 / 1024;

export interface SimulatedNode {
  /** Physical CPUs as hspace counts them (hardware threads in headroom). */
  cpus: number;
  memGiB: number;
  diskGiB: number;
}

export interface InstanceSpec {
  vcpus: number;
  memGiB: number;
  diskGiB: number;
}

/** What hspace reports about its own node model (from its machine-readable output, or Ganeti's defaults). */
export interface HspaceNodeModel {
  /** Maximum virtual-to-physical CPU ratio (ipolicy vcpu-ratio; Ganeti's default is 4). */
  vcpuRatio: number;
  /** vCPUs each simulated node counts as used by its own OS (HTS_INI_CPU_INST / nodes; 1). */
  nodeOsVcpus: number;
}

export const GANETI_DEFAULT_NODE_MODEL: HspaceNodeModel = { vcpuRatio: 4, nodeOsVcpus: 1 };

export const SEMANTICS_NAMES = ['literal', 'restartable', 'aligned'] as const;
export type SemanticsName = (typeof SEMANTICS_NAMES)[number];

interface Semantics {
  /** Where the disks live: local (lost with their node) or shared (restart anywhere). */
  pool: 'local' | 'shared';
  /** Threads given to VMs for a node of `cpus` CPUs. */
  cpuThreads: (cpus: number, model: HspaceNodeModel) => number;
  memReservedGiB: number;
  /** vCPUs per thread. */
  cpuOvercommit: (model: HspaceNodeModel) => number;
}

const HEADROOM_DEFAULT_CPU_OVERCOMMIT = 4;

/** The semantics table: each row changes one thing from the row above it. */
export const SEMANTICS: Readonly<Record<SemanticsName, Semantics>> = {
  literal: { pool: 'local', cpuThreads: (cpus) => cpus, memReservedGiB: 0, cpuOvercommit: () => HEADROOM_DEFAULT_CPU_OVERCOMMIT },
  restartable: { pool: 'shared', cpuThreads: (cpus) => cpus, memReservedGiB: 0, cpuOvercommit: () => HEADROOM_DEFAULT_CPU_OVERCOMMIT },
  aligned: {
    pool: 'shared',
    // The node OS's vCPUs come off the vCPU budget cpus × ratio; in threads that is nodeOsVcpus / ratio.
    cpuThreads: (cpus, model) => cpus - model.nodeOsVcpus / model.vcpuRatio,
    memReservedGiB: ONE_MIB_IN_GIB,
    cpuOvercommit: (model) => model.vcpuRatio,
  },
};

export const CLASS_NAME = 'hspace-spec';
const POOL_NAME = 'plain';

export function equivalentCluster(semanticsName: SemanticsName, nodeCount: number, node: SimulatedNode, instance: InstanceSpec, model: HspaceNodeModel): Cluster {
  const semantics = SEMANTICS[semanticsName];
  const nodes: NodeSpec[] = Array.from({ length: nodeCount }, (_, i) => ({
    name: `node${String(i + 1).padStart(4, '0')}`,
    cpuModel: 'hspace-simulated',
    cpuThreads: semantics.cpuThreads(node.cpus, model),
    memGiB: node.memGiB,
    memReservedGiB: semantics.memReservedGiB,
    gpus: 0,
    gpuModel: null,
    netGbps: 10,
    domains: {},
    tags: [],
    votes: 1,
  }));
  const names = nodes.map((n) => n.name);
  const vmClass: VmClass = {
    name: CLASS_NAME,
    description: `${instance.vcpus} vCPU / ${instance.memGiB} GiB / ${instance.diskGiB} GiB`,
    vcpus: instance.vcpus,
    memGiB: instance.memGiB,
    diskGiB: instance.diskGiB,
    pool: POOL_NAME,
    gpus: 0,
    gpuModel: null,
    antiAffinity: null,
    affinity: null,
    // Ganeti restarts (recreates) every instance of a failed node; count them all as HA.
    ha: true,
    haPriority: 0,
  };
  const policy: Policy = {
    threshold: { cpu: 0.85, memGiB: 0.85, diskGiB: 0.85, gpus: 1 },
    cpuOvercommit: semantics.cpuOvercommit(model),
    memOvercommit: 1,
    strategy: 'balanced',
    failover: 'n+1',
  };
  return {
    name: `hspace-${semanticsName}-${nodeCount}`,
    nodes,
    pools: [
      semantics.pool === 'local'
        ? { name: POOL_NAME, kind: 'local', media: 'lvm', capacityGiBByNode: Object.fromEntries(names.map((n) => [n, node.diskGiB])) }
        : { name: POOL_NAME, kind: 'shared', media: 'external', capacityGiB: nodeCount * node.diskGiB, servedBy: null, reachableFrom: names },
    ],
    classes: [vmClass],
    vms: [],
    policy,
  };
}

export interface ExpectedCount {
  count: number;
  /** VMs one node holds, per resource, before the minimum. */
  perNodeBy: { cpu: number; memGiB: number; diskGiB: number };
  perNode: number;
  binding: 'cpu' | 'memGiB' | 'diskGiB';
  restartable: boolean;
}

/** The count the semantics allows by arithmetic (see the header), with the binding resource. */
export function expectedCount(cluster: Cluster, instance: InstanceSpec): ExpectedCount {
  const node = cluster.nodes[0]!;
  const pool = cluster.pools[0]!;
  const nodeCount = cluster.nodes.length;
  // The capacity filter's tolerance, so 8 × 8 GiB fits 64 GiB exactly.
  const fits = (capacity: number, request: number): number => Math.floor((capacity + 1e-9) / request);
  const perNodeBy = {
    cpu: fits(node.cpuThreads * cluster.policy.cpuOvercommit, instance.vcpus),
    memGiB: fits((node.memGiB - node.memReservedGiB) * cluster.policy.memOvercommit, instance.memGiB),
    // A shared pool is bounded as a whole (below); per node it is not a limit.
    diskGiB: pool.kind === 'local' ? fits(pool.capacityGiBByNode[node.name]!, instance.diskGiB) : Number.POSITIVE_INFINITY,
  };
  const binding = (['memGiB', 'cpu', 'diskGiB'] as const).reduce((a, b) => (perNodeBy[b] < perNodeBy[a] ? b : a));
  const perNode = perNodeBy[binding];
  const restartable = pool.kind === 'shared';
  let count = (restartable ? nodeCount - 1 : nodeCount) * perNode;
  if (pool.kind === 'shared') count = Math.min(count, fits(pool.capacityGiB, instance.diskGiB));
  return { count, perNodeBy, perNode, binding, restartable };
}
