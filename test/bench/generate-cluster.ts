/**
 * Seeded synthetic clusters for the benchmarks: `nodeCount` nodes of mixed sizes (a tenth
 * with GPUs), a local NVMe pool on every node and one shared pool, and `vmCount` VMs from a
 * mix of classes, a tenth of them in anti-affinity groups of 3-5 and a few GPU VMs. Demand is
 * sized to roughly 75% of memory so that most VMs fit (see NODE_SHAPES); node shapes scale with
 * the VMs per node beyond 20.
 * PRNG: mulberry32 (Tommy Ettinger, public domain), seeded per cluster.
 */
import type { Cluster, NodeSpec, VmSpec } from '../../src/engine/model/cluster.js';

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Mean usable memory (256 + 448 + 640) / 3 − 4 = 444 GiB against 20 × 16.8 GiB = 336 GiB of
// demand per node (76%); mean vCPU capacity 48 × 4 = 192 against 20 × 6.8 = 136 (71%).
const NODE_SHAPES = [
  { threads: 32, memGiB: 256 },
  { threads: 48, memGiB: 448 },
  { threads: 64, memGiB: 640 },
];

const VM_CLASSES = [
  { name: 'small', vcpus: 2, memGiB: 4, diskGiB: 40 },
  { name: 'medium', vcpus: 4, memGiB: 8, diskGiB: 80 },
  { name: 'large', vcpus: 8, memGiB: 16, diskGiB: 160 },
  { name: 'xlarge', vcpus: 16, memGiB: 32, diskGiB: 320 },
  { name: 'memory', vcpus: 4, memGiB: 24, diskGiB: 100 },
];

export function generateCluster(nodeCount: number, vmCount: number, seed: number): Cluster {
  const random = mulberry32(seed);
  const scale = Math.max(1, vmCount / nodeCount / 20);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const nodes: NodeSpec[] = Array.from({ length: nodeCount }, (_, i) => {
    const shape = pick(NODE_SHAPES);
    const gpus = i % 10 === 9 ? 4 : 0;
    return {
      name: `node${String(i + 1).padStart(5, '0')}`,
      cpuModel: 'synthetic',
      cpuThreads: Math.round(shape.threads * scale),
      memGiB: Math.round(shape.memGiB * scale),
      memReservedGiB: 4,
      gpus,
      gpuModel: gpus > 0 ? 'a100' : null,
      netGbps: 25,
      domains: { rack: `rack${Math.floor(i / 16) + 1}` },
      tags: [],
      votes: 1,
    };
  });
  const vms: VmSpec[] = [];
  let group = 0;
  const total = vmCount;
  while (vms.length < total) {
    const vmClass = pick(VM_CLASSES);
    const grouped = random() < 0.1;
    const members = grouped ? 3 + Math.floor(random() * 3) : 1;
    const groupName = grouped ? `group${++group}` : null;
    for (let m = 0; m < members && vms.length < total; m++) {
      const gpu = !grouped && random() < 0.02;
      vms.push({
        name: `vm${String(vms.length + 1).padStart(6, '0')}`,
        className: vmClass.name,
        vcpus: vmClass.vcpus,
        memGiB: vmClass.memGiB,
        diskGiB: vmClass.diskGiB,
        pool: random() < 0.5 ? 'local-nvme' : 'shared',
        gpus: gpu ? 1 : 0,
        gpuModel: gpu ? 'a100' : null,
        antiAffinity: groupName,
        affinity: null,
        ha: random() < 0.8,
        haPriority: Math.floor(random() * 3),
        currentNode: null,
        replication: null,
      });
    }
  }
  return {
    name: `synthetic-${nodeCount}`,
    nodes,
    pools: [
      { name: 'local-nvme', kind: 'local', media: 'nvme', capacityGiBByNode: Object.fromEntries(nodes.map((n) => [n.name, Math.round(3500 * scale)])) },
      { name: 'shared', kind: 'shared', media: 'ceph', capacityGiB: nodeCount * 4000, servedBy: null, reachableFrom: nodes.map((n) => n.name) },
    ],
    classes: [],
    vms,
    policy: { threshold: { cpu: 0.85, memGiB: 0.85, diskGiB: 0.85, gpus: 1 }, cpuOvercommit: 4, memOvercommit: 1, strategy: 'ffd', failover: 'n+1' },
  };
}
