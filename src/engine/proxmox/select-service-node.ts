/**
 * `select_service_node` (Manager.pm): where a service should run, given the compiled rules, the
 * current usage and every service's state. Preferences:
 * - 'none': stay if possible (the `started` handler, every round);
 * - 'best-score': the best-scored candidate (recovery, rebalance on start);
 * - 'try-next': the next candidate after the current node, avoiding failed nodes (start errors).
 *
 * Steps, in upstream's order (the order matters: affinity filters run before the stay checks
 * that follow them, and scores are taken over all online nodes before the candidates are sorted):
 *   1. node affinity → allowed and preferred (top-priority) online nodes; none preferred → none;
 *   2. resource-affinity view of the partners;
 *   3. 'none' without failback: stay if allowed there and not pushed away by a negative partner;
 *   4. 'try-next': drop failed nodes;
 *   5. drop negative partners' nodes, then narrow to the node with most positive partners;
 *   6. a maintenance fallback node still among the candidates wins;
 *   7. 'none': stay if the current node is still a candidate;
 *   8. sort candidates by (score, name), lower score first, byte-wise names;
 *   9. 'try-next' takes the entry after the current node, else the first; others the first.
 */
import type { ServiceConfig } from './types.js';
import { nodeAffinityView } from './node-affinity.js';
import { allowedByResourceAffinity, applyNegativeAffinity, applyPositiveAffinity, resourceAffinityView } from './resource-affinity.js';
import type { CompiledRules } from './rules.js';
import type { ServiceStatus } from './service-status.js';
import { compareBytes } from './sid-order.js';
import { type OnlineNodeUsage, SCORE_TIE_EPSILON } from './usage.js';

export type NodePreference = 'none' | 'best-score' | 'try-next';

export function selectServiceNode(
  rules: CompiledRules,
  usage: OnlineNodeUsage,
  sid: string,
  config: Pick<ServiceConfig, 'failback'>,
  statuses: ReadonlyMap<string, ServiceStatus>,
  preference: NodePreference,
): string | undefined {
  const status = statuses.get(sid)!;
  const current = status.node;
  const online = new Set(usage.listNodes());
  const { allowed, preferred } = nodeAffinityView(rules.nodeAffinity.get(sid), online);
  if (preferred.size === 0) return undefined;

  const affinity = resourceAffinityView(rules.resourceAffinity, sid, statuses, online);
  if (preference === 'none' && !config.failback && allowed.has(current) && allowedByResourceAffinity(affinity, current)) {
    return current;
  }

  const candidates = new Set(preferred);
  if (preference === 'try-next') for (const node of status.failedNodes ?? []) candidates.delete(node);
  applyNegativeAffinity(affinity, candidates);
  applyPositiveAffinity(affinity, candidates);

  if (status.maintenanceNode !== undefined && candidates.has(status.maintenanceNode)) return status.maintenanceNode;
  if (preference === 'none' && candidates.has(current)) return current;

  const scores = usage.scoreNodesToStartService(sid);
  const ordered = [...candidates].sort((a, b) => {
    const difference = scores.get(a)! - scores.get(b)!;
    return Math.abs(difference) > SCORE_TIE_EPSILON ? difference : compareBytes(a, b);
  });
  if (preference === 'try-next') {
    const index = ordered.indexOf(current);
    if (index >= 0 && index < ordered.length - 1) return ordered[index + 1];
  }
  return ordered[0];
}
