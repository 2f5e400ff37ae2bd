/**
 * What a change did to the HA configuration, by rule id: the rules it added or removed (a rule
 * whose last resource left counts as removed), the ones it disabled or enabled, the ones whose
 * resources, nodes or settings differ (a removed VM or node trimmed them, or a rule was replaced
 * under its id), the CRS mode, and the rules the HA manager drops as infeasible after the change
 * but did not before (a resource-affinity rule left with one member, say). Lists follow rule order.
 */
import type { HaRule } from '../proxmox/types.js';
import type { DroppedRule } from '../proxmox/rules-feasibility.js';
import type { CrsMode, HaSettings } from '../model/cluster.js';

export interface HaDifference {
  /** Before and after; null where the scenario states no mode. */
  crs: [CrsMode | null, CrsMode | null];
  added: string[];
  removed: string[];
  disabled: string[];
  enabled: string[];
  changed: string[];
  newlyDropped: DroppedRule[];
}

export function haDifference(before: HaSettings | undefined, after: HaSettings | undefined, droppedBefore: readonly DroppedRule[], droppedAfter: readonly DroppedRule[]): HaDifference {
  const rulesBefore = new Map((before?.rules ?? []).map((rule) => [rule.id, rule]));
  const rulesAfter = new Map((after?.rules ?? []).map((rule) => [rule.id, rule]));
  const kept = [...rulesAfter.values()].flatMap((rule) => {
    const old = rulesBefore.get(rule.id);
    return old === undefined ? [] : [{ old, rule }];
  });
  const wasDropped = new Set(droppedBefore.map(({ id, reason }) => `${id}\n${reason}`));
  return {
    crs: [before?.crs ?? null, after?.crs ?? null],
    added: [...rulesAfter.keys()].filter((id) => !rulesBefore.has(id)),
    removed: [...rulesBefore.keys()].filter((id) => !rulesAfter.has(id)),
    disabled: kept.filter(({ old, rule }) => !old.disabled && rule.disabled).map(({ rule }) => rule.id),
    enabled: kept.filter(({ old, rule }) => old.disabled && !rule.disabled).map(({ rule }) => rule.id),
    changed: kept.filter(({ old, rule }) => settings(old) !== settings(rule)).map(({ rule }) => rule.id),
    newlyDropped: droppedAfter.filter(({ id, reason }) => !wasDropped.has(`${id}\n${reason}`)),
  };
}

/** Everything but the disabled flag, which has its own lists; rules are plain data in a fixed key order. */
function settings(rule: HaRule): string {
  return JSON.stringify({ ...rule, disabled: undefined });
}
