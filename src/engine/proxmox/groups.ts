/**
 * Legacy HA groups as node-affinity rules (`Groups.pm::migrate_groups_to_rules`,
 * `migrate_groups_to_resources`), done in memory every CRM round as upstream does while the
 * persistent migration cannot run. A group used by some service becomes rule
 * `ha-group-<group>` with the group's nodes and priorities, strict iff `restricted`; the
 * services of a group get `failback = !nofailback`. Same semantics as the pre-5.0 group code.
 */
import type { HaGroup, NodeAffinityRule, ServiceConfig } from './types.js';
import { compareBytes } from './sid-order.js';

export function groupsAsNodeAffinityRules(groups: readonly HaGroup[], services: readonly ServiceConfig[]): NodeAffinityRule[] {
  const rules: NodeAffinityRule[] = [];
  for (const group of [...groups].sort((a, b) => compareBytes(a.id, b.id))) {
    const members = services.filter((service) => service.group === group.id).map((service) => service.sid).sort(compareBytes);
    if (members.length === 0) continue;
    rules.push({ type: 'node-affinity', id: `ha-group-${group.id}`, resources: members, nodes: group.nodes, strict: group.restricted, disabled: false });
  }
  return rules;
}

/** Applies each group's `nofailback` to its services' `failback`, in place (config is a per-round copy). */
export function applyGroupFailback(groups: readonly HaGroup[], services: ServiceConfig[]): void {
  const byId = new Map(groups.map((group) => [group.id, group]));
  for (const service of services) {
    const group = service.group === undefined ? undefined : byId.get(service.group);
    if (group !== undefined) service.failback = !group.nofailback;
  }
}
