/**
 * Builders for engine tests, in the manner of Kubernetes' testing/wrappers.go:
 *   cluster().nodes(node('pve1').threads(8).memGiB(64)).vms(vm('web').vcpus(2).memGiB(4)).build()
 * Defaults are small and neutral: no reservation, overcommit 1, one shared pool `shared`
 * reachable from every node and served by none, so a test states only what it is about.
 */
import type { Cluster, NodeSpec, Policy, StoragePool, VmSpec } from '../../src/engine/model/cluster.js';

class NodeBuilder {
  private spec: NodeSpec;
  constructor(name: string) {
    this.spec = { name, cpuModel: 'test', cpuThreads: 8, memGiB: 64, memReservedGiB: 0, gpus: 0, gpuModel: null, netGbps: 10, domains: {}, tags: [], votes: 1 };
  }
  threads(cpuThreads: number): this {
    return this.with({ cpuThreads });
  }
  memGiB(memGiB: number): this {
    return this.with({ memGiB });
  }
  reservedGiB(memReservedGiB: number): this {
    return this.with({ memReservedGiB });
  }
  gpus(count: number, model = 'gpu'): this {
    return this.with({ gpus: count, gpuModel: model });
  }
  rack(rack: string): this {
    return this.with({ domains: { ...this.spec.domains, rack } });
  }
  votes(votes: number): this {
    return this.with({ votes });
  }
  net(netGbps: number): this {
    return this.with({ netGbps });
  }
  build(): NodeSpec {
    return this.spec;
  }
  private with(patch: Partial<NodeSpec>): this {
    this.spec = { ...this.spec, ...patch };
    return this;
  }
}

class VmBuilder {
  private spec: VmSpec;
  constructor(name: string) {
    this.spec = {
      name, className: 'test', vcpus: 1, memGiB: 1, diskGiB: 0, pool: 'shared', gpus: 0, gpuModel: null,
      antiAffinity: null, affinity: null, ha: true, haPriority: 0, currentNode: null, replication: null,
    };
  }
  vcpus(vcpus: number): this {
    return this.with({ vcpus });
  }
  memGiB(memGiB: number): this {
    return this.with({ memGiB });
  }
  disk(diskGiB: number, pool = this.spec.pool): this {
    return this.with({ diskGiB, pool });
  }
  gpus(gpus: number, gpuModel: string | null = null): this {
    return this.with({ gpus, gpuModel });
  }
  group(antiAffinity: string): this {
    return this.with({ antiAffinity });
  }
  pin(...nodes: string[]): this {
    return this.with({ affinity: { nodes, strict: true } });
  }
  prefer(...nodes: string[]): this {
    return this.with({ affinity: { nodes, strict: false } });
  }
  notHa(): this {
    return this.with({ ha: false });
  }
  priority(haPriority: number): this {
    return this.with({ haPriority });
  }
  on(currentNode: string): this {
    return this.with({ currentNode });
  }
  replicatedTo(target: string, intervalMinutes = 15): this {
    return this.with({ replication: { target, intervalMinutes } });
  }
  build(): VmSpec {
    return this.spec;
  }
  private with(patch: Partial<VmSpec>): this {
    this.spec = { ...this.spec, ...patch };
    return this;
  }
}

class ClusterBuilder {
  private nodeList: NodeSpec[] = [];
  private vmList: VmSpec[] = [];
  private poolList: StoragePool[] | null = null;
  private policyPatch: Partial<Policy> = {};

  nodes(...nodes: Array<NodeBuilder | NodeSpec>): this {
    this.nodeList.push(...nodes.map((n) => (n instanceof NodeBuilder ? n.build() : n)));
    return this;
  }
  vms(...vms: Array<VmBuilder | VmSpec>): this {
    this.vmList.push(...vms.map((v) => (v instanceof VmBuilder ? v.build() : v)));
    return this;
  }
  pools(...pools: StoragePool[]): this {
    this.poolList = pools;
    return this;
  }
  policy(patch: Partial<Policy>): this {
    this.policyPatch = { ...this.policyPatch, ...patch };
    return this;
  }
  build(): Cluster {
    const names = this.nodeList.map((n) => n.name);
    return {
      name: 'test',
      nodes: this.nodeList,
      pools: this.poolList ?? [{ name: 'shared', kind: 'shared', media: 'test', capacityGiB: 1_000_000, servedBy: null, reachableFrom: names }],
      classes: [],
      vms: this.vmList,
      policy: {
        threshold: { cpu: 0.85, memGiB: 0.85, diskGiB: 0.85, gpus: 1 },
        cpuOvercommit: 1,
        memOvercommit: 1,
        strategy: 'first-fit',
        failover: 'n+1',
        ...this.policyPatch,
      },
    };
  }
}

export const node = (name: string): NodeBuilder => new NodeBuilder(name);
export const vm = (name: string): VmBuilder => new VmBuilder(name);
export const cluster = (): ClusterBuilder => new ClusterBuilder();

export function localPool(name: string, capacityGiBByNode: Record<string, number>): StoragePool {
  return { name, kind: 'local', media: 'nvme', capacityGiBByNode };
}

export function sharedPool(name: string, capacityGiB: number, servedBy: string | null, reachableFrom: string[]): StoragePool {
  return { name, kind: 'shared', media: 'zfs', capacityGiB, servedBy, reachableFrom };
}
