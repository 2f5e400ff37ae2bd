/**
 * The cluster compiled to dense arrays, once per scenario: nodes in natural name order (the
 * tie-break order everywhere), VMs in input order, pools expanded to one *instance* per place
 * that stores data (one per node for a local pool, one for a shared pool).
 *
 * Capacities here never change; what changes lives in ClusterState (state.ts), which is cheap
 * to copy. Typed arrays keep the placement hot loop free of allocation and let the failure
 * sweep hand the state to worker threads without JSON.
 */
import { InvariantError } from '../../errors.js';
import type { Cluster, NodeSpec } from './cluster.js';
import { compileHaConstraints, type HaConstraints } from './ha-constraints.js';
import { compareNatural } from './natural-order.js';
import { cpuCapacity, memCapacity } from './node-capacity.js';

export const NO_INDEX = -1;

export interface ClusterIndex {
  readonly cluster: Cluster;
  readonly nodes: readonly NodeSpec[];
  readonly nodeCount: number;
  readonly vmCount: number;
  readonly nodeIndex: ReadonlyMap<string, number>;
  readonly vmIndex: ReadonlyMap<string, number>;
  /** vCPUs a node may host: threads × cpuOvercommit. */
  readonly cpuCap: Float64Array;
  /** GiB a node may promise to VMs: (memGiB − memReservedGiB) × memOvercommit. */
  readonly memCap: Float64Array;
  readonly gpuCap: Int32Array;
  /** Index into gpuModels, NO_INDEX for a node without GPUs. */
  readonly nodeGpuModel: Int32Array;
  readonly gpuModels: readonly string[];
  readonly poolNames: readonly string[];
  /** Storage instance serving pool p on node n at [p * nodeCount + n], NO_INDEX if unreachable. */
  readonly instanceAt: Int32Array;
  readonly instanceCap: Float64Array;
  readonly instancePool: Int32Array;
  /** The node holding the instance's data: the node itself for local, the server for shared. */
  readonly instanceHost: Int32Array;
  readonly instanceShared: Uint8Array;
  readonly vmCpu: Float64Array;
  readonly vmMem: Float64Array;
  readonly vmDisk: Float64Array;
  readonly vmGpus: Int32Array;
  /** Required GPU model index, NO_INDEX for any model. */
  readonly vmGpuModel: Int32Array;
  readonly vmPool: Int32Array;
  /** Anti-affinity group index, NO_INDEX for none. */
  readonly vmGroup: Int32Array;
  readonly groupNames: readonly string[];
  /** Members of anti-affinity group g: groupMembers.vms[groupMembers.start[g] .. start[g + 1]). */
  readonly groupMembers: { readonly start: Int32Array; readonly vms: Int32Array };
  /** Strict node affinity as a node mask (shared between VMs with the same rule), or null. An HA rule replaces the CSV affinity. */
  readonly vmAllowed: ReadonlyArray<Uint8Array | null>;
  /** Preferred node affinity (CSV) as a node mask, or null; a VM under an HA node-affinity rule has its priorities instead. */
  readonly vmPreferred: ReadonlyArray<Uint8Array | null>;
  /** The scenario's HA rules, compiled per VM. */
  readonly ha: HaConstraints;
  readonly vmHa: Uint8Array;
  readonly vmPriority: Float64Array;
  readonly vmCurrentNode: Int32Array;
}

export function indexCluster(cluster: Cluster): ClusterIndex {
  const nodes = [...cluster.nodes].sort((a, b) => compareNatural(a.name, b.name));
  const nodeCount = nodes.length;
  const nodeIndex = new Map(nodes.map((node, i) => [node.name, i]));
  const lookupNode = (name: string): number => {
    const index = nodeIndex.get(name);
    if (index === undefined) throw new InvariantError('unknown node reached the engine', name);
    return index;
  };

  const gpuModels = uniqueSorted(nodes.flatMap((node) => (node.gpuModel === null ? [] : [node.gpuModel])));
  const gpuModelIndex = new Map(gpuModels.map((model, i) => [model, i]));
  const cpuCap = Float64Array.from(nodes, (node) => cpuCapacity(node, cluster.policy));
  const memCap = Float64Array.from(nodes, (node) => memCapacity(node, cluster.policy));
  const gpuCap = Int32Array.from(nodes, (node) => node.gpus);
  const nodeGpuModel = Int32Array.from(nodes, (node) =>
    node.gpuModel === null ? NO_INDEX : (gpuModelIndex.get(node.gpuModel) ?? NO_INDEX),
  );

  const poolNames = cluster.pools.map((pool) => pool.name);
  const instanceAt = new Int32Array(poolNames.length * nodeCount).fill(NO_INDEX);
  const instanceCap: number[] = [];
  const instancePool: number[] = [];
  const instanceHost: number[] = [];
  const instanceShared: number[] = [];
  cluster.pools.forEach((pool, p) => {
    if (pool.kind === 'local') {
      for (const [nodeName, capacity] of Object.entries(pool.capacityGiBByNode)) {
        const n = lookupNode(nodeName);
        instanceAt[p * nodeCount + n] = instanceCap.length;
        instanceCap.push(capacity);
        instancePool.push(p);
        instanceHost.push(n);
        instanceShared.push(0);
      }
    } else {
      const instance = instanceCap.length;
      instanceCap.push(pool.capacityGiB);
      instancePool.push(p);
      instanceHost.push(pool.servedBy === null ? NO_INDEX : lookupNode(pool.servedBy));
      instanceShared.push(1);
      for (const nodeName of pool.reachableFrom) instanceAt[p * nodeCount + lookupNode(nodeName)] = instance;
    }
  });

  const vms = cluster.vms;
  const poolIndex = new Map(poolNames.map((name, i) => [name, i]));
  const groupNames = uniqueSorted(vms.flatMap((vm) => (vm.antiAffinity === null ? [] : [vm.antiAffinity])));
  const groupIndex = new Map(groupNames.map((group, i) => [group, i]));
  const masks = new Map<string, Uint8Array>();
  const maskOf = (nodeNames: readonly string[]): Uint8Array => {
    const key = [...nodeNames].sort().join('\u0000');
    let mask = masks.get(key);
    if (mask === undefined) {
      mask = new Uint8Array(nodeCount);
      for (const name of nodeNames) mask[lookupNode(name)] = 1;
      masks.set(key, mask);
    }
    return mask;
  };

  const ha = compileHaConstraints(cluster, nodes.map((node) => node.name));
  return {
    cluster,
    nodes,
    nodeCount,
    vmCount: vms.length,
    nodeIndex,
    vmIndex: new Map(vms.map((vm, i) => [vm.name, i])),
    cpuCap,
    memCap,
    gpuCap,
    nodeGpuModel,
    gpuModels,
    poolNames,
    instanceAt,
    instanceCap: Float64Array.from(instanceCap),
    instancePool: Int32Array.from(instancePool),
    instanceHost: Int32Array.from(instanceHost),
    instanceShared: Uint8Array.from(instanceShared),
    vmCpu: Float64Array.from(vms, (vm) => vm.vcpus),
    vmMem: Float64Array.from(vms, (vm) => vm.memGiB),
    vmDisk: Float64Array.from(vms, (vm) => vm.diskGiB),
    vmGpus: Int32Array.from(vms, (vm) => vm.gpus),
    vmGpuModel: Int32Array.from(vms, (vm) =>
      vm.gpuModel === null ? NO_INDEX : (gpuModelIndex.get(vm.gpuModel) ?? gpuModels.length),
    ),
    vmPool: Int32Array.from(vms, (vm) => {
      const p = poolIndex.get(vm.pool);
      if (p === undefined) throw new InvariantError('unknown pool reached the engine', vm.pool);
      return p;
    }),
    vmGroup: Int32Array.from(vms, (vm) => (vm.antiAffinity === null ? NO_INDEX : (groupIndex.get(vm.antiAffinity) ?? NO_INDEX))),
    groupNames,
    groupMembers: membersByGroup(groupNames.length, vms.map((vm) => (vm.antiAffinity === null ? NO_INDEX : groupIndex.get(vm.antiAffinity)!))),
    vmAllowed: vms.map((vm, i) => {
      const ruleNodes = ha.strictNodes[i];
      if (ruleNodes !== null && ruleNodes !== undefined) return maskOf(ruleNodes);
      return ha.priority[i] === null && vm.affinity?.strict ? maskOf(vm.affinity.nodes) : null;
    }),
    vmPreferred: vms.map((vm, i) => (ha.priority[i] === null && vm.affinity && !vm.affinity.strict ? maskOf(vm.affinity.nodes) : null)),
    ha,
    vmHa: Uint8Array.from(vms, (vm) => (vm.ha ? 1 : 0)),
    vmPriority: Float64Array.from(vms, (vm) => vm.haPriority),
    vmCurrentNode: Int32Array.from(vms, (vm) => (vm.currentNode === null ? NO_INDEX : lookupNode(vm.currentNode))),
  };
}

function uniqueSorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

function membersByGroup(groupCount: number, groupOf: readonly number[]): { start: Int32Array; vms: Int32Array } {
  const start = new Int32Array(groupCount + 1);
  for (const group of groupOf) if (group !== NO_INDEX) start[group + 1]! += 1;
  for (let g = 0; g < groupCount; g++) start[g + 1]! += start[g]!;
  const fill = start.slice(0, groupCount);
  const members = new Int32Array(start[groupCount]!);
  groupOf.forEach((group, vm) => {
    if (group !== NO_INDEX) members[fill[group]!++] = vm;
  });
  return { start, vms: members };
}
