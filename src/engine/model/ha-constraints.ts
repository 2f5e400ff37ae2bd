/**
 * The scenario's Proxmox HA rules as per-VM placement constraints, compiled by the HA manager's
 * own code (engine/proxmox/rules.ts: infeasible rules dropped as Proxmox drops them, positive groups
 * merged, implicit negatives and node affinities added), so `failover --strategy pve-*` and
 * `pve-ha replay` read the same rules the same way.
 *
 * - Node affinity: a strict rule is a node mask (a pin); every rule also gives node priorities,
 *   of which only the highest present among the up nodes is eligible (Manager.pm
 *   `select_service_node` via `get_node_affinity`). A non-strict rule ranks unlisted nodes at
 *   −1, so they are used only while no listed node is up.
 * - Resource affinity: partners as compressed sparse rows, read by the resource-affinity filter.
 *   A negative pair already kept apart by a CSV anti-affinity group is left out, so a rule that
 *   restates a group adds no second reason.
 */
import { type CompiledRules, compileRules } from '../proxmox/rules.js';
import type { Cluster } from './cluster.js';

/** Partners of VM v: vms[start[v] .. start[v + 1]). */
export interface PartnerLists {
  readonly start: Int32Array;
  readonly vms: Int32Array;
}

export interface HaConstraints {
  /** Compiled rules (names as resources), with the rules Proxmox would drop; null without an `ha:` section. */
  readonly rules: CompiledRules | null;
  /** Node priority per node (in index order) for a VM under a node-affinity rule; −Infinity = not listed by a strict rule. */
  readonly priority: ReadonlyArray<Float64Array | null>;
  /** Node names a strict rule allows, or null. */
  readonly strictNodes: ReadonlyArray<readonly string[] | null>;
  readonly apart: PartnerLists;
  readonly together: PartnerLists;
}

export function compileHaConstraints(cluster: Cluster, nodeNames: readonly string[]): HaConstraints {
  const vms = cluster.vms;
  const vmIndex = new Map(vms.map((vm, i) => [vm.name, i]));
  const rules = cluster.ha === undefined ? null : compileRules(cluster.ha.rules, nodeNames);
  const known = new Set(nodeNames);
  const nodeAffinity = (vm: number) => rules?.nodeAffinity.get(vms[vm]!.name);
  const partners = (of: (vm: number) => Iterable<string> | undefined, keep: (vm: number, other: number) => boolean) =>
    partnerLists(vms.length, (vm) => [...(of(vm) ?? [])].map((name) => vmIndex.get(name)!).filter((other) => keep(vm, other)).sort((a, b) => a - b));
  const sameGroup = (a: number, b: number): boolean => vms[a]!.antiAffinity !== null && vms[a]!.antiAffinity === vms[b]!.antiAffinity;
  return {
    rules,
    priority: vms.map((_, vm) => {
      const affinity = nodeAffinity(vm);
      return affinity === undefined ? null : Float64Array.from(nodeNames, (name) => affinity.priorities.get(name) ?? -Infinity);
    }),
    // A rule may name a node the cluster no longer has (a what-if that removes one): like a node
    // that is not online in Proxmox, it offers nothing.
    strictNodes: vms.map((_, vm) => {
      const affinity = nodeAffinity(vm);
      return affinity?.strict ? [...affinity.priorities.keys()].filter((name) => known.has(name)) : null;
    }),
    apart: partners((vm) => rules?.resourceAffinity.negative.get(vms[vm]!.name), (vm, other) => !sameGroup(vm, other)),
    together: partners((vm) => rules?.resourceAffinity.positive.get(vms[vm]!.name), () => true),
  };
}

function partnerLists(vmCount: number, partnersOf: (vm: number) => number[]): PartnerLists {
  const lists = Array.from({ length: vmCount }, (_, vm) => partnersOf(vm));
  const start = new Int32Array(vmCount + 1);
  lists.forEach((list, vm) => (start[vm + 1] = start[vm]! + list.length));
  return { start, vms: Int32Array.from(lists.flat()) };
}
