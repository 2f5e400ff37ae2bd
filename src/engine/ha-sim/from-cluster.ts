/**
 * A placed headroom cluster as the HA manager's inputs (the pve-ha test-folder model), so the
 * replay engine can say what Proxmox would do on a node failure of the same cluster:
 * - nodes: `maxcpu` = hardware threads, `maxmem` = memory in bytes (Proxmox's node static info);
 * - services: one per VM that runs, `vm:<n>` with n assigned in byte-wise name order, so that
 *   Proxmox's sorted-sid recovery order is the VMs' byte-wise name order; started on its node,
 *   with static stats `maxcpu` = vCPUs, `maxmem` = memory in bytes. Non-HA VMs are services too
 *   on the nodes that survive: since ha-manager 5.1.2 running non-HA guests load their node, and
 *   no rule names them, so they never move. A non-HA VM on a failed node is left out: nothing
 *   recovers it;
 * - rules: the scenario's HA rules, plus the CSV constraints of HA VMs as the rules that mean
 *   the same: an anti-affinity group → a negative resource-affinity rule; a strict affinity → a
 *   strict node-affinity rule; a preferred one → a non-strict rule (the same choice, except
 *   that headroom falls back to other nodes when a rule excludes every preferred one, where
 *   Proxmox finds no node);
 * - cmdlist: power every node on, then power the failed nodes off.
 */
import { NO_INDEX, type ClusterIndex } from '../model/cluster-index.js';
import type { CrsMode } from '../model/cluster.js';
import type { ClusterState } from '../model/state.js';
import type { SimCommand } from './sim-command.js';
import type { HaScenario, StaticServiceStats } from './model.js';
import type { HaRule, ServiceConfig } from '../proxmox/types.js';
import { compareBytes } from '../proxmox/sid-order.js';

const GIB_BYTES = 2 ** 30;
const FIRST_VMID = 100000;

export interface ClusterAsHa {
  scenario: HaScenario;
  vmOfSid: ReadonlyMap<string, string>;
}

export function haScenarioOf(placed: { index: ClusterIndex; state: ClusterState }, failed: readonly string[], crs: CrsMode): ClusterAsHa {
  const { index, state } = placed;
  const { cluster } = index;
  const down = new Set(failed);
  const sidOf = new Map([...cluster.vms].map((vm) => vm.name).sort(compareBytes).map((name, rank) => [name, `vm:${FIRST_VMID + rank}`]));
  const noFailback = new Set(cluster.ha?.noFailback ?? []);
  const services: ServiceConfig[] = [];
  const staticStats: Record<string, StaticServiceStats> = {};
  cluster.vms.forEach((vm, i) => {
    const node = state.vmNode[i]!;
    if (node === NO_INDEX) return;
    const host = index.nodes[node]!.name;
    if (!vm.ha && down.has(host)) return;
    const sid = sidOf.get(vm.name)!;
    services.push({ sid, node: host, state: 'started', failback: !noFailback.has(vm.name), maxRestart: 1, maxRelocate: 1 });
    staticStats[sid] = { maxCpu: vm.vcpus, maxMemBytes: vm.memGiB * GIB_BYTES };
  });
  const rename = (rule: HaRule): HaRule => ({ ...rule, resources: rule.resources.map((name) => sidOf.get(name)!) });
  const power = (node: string, on: boolean): SimCommand => ({ kind: 'power', text: `power ${node} ${on ? 'on' : 'off'}`, node, on });
  return {
    scenario: {
      name: `${cluster.name}: ${failed.join('+')}`,
      nodes: index.nodes.map((node) => ({ name: node.name, power: 'off', network: 'off', maxCpu: node.cpuThreads, maxMemBytes: node.memGiB * GIB_BYTES })),
      services,
      rules: [...(cluster.ha?.rules ?? []), ...csvConstraintsAsRules(index)].map(rename),
      groups: [],
      datacenter: { scheduler: crs, rebalanceOnStart: false, autoRebalance: false, shutdownPolicy: 'conditional' },
      staticStats,
      dynamicStats: {},
      managerStatus: { nodeStatus: {}, serviceStatus: {}, nodeRequest: {} },
      runningAtStart: {},
      cmdlist: [index.nodes.map((node) => power(node.name, true)), failed.map((node) => power(node, false))],
      unsupported: [],
    },
    vmOfSid: new Map([...sidOf].map(([name, sid]) => [sid, name])),
  };
}

/** The CSV rules of HA VMs that no scenario HA rule replaces, as Proxmox rules (ids `csv-...`). */
function csvConstraintsAsRules(index: ClusterIndex): HaRule[] {
  const vms = index.cluster.vms.filter((vm, i) => vm.ha && index.ha.priority[i] === null);
  const groups = new Map<string, string[]>();
  for (const vm of index.cluster.vms) if (vm.ha && vm.antiAffinity !== null) groups.set(vm.antiAffinity, [...(groups.get(vm.antiAffinity) ?? []), vm.name]);
  return [
    ...[...groups].filter(([, members]) => members.length > 1).map(([group, members]): HaRule => ({ type: 'resource-affinity', id: `csv-group-${group}`, resources: members, affinity: 'negative', disabled: false })),
    ...vms.flatMap((vm): HaRule[] =>
      vm.affinity === null ? [] : [{ type: 'node-affinity', id: `csv-affinity-${vm.name}`, resources: [vm.name], nodes: vm.affinity.nodes.map((node) => ({ node, priority: 0 })), strict: vm.affinity.strict, disabled: false }],
    ),
  ];
}
