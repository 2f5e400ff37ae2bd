/**
 * A change to a cluster, as `check` applies it: add or remove VMs (or a whole class), add,
 * remove or resize nodes, update a VM's requirements or rules, change the policy. Applying it
 * is pure and starts from a copy: VMs keep the node they were placed on before the change (as
 * their current node) unless it is removed, so the "after" placement moves as little as it can.
 */
import type { Cluster, NodeSpec, Policy, StoragePool, VmRequirements, VmSpec } from '../model/cluster.js';

export interface ClusterChange {
  addVms: VmSpec[];
  removeVms: string[];
  /** New nodes with their local pool capacities and the shared pools they reach. */
  addNodes: Array<{ node: NodeSpec; localPools: Record<string, number>; sharedPools: string[] }>;
  removeNodes: string[];
  resizeNodes: Array<{ name: string; patch: Partial<Pick<NodeSpec, 'cpuThreads' | 'memGiB' | 'memReservedGiB' | 'gpus'>> }>;
  updateVms: Array<{ name: string; patch: Partial<VmRequirements> }>;
  policy: Partial<Policy>;
}

/** A new node with the hardware, local pools and shared-pool reach of an existing one. */
export function nodeLike(cluster: Cluster, like: NodeSpec, node: NodeSpec): ClusterChange['addNodes'][number] {
  const localPools: Record<string, number> = {};
  const sharedPools: string[] = [];
  for (const pool of cluster.pools) {
    if (pool.kind === 'local' && like.name in pool.capacityGiBByNode) localPools[pool.name] = pool.capacityGiBByNode[like.name]!;
    if (pool.kind === 'shared' && pool.reachableFrom.includes(like.name)) sharedPools.push(pool.name);
  }
  return { node, localPools, sharedPools };
}

export const NO_CHANGE: ClusterChange = { addVms: [], removeVms: [], addNodes: [], removeNodes: [], resizeNodes: [], updateVms: [], policy: {} };

export function mergeChanges(a: ClusterChange, b: ClusterChange): ClusterChange {
  return {
    addVms: [...a.addVms, ...b.addVms],
    removeVms: [...a.removeVms, ...b.removeVms],
    addNodes: [...a.addNodes, ...b.addNodes],
    removeNodes: [...a.removeNodes, ...b.removeNodes],
    resizeNodes: [...a.resizeNodes, ...b.resizeNodes],
    updateVms: [...a.updateVms, ...b.updateVms],
    policy: { ...a.policy, ...b.policy },
  };
}

/** The cluster after the change; `placedOn` is where each VM ran before it. */
export function applyChange(cluster: Cluster, change: ClusterChange, placedOn: ReadonlyMap<string, string>): Cluster {
  const removedNodes = new Set(change.removeNodes);
  const removedVms = new Set(change.removeVms);
  const resize = new Map(change.resizeNodes.map((r) => [r.name, r.patch]));
  const update = new Map(change.updateVms.map((u) => [u.name, u.patch]));

  const nodes = [
    ...cluster.nodes.filter((node) => !removedNodes.has(node.name)).map((node) => ({ ...node, ...resize.get(node.name) })),
    ...change.addNodes.map(({ node }) => node),
  ];
  const pools = cluster.pools.map((pool): StoragePool => {
    if (pool.kind === 'local') {
      const capacity = Object.fromEntries(Object.entries(pool.capacityGiBByNode).filter(([node]) => !removedNodes.has(node)));
      for (const { node, localPools } of change.addNodes) if (pool.name in localPools) capacity[node.name] = localPools[pool.name]!;
      return { ...pool, capacityGiBByNode: capacity };
    }
    const reach = pool.reachableFrom.filter((node) => !removedNodes.has(node));
    for (const { node, sharedPools } of change.addNodes) if (sharedPools.includes(pool.name)) reach.push(node.name);
    return { ...pool, reachableFrom: reach };
  });
  const keepNode = (vm: VmSpec): string | null => {
    const node = placedOn.get(vm.name) ?? vm.currentNode;
    return node !== undefined && node !== null && !removedNodes.has(node) ? node : null;
  };
  const withoutRemovedNodes = (vm: VmSpec): VmSpec => ({
    ...vm,
    affinity: vm.affinity === null ? null : { ...vm.affinity, nodes: vm.affinity.nodes.filter((node) => !removedNodes.has(node)) },
    replication: vm.replication !== null && removedNodes.has(vm.replication.target) ? null : vm.replication,
  });
  const vms = [
    ...cluster.vms.filter((vm) => !removedVms.has(vm.name)).map((vm) => withoutRemovedNodes({ ...vm, ...update.get(vm.name), currentNode: keepNode(vm) })),
    ...change.addVms.map(withoutRemovedNodes),
  ];
  return { ...cluster, nodes, pools, vms, policy: { ...cluster.policy, ...change.policy } };
}
