/**
 * What the two Proxmox strategies share: the candidate Proxmox's `select_service_node` would take
 * from a ranking of every online node (Manager.pm: candidates sorted by score, then byte-wise by
 * name; the first wins). The rankings come from the replay engine's own scorers
 * (engine/proxmox/scheduler-*.ts), already in that order, so the first ranked node that passed the
 * filters is Proxmox's pick.
 */
import { InvariantError } from '../../../errors.js';
import type { ClusterIndex } from '../../model/cluster-index.js';
import type { NodeScore } from '../../proxmox/usage.js';

export function firstRankedCandidate(index: ClusterIndex, ranking: readonly NodeScore[], candidates: readonly number[]): number {
  const isCandidate = new Set(candidates);
  for (const { name } of ranking) {
    const node = index.nodeIndex.get(name)!;
    if (isCandidate.has(node)) return node;
  }
  throw new InvariantError('a candidate node was not ranked (candidates must be up)', candidates.map((node) => index.nodes[node]!.name));
}
