/**
 * From configured rules to what the scheduler reads (`Rules.pm::transform` then `compile`):
 * drop infeasible rules (rules-feasibility.ts), then
 *   1. merge positive rules that share resources (`_merged-...` upstream);
 *   2. add implicit negatives: if A and B must be together and A apart from C (a configured
 *      rule, not an implied one), B is apart from C;
 *   3. let every member of a positive group join the node-affinity rule of any member
 *      (`create_implicit_positive_resource_affinity_node_affinity_rules`);
 *   4. compile node affinity and resource affinity per service.
 */
import type { HaRule, NodeAffinityRule, ResourceAffinityRule } from './types.js';
import { type CompiledNodeAffinity, compileNodeAffinity } from './node-affinity.js';
import type { CompiledResourceAffinity } from './resource-affinity.js';
import { type DroppedRule, dropInfeasibleRules, mergeOverlapping } from './rules-feasibility.js';

export interface CompiledRules {
  nodeAffinity: ReadonlyMap<string, CompiledNodeAffinity>;
  resourceAffinity: CompiledResourceAffinity;
  dropped: DroppedRule[];
}

export function compileRules(configured: readonly HaRule[], knownNodes: readonly string[]): CompiledRules {
  const enabled = configured.filter((rule) => !rule.disabled);
  const { kept, dropped } = dropInfeasibleRules(enabled, knownNodes);
  const nodeRules = kept
    .filter((rule): rule is NodeAffinityRule => rule.type === 'node-affinity')
    .map((rule) => ({ ...rule, resources: [...rule.resources] }));
  const affinityRules = kept.filter((rule): rule is ResourceAffinityRule => rule.type === 'resource-affinity');
  const positiveGroups = mergeOverlapping(affinityRules.filter((rule) => rule.affinity === 'positive'));

  for (const group of positiveGroups) {
    const nodeRule = nodeRules.find((rule) => rule.resources.some((sid) => group.resources.includes(sid)));
    if (nodeRule === undefined) continue;
    for (const sid of group.resources) if (!nodeRule.resources.includes(sid)) nodeRule.resources.push(sid);
  }

  const positive = new Map<string, Set<string>>();
  for (const group of positiveGroups) {
    for (const sid of group.resources) positive.set(sid, new Set(group.resources.filter((other) => other !== sid)));
  }
  const negative = new Map<string, Set<string>>();
  const addNegative = (a: string, b: string): void => {
    if (a === b) return;
    if (!negative.has(a)) negative.set(a, new Set());
    negative.get(a)!.add(b);
  };
  for (const rule of affinityRules.filter((candidate) => candidate.affinity === 'negative')) {
    for (const a of rule.resources) for (const b of rule.resources) addNegative(a, b);
  }
  // Implied from the configured negative rules only: an implied negative never implies another
  // (test-resource-affinity-strict-mixed3 keeps a partner of C's group free to share B's node).
  const configuredNegative = new Map([...negative].map(([sid, others]) => [sid, [...others]]));
  for (const group of positiveGroups) {
    const apart = new Set(group.resources.flatMap((sid) => configuredNegative.get(sid) ?? []));
    for (const member of group.resources) {
      for (const other of apart) {
        addNegative(member, other);
        addNegative(other, member);
      }
    }
  }

  return { nodeAffinity: compileNodeAffinity(nodeRules, knownNodes), resourceAffinity: { positive, negative }, dropped };
}
