/**
 * Corosync quorum (votequorum): a partition is quorate when it holds a strict majority of the
 * expected votes,
 *   quorate  <=>  2 × (Σ votes(surviving nodes) + q) > Σ votes(all nodes) + q
 * i.e. at least floor(total / 2) + 1 votes, where q is a QDevice's votes (0 without one): the
 * qnetd arbiter sits outside the cluster, so a node failure never takes its vote, and it gives
 * it to the surviving partition. Reference: votequorum(5), corosync-qdevice(8); Proxmox VE
 * admin guide, "Cluster Manager / Quorum" and "Corosync External Vote Support". Five lab nodes
 * with one vote each: 3 of 5 keep quorum, losing three nodes loses it. Two nodes and a QDevice:
 * one node and the QDevice hold 2 of 3 votes, so one failure keeps quorum. two_node and
 * wait_for_all are not modelled (two_node lets a lone node keep quorum only if it never lost
 * contact, a race headroom does not assume won).
 */
import type { ClusterIndex } from '../model/cluster-index.js';

export function hasQuorum(index: ClusterIndex, nodeUp: Uint8Array): boolean {
  const qdevice = index.cluster.qdevice?.votes ?? 0;
  let total = qdevice;
  let surviving = qdevice;
  index.nodes.forEach((node, n) => {
    total += node.votes;
    if (nodeUp[n] === 1) surviving += node.votes;
  });
  return 2 * surviving > total;
}
