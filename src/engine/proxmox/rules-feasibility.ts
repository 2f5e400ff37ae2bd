/**
 * Rules that can never be satisfied are dropped before compiling, each with a reason
 * (`Rules.pm::check_feasibility` / `transform` and the checks registered by
 * `Rules/NodeAffinity.pm` and `Rules/ResourceAffinity.pm`). Every check runs on the whole
 * enabled rule set and the drops are applied together afterwards, as upstream does:
 * - node-affinity rules sharing a resource (all of them);
 * - resource-affinity rules with fewer than 2 resources;
 * - negative rules with more resources than cluster nodes;
 * - a positive and a negative rule sharing 2 or more resources (both);
 * - resource-affinity rules touching a node-affinity rule with several priority levels (both);
 * - positive rules (merged by shared resources) touching more than one node-affinity rule (all);
 * - negative rules whose members are restricted by node-affinity rules to fewer nodes than
 *   members (it and those node-affinity rules).
 * Rules with a `disable` key never reach here.
 */
import type { HaRule, NodeAffinityRule, ResourceAffinityRule } from './types.js';
import { compareBytes } from './sid-order.js';

export interface DroppedRule {
  id: string;
  reason: string;
}

export interface FeasibleRules {
  kept: HaRule[];
  /** Sorted by rule id, then reason, like upstream's `Drop rule '<id>', because <reason>.` lines. */
  dropped: DroppedRule[];
}

export function dropInfeasibleRules(rules: readonly HaRule[], nodes: readonly string[]): FeasibleRules {
  const nodeRules = rules.filter((rule): rule is NodeAffinityRule => rule.type === 'node-affinity');
  const affinityRules = rules.filter((rule): rule is ResourceAffinityRule => rule.type === 'resource-affinity');
  const positives = affinityRules.filter((rule) => rule.affinity === 'positive');
  const negatives = affinityRules.filter((rule) => rule.affinity === 'negative');
  const reasons = new Map<string, string[]>();
  const drop = (id: string, reason: string): void => {
    const list = reasons.get(id) ?? [];
    if (!list.includes(reason)) list.push(reason);
    reasons.set(id, list);
  };

  for (const rule of nodeRules) {
    const shared = rule.resources.filter((sid) => nodeRules.some((other) => other !== rule && other.resources.includes(sid)));
    if (shared.length > 0) drop(rule.id, `at least one resource is already used in another node affinity rule`);
  }
  for (const rule of affinityRules) {
    if (rule.resources.length < 2) drop(rule.id, 'rule must specify at least two resources');
  }
  for (const rule of negatives) {
    if (rule.resources.length > nodes.length) drop(rule.id, 'rule defines more resources than available nodes');
  }
  for (const positive of positives) {
    for (const negative of negatives) {
      if (intersection(positive.resources, negative.resources).length >= 2) {
        drop(positive.id, 'rule shares two or more resources with a negative resource affinity rule');
        drop(negative.id, 'rule shares two or more resources with a positive resource affinity rule');
      }
    }
  }
  for (const rule of affinityRules) {
    const touched = nodeRules.filter((nodeRule) => intersection(rule.resources, nodeRule.resources).length > 0);
    if (touched.some(hasMultiplePriorities)) {
      drop(rule.id, 'resources are in node affinity rules with multiple priorities');
      for (const nodeRule of touched) drop(nodeRule.id, 'resources are in a resource affinity rule and cannot be in a node affinity rule with multiple priorities');
    }
  }
  for (const group of mergeOverlapping(positives)) {
    const touched = nodeRules.filter((nodeRule) => intersection(group.resources, nodeRule.resources).length > 0);
    if (touched.length > 1) {
      for (const id of group.ids) drop(id, 'resources are in multiple node affinity rules');
      for (const nodeRule of touched) drop(nodeRule.id, 'at least one resource is in a positive resource affinity rule and there are other resources in at least one other node affinity rule already');
    }
  }
  for (const negative of negatives) {
    const located = new Set<string>();
    const allowed = new Set<string>();
    const paired: string[] = [];
    for (const nodeRule of nodeRules) {
      const common = intersection(negative.resources, nodeRule.resources);
      if (common.length === 0) continue;
      common.forEach((sid) => located.add(sid));
      nodeRule.nodes.forEach(({ node }) => allowed.add(node));
      paired.push(nodeRule.id);
    }
    if (allowed.size < located.size) {
      drop(negative.id, 'two or more resources are restricted to less nodes than available to the resources');
      for (const id of paired) drop(id, 'at least one resource is in a negative resource affinity rule and this rule would restrict these to less nodes than available to the resources');
    }
  }

  const dropped = [...reasons.entries()]
    .sort(([a], [b]) => compareBytes(a, b))
    .flatMap(([id, list]) => [...list].sort(compareBytes).map((reason) => ({ id, reason })));
  return { kept: rules.filter((rule) => !reasons.has(rule.id)), dropped };
}

function hasMultiplePriorities(rule: NodeAffinityRule): boolean {
  return new Set(rule.nodes.map((entry) => entry.priority)).size > 1;
}

export function intersection(a: readonly string[], b: readonly string[]): string[] {
  const other = new Set(b);
  return a.filter((item) => other.has(item));
}

/** Groups rules whose resource sets overlap, transitively (connected components). */
export function mergeOverlapping(rules: readonly ResourceAffinityRule[]): { ids: string[]; resources: string[] }[] {
  const groups: { ids: string[]; resources: Set<string> }[] = [];
  for (const rule of rules) {
    const joined = { ids: [rule.id], resources: new Set(rule.resources) };
    for (let index = groups.length - 1; index >= 0; index--) {
      const group = groups[index]!;
      if (rule.resources.some((sid) => group.resources.has(sid))) {
        joined.ids.push(...group.ids);
        group.resources.forEach((sid) => joined.resources.add(sid));
        groups.splice(index, 1);
      }
    }
    groups.push(joined);
  }
  return groups.map((group) => ({ ids: group.ids.sort(compareBytes), resources: [...group.resources].sort(compareBytes) }));
}
