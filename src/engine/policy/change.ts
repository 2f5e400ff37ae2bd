/**
 * A change to a cluster, as `check` applies it: add classes, add or remove VMs (or a whole class), add,
 * remove or resize nodes, update a VM's requirements or rules, change the policy, add, remove,
 * disable or enable HA rules and change the CRS mode. Applying it is pure and starts from a
 * copy: VMs keep the node they were placed on before the change (as their current node) unless
 * it is removed, so the "after" placement moves as little as it can.
 *
 * HA rules follow what Proxmox does to its rules config: deleting an HA resource (its default
 * `purge`) takes it out of every rule that names it and deletes a rule left with none, so a VM
 * that is removed, or stops being HA-managed, leaves the rules the same way. A resource-affinity
 * rule left with one member stays configured and is dropped when compiled, as Proxmox drops it
 * (rules-feasibility.ts). A removed node leaves the node-affinity rules; a strict rule left with
 * no node then offers its VMs nowhere, as a rule whose nodes are all offline does.
 */
import type { HaRule } from '../proxmox/types.js';
import { PVE_STRATEGY_NAMES } from '../placement/strategies/index.js';
import type { Cluster, CrsMode, HaSettings, NodeSpec, Policy, ServiceSpec, StoragePool, VmClass, VmRequirements, VmSpec } from '../model/cluster.js';

export interface HaChange {
  /** The new CRS mode, or null to keep it. */
  crs: CrsMode | null;
  /** Rules added after the scenario's, their names resolved against the cluster after the change. */
  addRules: HaRule[];
  /** HA VMs of the added rules with failback off. */
  noFailback: string[];
  /** Ids of scenario rules. */
  removeRules: string[];
  disableRules: string[];
  enableRules: string[];
}

export interface ClusterChange {
  /** New classes, for VMs of a service the cluster does not run yet. */
  addClasses: VmClass[];
  addVms: VmSpec[];
  removeVms: string[];
  /** New nodes with their local pool capacities and the shared pools they reach. */
  addNodes: Array<{ node: NodeSpec; localPools: Record<string, number>; sharedPools: string[] }>;
  removeNodes: string[];
  resizeNodes: Array<{ name: string; patch: Partial<Pick<NodeSpec, 'cpuThreads' | 'memGiB' | 'memReservedGiB' | 'gpus'>> }>;
  updateVms: Array<{ name: string; patch: Partial<VmRequirements> }>;
  policy: Partial<Policy>;
  ha: HaChange;
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

export const NO_HA_CHANGE: HaChange = { crs: null, addRules: [], noFailback: [], removeRules: [], disableRules: [], enableRules: [] };

export const NO_CHANGE: ClusterChange = { addClasses: [], addVms: [], removeVms: [], addNodes: [], removeNodes: [], resizeNodes: [], updateVms: [], policy: {}, ha: NO_HA_CHANGE };

export function mergeChanges(a: ClusterChange, b: ClusterChange): ClusterChange {
  return {
    addClasses: [...a.addClasses, ...b.addClasses],
    addVms: [...a.addVms, ...b.addVms],
    removeVms: [...a.removeVms, ...b.removeVms],
    addNodes: [...a.addNodes, ...b.addNodes],
    removeNodes: [...a.removeNodes, ...b.removeNodes],
    resizeNodes: [...a.resizeNodes, ...b.resizeNodes],
    updateVms: [...a.updateVms, ...b.updateVms],
    policy: { ...a.policy, ...b.policy },
    ha: {
      crs: b.ha.crs ?? a.ha.crs,
      addRules: [...a.ha.addRules, ...b.ha.addRules],
      noFailback: [...a.ha.noFailback, ...b.ha.noFailback],
      removeRules: [...a.ha.removeRules, ...b.ha.removeRules],
      disableRules: [...a.ha.disableRules, ...b.ha.disableRules],
      enableRules: [...a.ha.enableRules, ...b.ha.enableRules],
    },
  };
}

/**
 * The strategy of the "after" side: the Proxmox strategies are the CRS modes, so a change of
 * mode switches them (`pve-static` → `pve-basic`); headroom's own strategies do not follow it.
 */
export function strategyAfterChange(strategy: string, change: ClusterChange): string {
  return change.ha.crs !== null && (PVE_STRATEGY_NAMES as readonly string[]).includes(strategy) ? `pve-${change.ha.crs}` : strategy;
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
  const ha = changedHa(cluster.ha, change.ha, new Set(nodes.map((node) => node.name)), new Set(vms.filter((vm) => vm.ha).map((vm) => vm.name)));
  const classes = [...cluster.classes, ...change.addClasses];
  const services = cluster.services === undefined ? undefined : remainingServices(cluster.services, removedVms);
  return { ...cluster, nodes, pools, classes, vms, policy: { ...cluster.policy, ...change.policy }, ...(ha === undefined ? {} : { ha }), ...(services === undefined ? {} : { services }) };
}

/**
 * Services without the removed VMs; one with none left is gone. `all` and `any` keep their
 * meaning; a k-of-n keeps its k (the service still needs k VMs up), so one whose VMs fall below
 * k can no longer be up.
 */
function remainingServices(services: readonly ServiceSpec[], removedVms: ReadonlySet<string>): ServiceSpec[] {
  return services.flatMap((service) => {
    const vms = service.vms.filter((vm) => !removedVms.has(vm));
    if (vms.length === 0) return [];
    return [{ ...service, vms, k: service.rule === 'all' ? vms.length : service.k }];
  });
}

/** The HA settings after the change: rules removed, toggled, added, then trimmed to the nodes and HA VMs that remain. */
function changedHa(ha: HaSettings | undefined, change: HaChange, nodes: ReadonlySet<string>, haVms: ReadonlySet<string>): HaSettings | undefined {
  if (ha === undefined && change.crs === null && change.addRules.length === 0) return undefined;
  const removed = new Set(change.removeRules);
  const disabled = new Map([...change.disableRules.map((id) => [id, true] as const), ...change.enableRules.map((id) => [id, false] as const)]);
  const trimmed = (rule: HaRule): HaRule => {
    const resources = rule.resources.filter((vm) => haVms.has(vm));
    const isDisabled = disabled.get(rule.id) ?? rule.disabled;
    return rule.type === 'node-affinity'
      ? { ...rule, resources, disabled: isDisabled, nodes: rule.nodes.filter(({ node }) => nodes.has(node)) }
      : { ...rule, resources, disabled: isDisabled };
  };
  const rules = [...(ha?.rules ?? []).filter((rule) => !removed.has(rule.id)), ...change.addRules].map(trimmed).filter((rule) => rule.resources.length > 0);
  return {
    crs: change.crs ?? ha?.crs ?? null,
    rules,
    noFailback: [...(ha?.noFailback ?? []), ...change.noFailback].filter((vm) => haVms.has(vm)),
  };
}
