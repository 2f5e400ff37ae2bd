/**
 * Resource affinity (`Rules/ResourceAffinity.pm`: `plugin_compile`, `get_resource_affinity`,
 * `apply_positive_resource_affinity`, `apply_negative_resource_affinity`). Always strict.
 *
 * View for one service at decision time, from its partners' current states:
 * - together[node] = positive partners on that node (their target while moving, else their
 *   current node);
 * - separate = every node a negative partner occupies (current and target).
 * Partners that are stopped, about to start or on offline nodes impose nothing.
 * Filtering: drop the separate nodes; then, if any positive partner sits on a remaining node, keep
 * only the node holding the most partners (ties: byte-wise first name).
 */
import { compareBytes } from './sid-order.js';
import { type ServiceStatus, usedServiceNodes } from './service-status.js';

export interface CompiledResourceAffinity {
  positive: ReadonlyMap<string, ReadonlySet<string>>;
  negative: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface ResourceAffinityView {
  together: Map<string, number>;
  separate: Set<string>;
}

export function resourceAffinityView(
  affinity: CompiledResourceAffinity,
  sid: string,
  statuses: ReadonlyMap<string, ServiceStatus>,
  online: ReadonlySet<string>,
): ResourceAffinityView {
  const together = new Map<string, number>();
  const separate = new Set<string>();
  for (const partner of affinity.positive.get(sid) ?? []) {
    const status = statuses.get(partner);
    if (status === undefined) continue;
    const used = usedServiceNodes(status, online);
    const node = used.target ?? used.current;
    if (node !== undefined) together.set(node, (together.get(node) ?? 0) + 1);
  }
  for (const partner of affinity.negative.get(sid) ?? []) {
    const status = statuses.get(partner);
    if (status === undefined) continue;
    const used = usedServiceNodes(status, online);
    if (used.current !== undefined) separate.add(used.current);
    if (used.target !== undefined) separate.add(used.target);
  }
  return { together, separate };
}

/** Whether the service may stay on `node`: a positive partner is there, or no negative one. */
export function allowedByResourceAffinity(view: ResourceAffinityView, node: string): boolean {
  return (view.together.get(node) ?? 0) > 0 || !view.separate.has(node);
}

/** Removes negative partners' nodes from `candidates`, in place. */
export function applyNegativeAffinity(view: ResourceAffinityView, candidates: Set<string>): void {
  for (const node of view.separate) candidates.delete(node);
}

/** Narrows `candidates` to the remaining node with most positive partners, in place. */
export function applyPositiveAffinity(view: ResourceAffinityView, candidates: Set<string>): void {
  let best: string | undefined;
  let bestCount = 0;
  for (const node of [...view.together.keys()].sort(compareBytes)) {
    const count = view.together.get(node)!;
    if (!candidates.has(node) || count <= bestCount) continue;
    best = node;
    bestCount = count;
  }
  if (best === undefined) return;
  candidates.clear();
  candidates.add(best);
}
