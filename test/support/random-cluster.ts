/**
 * fast-check arbitraries for small random clusters, and an independent checker of every hard
 * constraint written from the model's definitions (not from the engine's filters), so a
 * property test can catch a filter that is wrong.
 */
import fc from 'fast-check';
import type { Cluster, NodeSpec, StoragePool, VmSpec } from '../../src/engine/model/cluster.js';

const NODE_NAMES = ['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7'];

export const clusterArbitrary: fc.Arbitrary<Cluster> = fc
  .integer({ min: 1, max: NODE_NAMES.length })
  .chain((nodeCount) => {
    const names = NODE_NAMES.slice(0, nodeCount);
    const nodeArb = (name: string): fc.Arbitrary<NodeSpec> =>
      fc.record({ threads: fc.integer({ min: 1, max: 16 }), mem: fc.integer({ min: 4, max: 64 }), gpus: fc.integer({ min: 0, max: 2 }), model: fc.constantFrom('a', 'b') }).map(
        ({ threads, mem, gpus, model }) => ({
          name, cpuModel: 't', cpuThreads: threads, memGiB: mem, memReservedGiB: 1, gpus, gpuModel: gpus > 0 ? model : null,
          netGbps: 1, domains: {}, tags: [], votes: 1,
        }),
      );
    const poolsArb = fc.record({
      localOn: fc.subarray(names, { minLength: 1 }),
      localCap: fc.integer({ min: 10, max: 200 }),
      sharedCap: fc.integer({ min: 10, max: 400 }),
      server: fc.option(fc.constantFrom(...names), { nil: null }),
      reach: fc.subarray(names, { minLength: 1 }),
    }).map(({ localOn, localCap, sharedCap, server, reach }): StoragePool[] => [
      { name: 'local', kind: 'local', media: 'nvme', capacityGiBByNode: Object.fromEntries(localOn.map((n) => [n, localCap])) },
      { name: 'shared', kind: 'shared', media: 'zfs', capacityGiB: sharedCap, servedBy: server, reachableFrom: reach },
    ]);
    const vmArb = (i: number): fc.Arbitrary<VmSpec> =>
      fc.record({
        vcpus: fc.integer({ min: 1, max: 8 }),
        mem: fc.integer({ min: 1, max: 24 }),
        disk: fc.integer({ min: 0, max: 60 }),
        pool: fc.constantFrom('local', 'shared'),
        gpus: fc.constantFrom(0, 0, 0, 1),
        gpuModel: fc.constantFrom(null, 'a', 'b'),
        group: fc.constantFrom(null, null, 'g1', 'g2'),
        affinity: fc.option(fc.record({ nodes: fc.subarray(names, { minLength: 1 }), strict: fc.boolean() }), { nil: null }),
        ha: fc.boolean(),
        priority: fc.integer({ min: 0, max: 3 }),
        current: fc.option(fc.constantFrom(...names), { nil: null, freq: 4 }),
      }).map((r) => ({
        name: `vm${i}`, className: 'c', vcpus: r.vcpus, memGiB: r.mem, diskGiB: r.disk, pool: r.pool, gpus: r.gpus, gpuModel: r.gpus > 0 ? r.gpuModel : null,
        antiAffinity: r.group, affinity: r.affinity, ha: r.ha, haPriority: r.priority, currentNode: r.current, replication: null,
      }));
    return fc.record({
      nodes: fc.tuple(...names.map(nodeArb)),
      pools: poolsArb,
      vms: fc.integer({ min: 0, max: 24 }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, i) => vmArb(i)))),
      cpuOvercommit: fc.constantFrom(1, 2, 4),
    }).map(({ nodes, pools, vms, cpuOvercommit }) => ({
      name: 'random', nodes, pools, classes: [], vms,
      policy: { threshold: { cpu: 0.85, memGiB: 0.85, diskGiB: 0.85, gpus: 1 }, cpuOvercommit, memOvercommit: 1, strategy: 'first-fit', failover: 'n+1' },
    }));
  });

/** Every hard-constraint violation of `vmNode` (VM name → node name) on `up` nodes, in words; empty when none. */
export function constraintViolations(cluster: Cluster, vmNode: ReadonlyMap<string, string>, up: ReadonlySet<string> = new Set(cluster.nodes.map((n) => n.name))): string[] {
  const problems: string[] = [];
  const EPS = 1e-9;
  const poolByName = new Map(cluster.pools.map((p) => [p.name, p]));
  const diskUse = new Map<string, number>();
  for (const node of cluster.nodes) {
    const hosted = cluster.vms.filter((v) => vmNode.get(v.name) === node.name);
    if (hosted.length > 0 && !up.has(node.name)) problems.push(`${node.name} is down but hosts ${hosted.length} VMs`);
    const cpu = hosted.reduce((s, v) => s + v.vcpus, 0);
    const mem = hosted.reduce((s, v) => s + v.memGiB, 0);
    const gpus = hosted.reduce((s, v) => s + v.gpus, 0);
    if (cpu > node.cpuThreads * cluster.policy.cpuOvercommit + EPS) problems.push(`${node.name} cpu ${cpu}`);
    if (mem > (node.memGiB - node.memReservedGiB) * cluster.policy.memOvercommit + EPS) problems.push(`${node.name} mem ${mem}`);
    if (gpus > node.gpus) problems.push(`${node.name} gpus ${gpus}`);
    const groups = hosted.flatMap((v) => (v.antiAffinity ? [v.antiAffinity] : []));
    if (new Set(groups).size !== groups.length) problems.push(`${node.name} anti-affinity ${groups}`);
    for (const v of hosted) {
      if (v.affinity?.strict && !v.affinity.nodes.includes(node.name)) problems.push(`${v.name} pinned off ${node.name}`);
      if (v.gpus > 0 && v.gpuModel !== null && node.gpuModel !== v.gpuModel) problems.push(`${v.name} gpu model on ${node.name}`);
      const pool = poolByName.get(v.pool)!;
      if (pool.kind === 'local') {
        if (!(node.name in pool.capacityGiBByNode)) problems.push(`${v.name} pool unreachable on ${node.name}`);
        diskUse.set(`${pool.name}@${node.name}`, (diskUse.get(`${pool.name}@${node.name}`) ?? 0) + v.diskGiB);
      } else {
        if (!pool.reachableFrom.includes(node.name)) problems.push(`${v.name} pool unreachable on ${node.name}`);
        if (pool.servedBy !== null && !up.has(pool.servedBy)) problems.push(`${v.name} runs on a pool whose server is down`);
      }
    }
  }
  // Shared pool disk counts every VM that holds a disk there, running or not.
  for (const pool of cluster.pools) {
    if (pool.kind === 'shared') {
      const used = cluster.vms.filter((v) => v.pool === pool.name && vmNode.has(v.name)).reduce((s, v) => s + v.diskGiB, 0);
      if (used > pool.capacityGiB + EPS) problems.push(`${pool.name} disk ${used}`);
    } else {
      for (const [nodeName, cap] of Object.entries(pool.capacityGiBByNode)) {
        if ((diskUse.get(`${pool.name}@${nodeName}`) ?? 0) > cap + EPS) problems.push(`${pool.name}@${nodeName} disk`);
      }
    }
  }
  return problems;
}
