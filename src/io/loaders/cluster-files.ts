/**
 * Reads the four CSV inputs and assembles a checked Cluster: every reference resolves (class,
 * pool, node, replication target), every VM inherits its class's values unless its own row
 * overrides them, and no VM is bigger than every node, or asks for more GPUs of its model than
 * any node has (it could never run anywhere, which is an input mistake rather than a placement
 * result).
 */
import type { Cluster, LocalPool, NodeSpec, Policy, SharedPool, StoragePool, VmClass, VmSpec } from '../../engine/model/cluster.js';
import { InputError, IssueCollector } from '../../errors.js';
import { vmClassOf } from '../../engine/model/vm-of-class.js';
import { readCsvTable } from './csv-table.js';
import { CLASS_COLUMNS, NODE_COLUMNS, reservationIssue, STORAGE_COLUMNS, VM_COLUMNS } from './tables.js';
import { cpuCapacity, memCapacity } from '../../engine/model/node-capacity.js';

export interface InputFiles {
  nodes: string;
  storage: string;
  classes: string;
  vms: string;
}

export function loadCluster(name: string, files: InputFiles, policy: Policy): Cluster {
  const nodes = readNodes(files.nodes);
  const nodeNames = new Set(nodes.map((node) => node.name));
  const pools = readPools(files.storage, nodeNames);
  const classes = readClasses(files.classes, new Set(pools.map((pool) => pool.name)), nodeNames);
  const vms = readVms(files.vms, classes, pools, nodeNames);
  const cluster: Cluster = { name, nodes, pools, classes, vms: vms.map(({ vm }) => vm), policy };
  rejectVmsBiggerThanEveryNode(files.vms, cluster, vms);
  rejectVmsWhoseNodeLacksTheirPool(files.vms, cluster, vms);
  return cluster;
}

function readNodes(file: string): NodeSpec[] {
  const issues = new IssueCollector();
  const nodes = readCsvTable(file, NODE_COLUMNS).map(({ line, row }): NodeSpec => {
    const node = {
      name: row.name,
      cpuModel: row.cpuModel ?? '',
      cpuThreads: row.cpuThreads,
      memGiB: row.memGiB,
      memReservedGiB: row.memReservedGiB ?? 0,
      gpus: row.gpus ?? 0,
      gpuModel: row.gpuModel ?? null,
      netGbps: row.netGbps ?? 0,
      domains: { ...(row.rack ? { rack: row.rack } : {}), ...(row.power ? { power: row.power } : {}) },
      tags: row.tags ?? [],
      votes: row.votes ?? 1,
    };
    const reservation = reservationIssue(node, 'memReservedGiB');
    if (reservation !== null) issues.add({ file, line, ...reservation });
    return node;
  });
  issues.throwIfAny();
  return nodes;
}

function readPools(file: string, nodeNames: ReadonlySet<string>): StoragePool[] {
  const issues = new IssueCollector();
  const pools = new Map<string, StoragePool>();
  const knownNode = (line: number, field: string, value: string): void => {
    if (!nodeNames.has(value)) issues.add({ file, line, field, value, expected: 'the name of a node in the nodes file' });
  };
  for (const { line, row } of readCsvTable(file, STORAGE_COLUMNS)) {
    const ignored = row.kind === 'local' ? (['servedBy', 'reachableFrom'] as const).find((field) => row[field] !== undefined) : row.node !== undefined ? 'node' : undefined;
    if (ignored !== undefined) {
      const expected = row.kind === 'local' ? 'an empty cell: a local pool is on its own node only' : 'an empty cell: a shared pool is on no one node (servedBy names the node that serves it)';
      issues.add({ file, line, field: ignored, value: ignored === 'reachableFrom' ? row.reachableFrom!.join(';') : row[ignored], expected });
      continue;
    }
    const existing = pools.get(row.pool);
    if (existing !== undefined && (existing.kind !== row.kind || row.kind === 'shared')) {
      issues.add({ file, line, field: 'pool', value: row.pool, expected: 'one row per shared pool, and one row per node for a local pool' });
      continue;
    }
    if (row.kind === 'local') {
      if (row.node === undefined) {
        issues.add({ file, line, field: 'node', value: '', expected: 'the node that has this local pool' });
        continue;
      }
      knownNode(line, 'node', row.node);
      const pool = (existing as LocalPool | undefined) ?? { name: row.pool, kind: 'local', media: row.media ?? 'disk', capacityGiBByNode: {} };
      if (row.node in pool.capacityGiBByNode) issues.add({ file, line, field: 'node', value: row.node, expected: `one row per node for pool ${row.pool}` });
      pools.set(row.pool, { ...pool, capacityGiBByNode: { ...pool.capacityGiBByNode, [row.node]: row.capacityGiB } });
    } else {
      const reach = row.reachableFrom === undefined || row.reachableFrom[0] === '*' ? [...nodeNames] : row.reachableFrom;
      reach.forEach((node) => knownNode(line, 'reachableFrom', node));
      if (row.servedBy !== undefined) knownNode(line, 'servedBy', row.servedBy);
      const shared: SharedPool = { name: row.pool, kind: 'shared', media: row.media ?? 'disk', capacityGiB: row.capacityGiB, servedBy: row.servedBy ?? null, reachableFrom: reach };
      pools.set(row.pool, shared);
    }
  }
  issues.throwIfAny();
  return [...pools.values()];
}

function readClasses(file: string, poolNames: ReadonlySet<string>, nodeNames: ReadonlySet<string>): VmClass[] {
  const issues = new IssueCollector();
  const classes = readCsvTable(file, CLASS_COLUMNS).map(({ line, row }) => {
    checkReferences(issues, file, line, row, poolNames, nodeNames);
    const { name, description, affinity, affinityMode, ...requirements } = row;
    const defined = Object.fromEntries(Object.entries(requirements).filter(([, value]) => value !== undefined)) as typeof requirements;
    return vmClassOf(name, description ?? '', { ...defined, ...(affinity ? { affinity: { nodes: affinity, strict: (affinityMode ?? 'strict') === 'strict' } } : {}) });
  });
  issues.throwIfAny();
  return classes;
}

function readVms(file: string, classes: readonly VmClass[], pools: readonly StoragePool[], nodeNames: ReadonlySet<string>): Array<{ line: number; vm: VmSpec }> {
  const issues = new IssueCollector();
  const classByName = new Map(classes.map((vmClass) => [vmClass.name, vmClass]));
  const poolNames = new Set(pools.map((pool) => pool.name));
  const vms = readCsvTable(file, VM_COLUMNS).flatMap(({ line, row }) => {
    const vmClass = classByName.get(row.class);
    if (vmClass === undefined) {
      issues.add({ file, line, field: 'class', value: row.class, expected: `a class from the classes file (${[...classByName.keys()].join(', ')})` });
      return [];
    }
    checkReferences(issues, file, line, row, poolNames, nodeNames, vmClass.affinity !== null);
    for (const field of ['node', 'replicateTo'] as const) {
      const value = row[field];
      if (value !== undefined && !nodeNames.has(value)) issues.add({ file, line, field, value, expected: 'the name of a node in the nodes file' });
    }
    if (row.replicationMinutes !== undefined && row.replicateTo === undefined) issues.add({ file, line, field: 'replicationMinutes', value: row.replicationMinutes, expected: 'an empty cell, or a replicateTo node to replicate to at this interval' });
    if (row.replicateTo !== undefined && row.replicateTo === row.node) issues.add({ file, line, field: 'replicateTo', value: row.replicateTo, expected: `a node other than the VM's own (${row.node}): Proxmox replicates to another node` });
    const affinityNodes = row.affinity ?? vmClass.affinity?.nodes;
    const vm: VmSpec = {
      name: row.name,
      className: vmClass.name,
      vcpus: row.vcpus ?? vmClass.vcpus,
      memGiB: row.memGiB ?? vmClass.memGiB,
      diskGiB: row.diskGiB ?? vmClass.diskGiB,
      pool: row.pool ?? vmClass.pool,
      gpus: row.gpus ?? vmClass.gpus,
      gpuModel: row.gpuModel ?? vmClass.gpuModel,
      antiAffinity: row.antiAffinity ?? vmClass.antiAffinity,
      affinity: affinityNodes ? { nodes: affinityNodes, strict: row.affinityMode ? row.affinityMode === 'strict' : (vmClass.affinity?.strict ?? true) } : null,
      ha: row.ha ?? vmClass.ha,
      haPriority: row.haPriority ?? vmClass.haPriority,
      currentNode: row.node ?? null,
      replication: row.replicateTo ? { target: row.replicateTo, intervalMinutes: row.replicationMinutes ?? 15 } : null,
    };
    return [{ line, vm }];
  });
  issues.throwIfAny();
  return vms;
}

function checkReferences(
  issues: IssueCollector,
  file: string,
  line: number,
  row: { pool?: string; affinity?: string[]; affinityMode?: string },
  poolNames: ReadonlySet<string>,
  nodeNames: ReadonlySet<string>,
  classHasAffinity = false,
): void {
  if (row.pool !== undefined && !poolNames.has(row.pool)) issues.add({ file, line, field: 'pool', value: row.pool, expected: `a pool from the storage file (${[...poolNames].join(', ')})` });
  if (row.affinityMode !== undefined && row.affinity === undefined && !classHasAffinity) issues.add({ file, line, field: 'affinityMode', value: row.affinityMode, expected: 'an empty cell, or affinity nodes for the mode to apply to' });
  for (const node of row.affinity ?? []) {
    if (!nodeNames.has(node)) issues.add({ file, line, field: 'affinity', value: node, expected: 'the name of a node in the nodes file' });
  }
}

/** A VM said to run on a node where its pool does not exist (or is not reachable) cannot be there. */
function rejectVmsWhoseNodeLacksTheirPool(file: string, cluster: Cluster, vms: ReadonlyArray<{ line: number; vm: VmSpec }>): void {
  const poolByName = new Map(cluster.pools.map((pool) => [pool.name, pool]));
  for (const { line, vm } of vms) {
    const pool = poolByName.get(vm.pool)!;
    const node = vm.currentNode;
    if (node === null) continue;
    const reachable = pool.kind === 'local' ? node in pool.capacityGiBByNode : pool.reachableFrom.includes(node);
    if (!reachable) throw new InputError({ file, line, field: 'node', value: node, expected: `a node that reaches pool ${vm.pool}, where VM ${vm.name}'s disk is` });
  }
}

/** A VM that asks for more of one resource than any node (or pool instance) has can never run. */
function rejectVmsBiggerThanEveryNode(file: string, cluster: Cluster, vms: ReadonlyArray<{ line: number; vm: VmSpec }>): void {
  const { cpuOvercommit } = cluster.policy;
  const maxCpu = Math.max(...cluster.nodes.map((node) => cpuCapacity(node, cluster.policy)));
  const maxMem = Math.max(...cluster.nodes.map((node) => memCapacity(node, cluster.policy)));
  // A node that names no GPU model offers its GPUs to a VM asking for any model (filters/gpu-model.ts).
  const maxGpusByModel = new Map<string | null, number>();
  const maxGpusOf = (model: string | null): number => {
    const known = maxGpusByModel.get(model);
    if (known !== undefined) return known;
    const most = Math.max(0, ...cluster.nodes.filter((node) => model === null || node.gpuModel === null || node.gpuModel === model).map((node) => node.gpus));
    maxGpusByModel.set(model, most);
    return most;
  };
  const poolByName = new Map(cluster.pools.map((pool) => [pool.name, pool]));
  for (const { line, vm } of vms) {
    const pool = poolByName.get(vm.pool)!;
    const maxDisk = pool.kind === 'shared' ? pool.capacityGiB : Math.max(...Object.values(pool.capacityGiBByNode));
    const checks: Array<[string, number, number, string]> = [
      ['vcpus', vm.vcpus, maxCpu, `at most ${maxCpu} vCPUs (the largest node's threads × cpuOvercommit ${cpuOvercommit})`],
      ['memGiB', vm.memGiB, maxMem, `at most ${maxMem} GiB (the largest node's memory after its reservation)`],
      ['diskGiB', vm.diskGiB, maxDisk, `at most ${maxDisk} GiB (the largest instance of pool ${vm.pool})`],
      ['gpus', vm.gpus, maxGpusOf(vm.gpuModel), `at most ${maxGpusOf(vm.gpuModel)} GPUs${vm.gpuModel === null ? '' : ` of model ${vm.gpuModel}`} (the most any node has)`],
    ];
    for (const [field, value, limit, expected] of checks) {
      if (value > limit) throw new InputError({ file, line, field, value, expected: `${expected}: VM ${vm.name} is bigger than every node` });
    }
  }
}
