/**
 * What changed between two scenarios of one cluster, such as two weekly imports: guests added,
 * removed, moved (another current node) and resized (vCPUs, memory, disk, GPUs or pool); nodes
 * added, removed and resized (threads, memory, GPUs, votes); HA rules added, removed and
 * changed, matched by id; and the totals' deltas. Guests and nodes are matched by name. Lists are
 * sorted by name, so the result is byte-stable. Words: explain.ts (`scenarioDiffSummary`).
 */
import type { Cluster, NodeSpec, VmSpec } from '../model/cluster.js';

export interface GuestSize {
  vcpus: number;
  memGiB: number;
  diskGiB: number;
  gpus: number;
  pool: string;
}

export interface NodeSize {
  cpuThreads: number;
  memGiB: number;
  gpus: number;
  votes: number;
}

export interface ScenarioDiff {
  guests: {
    added: Array<{ name: string; node: string | null } & GuestSize>;
    removed: Array<{ name: string; node: string | null } & GuestSize>;
    moved: Array<{ name: string; from: string | null; to: string | null }>;
    resized: Array<{ name: string; before: GuestSize; after: GuestSize }>;
  };
  nodes: {
    added: Array<{ name: string } & NodeSize>;
    removed: Array<{ name: string } & NodeSize>;
    resized: Array<{ name: string; before: NodeSize; after: NodeSize }>;
  };
  rules: { added: string[]; removed: string[]; changed: string[] };
  /** NEW minus OLD. */
  delta: { vms: number; vcpus: number; memGiB: number; diskGiB: number; gpus: number; nodes: number; nodeThreads: number; nodeMemGiB: number };
}

const guestSize = (vm: VmSpec): GuestSize => ({ vcpus: vm.vcpus, memGiB: vm.memGiB, diskGiB: vm.diskGiB, gpus: vm.gpus, pool: vm.pool });
const nodeSize = (node: NodeSpec): NodeSize => ({ cpuThreads: node.cpuThreads, memGiB: node.memGiB, gpus: node.gpus, votes: node.votes });
const same = (a: object, b: object): boolean => JSON.stringify(a) === JSON.stringify(b);
const byName = <T extends { name: string }>(items: readonly T[]): Map<string, T> => new Map([...items].sort((a, b) => a.name.localeCompare(b.name)).map((item) => [item.name, item]));
const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);
/** GiB figures are whole MiB in an import: rounding to 1/1024 removes the float sums' dust. */
const toMiB = (gib: number): number => Math.round(gib * 1024) / 1024;

export function diffScenarios(before: Cluster, after: Cluster): ScenarioDiff {
  const oldVms = byName(before.vms);
  const newVms = byName(after.vms);
  const oldNodes = byName(before.nodes);
  const newNodes = byName(after.nodes);
  const oldRules = new Map((before.ha?.rules ?? []).map((rule) => [rule.id, rule]));
  const newRules = new Map((after.ha?.rules ?? []).map((rule) => [rule.id, rule]));
  const kept = [...newVms.values()].filter((vm) => oldVms.has(vm.name));
  const keptNodes = [...newNodes.values()].filter((node) => oldNodes.has(node.name));
  const totals = (cluster: Cluster) => ({
    vms: cluster.vms.length,
    vcpus: sum(cluster.vms.map((vm) => vm.vcpus)),
    memGiB: sum(cluster.vms.map((vm) => vm.memGiB)),
    diskGiB: sum(cluster.vms.map((vm) => vm.diskGiB)),
    gpus: sum(cluster.vms.map((vm) => vm.gpus)),
    nodes: cluster.nodes.length,
    nodeThreads: sum(cluster.nodes.map((node) => node.cpuThreads)),
    nodeMemGiB: sum(cluster.nodes.map((node) => node.memGiB)),
  });
  const [was, is] = [totals(before), totals(after)];
  return {
    guests: {
      added: [...newVms.values()].filter((vm) => !oldVms.has(vm.name)).map((vm) => ({ name: vm.name, node: vm.currentNode, ...guestSize(vm) })),
      removed: [...oldVms.values()].filter((vm) => !newVms.has(vm.name)).map((vm) => ({ name: vm.name, node: vm.currentNode, ...guestSize(vm) })),
      moved: kept.filter((vm) => oldVms.get(vm.name)!.currentNode !== vm.currentNode).map((vm) => ({ name: vm.name, from: oldVms.get(vm.name)!.currentNode, to: vm.currentNode })),
      resized: kept.filter((vm) => !same(guestSize(oldVms.get(vm.name)!), guestSize(vm))).map((vm) => ({ name: vm.name, before: guestSize(oldVms.get(vm.name)!), after: guestSize(vm) })),
    },
    nodes: {
      added: [...newNodes.values()].filter((node) => !oldNodes.has(node.name)).map((node) => ({ name: node.name, ...nodeSize(node) })),
      removed: [...oldNodes.values()].filter((node) => !newNodes.has(node.name)).map((node) => ({ name: node.name, ...nodeSize(node) })),
      resized: keptNodes.filter((node) => !same(nodeSize(oldNodes.get(node.name)!), nodeSize(node))).map((node) => ({ name: node.name, before: nodeSize(oldNodes.get(node.name)!), after: nodeSize(node) })),
    },
    rules: {
      added: [...newRules.keys()].filter((id) => !oldRules.has(id)).sort(),
      removed: [...oldRules.keys()].filter((id) => !newRules.has(id)).sort(),
      changed: [...newRules.keys()].filter((id) => oldRules.has(id) && !same(oldRules.get(id)!, newRules.get(id)!)).sort(),
    },
    delta: {
      vms: is.vms - was.vms,
      vcpus: is.vcpus - was.vcpus,
      memGiB: toMiB(is.memGiB - was.memGiB),
      diskGiB: toMiB(is.diskGiB - was.diskGiB),
      gpus: is.gpus - was.gpus,
      nodes: is.nodes - was.nodes,
      nodeThreads: is.nodeThreads - was.nodeThreads,
      nodeMemGiB: toMiB(is.nodeMemGiB - was.nodeMemGiB),
    },
  };
}
