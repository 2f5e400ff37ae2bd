/**
 * `pve-basic`: Proxmox VE's basic CRS (the default, datacenter.cfg `crs: ha=basic`), decided by
 * the replay engine's scorer `scoreNodesBasic` (engine/proxmox/scheduler-basic.ts, Usage/Basic.pm):
 * the up node running the fewest guests wins, ties to the byte-wise first name. Every VM running
 * on a node counts, HA or not (ha-manager 5.1.2 counts running non-HA guests); size does not.
 * O(VMs + up nodes log up nodes) per decision through the chooser; FewestGuestsIndex gives the
 * same node in about O(log n).
 */
import { NO_INDEX } from '../../model/cluster-index.js';
import type { ClusterState } from '../../model/state.js';
import { scoreNodesBasic, type BasicNodeLoad } from '../../proxmox/scheduler-basic.js';
import { compareBytes } from '../../proxmox/sid-order.js';
import { PROXMOX_FILTERS } from '../filters/index.js';
import type { ChoiceIndex, Chooser } from '../types.js';
import { firstRankedCandidate } from './proxmox-choice.js';

export const chooseBasic: Chooser = (state, _vm, candidates) => {
  const { index } = state;
  const loads: BasicNodeLoad[] = [];
  for (let node = 0; node < index.nodeCount; node++) {
    if (state.nodeUp[node] === 1) loads.push({ name: index.nodes[node]!.name, services: state.guests[node]! });
  }
  return firstRankedCandidate(index, scoreNodesBasic(loads), candidates);
};

/**
 * chooseBasic's node without ranking every node: a segment tree over the nodes in byte-wise name
 * order holding the fewest guests of an up node per subtree. The answer is the least
 * (guests, byte-wise rank) among the nodes that pass PROXMOX_FILTERS, which is the first
 * candidate of chooseBasic's ranking (sorted by guests, then byte-wise name). The search takes
 * the subtree with fewer guests first and skips one whose fewest guests, or whose first rank
 * at equal guests, cannot beat the best so far. O(log n) per update.
 */
export class FewestGuestsIndex implements ChoiceIndex {
  private readonly size: number;
  private readonly rankOf: Int32Array;
  private readonly nodeAt: Int32Array;
  private readonly fewest: Float64Array;
  private vm = 0;
  private mask: Uint8Array | null = null;
  private best = NO_INDEX;
  private bestGuests = Infinity;
  private bestRank = Infinity;

  constructor(private readonly state: ClusterState) {
    const { index } = state;
    let size = 1;
    while (size < index.nodeCount) size *= 2;
    this.size = size;
    const order = index.nodes.map((_, node) => node).sort((a, b) => compareBytes(index.nodes[a]!.name, index.nodes[b]!.name));
    this.nodeAt = new Int32Array(size).fill(NO_INDEX);
    this.rankOf = new Int32Array(index.nodeCount);
    order.forEach((node, rank) => {
      this.nodeAt[rank] = node;
      this.rankOf[node] = rank;
    });
    this.fewest = new Float64Array(2 * size).fill(Infinity);
    for (let node = 0; node < index.nodeCount; node++) this.setLeaf(node);
    for (let i = size - 1; i >= 1; i--) this.fewest[i] = Math.min(this.fewest[2 * i]!, this.fewest[2 * i + 1]!);
  }

  update(node: number): void {
    this.setLeaf(node);
    for (let i = (this.rankOf[node]! + this.size) >> 1; i >= 1; i >>= 1) this.fewest[i] = Math.min(this.fewest[2 * i]!, this.fewest[2 * i + 1]!);
  }

  choose(vm: number, mask: Uint8Array | null): number {
    this.vm = vm;
    this.mask = mask;
    this.best = NO_INDEX;
    this.bestGuests = Infinity;
    this.bestRank = Infinity;
    this.search(1, 0, this.size - 1);
    return this.best;
  }

  private search(i: number, lo: number, hi: number): void {
    const guests = this.fewest[i]!;
    // Nothing up here, or nothing here can come before the best in the ranking.
    if (guests === Infinity || guests > this.bestGuests || (guests === this.bestGuests && lo > this.bestRank)) return;
    if (i >= this.size) {
      const node = this.nodeAt[lo]!;
      if (this.mask !== null && this.mask[node] !== 1) return;
      for (const filter of PROXMOX_FILTERS) if (!filter.passes(this.state, this.vm, node)) return;
      this.best = node;
      this.bestGuests = guests;
      this.bestRank = lo;
      return;
    }
    const mid = (lo + hi) >> 1;
    if (this.fewest[2 * i + 1]! < this.fewest[2 * i]!) {
      this.search(2 * i + 1, mid + 1, hi);
      this.search(2 * i, lo, mid);
    } else {
      this.search(2 * i, lo, mid);
      this.search(2 * i + 1, mid + 1, hi);
    }
  }

  private setLeaf(node: number): void {
    this.fewest[this.rankOf[node]! + this.size] = this.state.nodeUp[node] === 1 ? this.state.guests[node]! : Infinity;
  }
}
