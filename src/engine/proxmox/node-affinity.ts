/**
 * Node affinity (`Rules/NodeAffinity.pm`: `plugin_compile`, `get_node_affinity`).
 *
 * Compiled per service: node → priority, plus strictness. A non-strict rule also lists every
 * other known node at priority −1, so the service may fall back anywhere once no listed node is
 * online; a strict rule lists only its own nodes. At decision time only online nodes count:
 * `allowed` = the listed online nodes, `preferred` = those sharing the highest priority present.
 * A service without a rule may run on every online node.
 */
import type { NodeAffinityRule } from './types.js';

export interface CompiledNodeAffinity {
  strict: boolean;
  priorities: ReadonlyMap<string, number>;
}

/** Priority of unlisted nodes under a non-strict rule. */
const FALLBACK_PRIORITY = -1;

export function compileNodeAffinity(rules: readonly NodeAffinityRule[], knownNodes: readonly string[]): Map<string, CompiledNodeAffinity> {
  const compiled = new Map<string, CompiledNodeAffinity>();
  for (const rule of rules) {
    const priorities = new Map(rule.nodes.map(({ node, priority }) => [node, priority]));
    if (!rule.strict) {
      for (const node of knownNodes) if (!priorities.has(node)) priorities.set(node, FALLBACK_PRIORITY);
    }
    for (const sid of rule.resources) compiled.set(sid, { strict: rule.strict, priorities });
  }
  return compiled;
}

export interface NodeAffinityView {
  /** Online nodes the service may run on. */
  allowed: Set<string>;
  /** The allowed nodes of the highest priority present; empty means nowhere. */
  preferred: Set<string>;
}

export function nodeAffinityView(affinity: CompiledNodeAffinity | undefined, online: ReadonlySet<string>): NodeAffinityView {
  if (affinity === undefined) return { allowed: new Set(online), preferred: new Set(online) };
  const allowed = new Set<string>();
  let top = -Infinity;
  for (const [node, priority] of affinity.priorities) {
    if (!online.has(node)) continue;
    allowed.add(node);
    top = Math.max(top, priority);
  }
  const preferred = new Set([...allowed].filter((node) => affinity.priorities.get(node) === top));
  return { allowed, preferred };
}
