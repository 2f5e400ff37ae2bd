/**
 * Corosync quorum (votequorum): a partition is quorate when it holds a strict majority of the
 * expected votes,
 *   quorate  <=>  2 × Σ votes(surviving nodes) > Σ votes(all nodes)
 * i.e. at least floor(total / 2) + 1 votes. Reference: votequorum(5); Proxmox VE admin guide,
 * "Cluster Manager / Quorum". Five lab nodes with one vote each: 3 of 5 keep quorum, losing
 * three nodes loses it. QDevice and two_node/wait_for_all options are not modelled: their votes
 * can be given to the nodes instead.
 */
import type { ClusterIndex } from '../model/cluster-index.js';

export function hasQuorum(index: ClusterIndex, nodeUp: Uint8Array): boolean {
  let total = 0;
  let surviving = 0;
  index.nodes.forEach((node, n) => {
    total += node.votes;
    if (nodeUp[n] === 1) surviving += node.votes;
  });
  return 2 * surviving > total;
}
