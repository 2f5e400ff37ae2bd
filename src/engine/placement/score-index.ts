/**
 * The scored strategies' node choice without a scan of every node, by branch and bound (Land &
 * Doig 1960) over a segment tree. The nodes sit in the tree grouped by capacity class (equal CPU,
 * memory, GPU and local-disk capacities), in name order within a class, so a subtree inside a
 * class has one capacity per resource. Per resource slot the VM competes for (loadsAfter's: CPU,
 * memory, the local pool's disk, GPUs) a subtree keeps the least and most used fraction
 * used/capacity, of 1/capacity and of free/capacity², so for a request q
 *   load = used/capacity + q/capacity  lies in  [minFraction + q·minInverse, maxFraction + q·maxInverse]
 * and each scorer turns those load bounds into an upper bound on its score (Strategy.scoreBound).
 * A subtree also keeps its largest free CPU, memory and GPU count, as RoomIndex does, so one
 * that cannot hold the VM is skipped whole.
 *
 * The scan (pipeline.ts bestNode) takes, in name order, a node whose score beats the best so far
 * by more than T = 1e-12. Its answer, found in two searches:
 *   1. top = the highest score of a passing node, best subtree first, skipping a subtree whose
 *      bound is at most top + 1e-14 (so top is within δ = 2e-14 of the true highest, the
 *      rounding of a bound included, and equal nodes are not visited one by one);
 *   2. g = the first passing node in name order scoring at least top − 2T − 1e-14 (the first of
 *      each class, then the first of those).
 * If g scores at least top − T + 3e-14, the scan returns g: every node before g scores below
 * top − 2T, so g beats the best so far by more than T, and no node after g can beat g by more
 * than T, since none scores above top + δ. Otherwise some node scores within about 1e-12 of
 * another near the top, where the scan's answer depends on the order of the near-ties: the
 * choice falls back to the scan itself. Either way the answer is the scan's, ties and chains of
 * near-ties included.
 * Cost: O(log n) per update; per choice, the subtrees whose bound reaches the top, and one
 * search per capacity class. Memory: (3 + 5 × slots) × 2n doubles, slots = 3 + the local pools.
 */
import { NO_INDEX } from '../model/cluster-index.js';
import type { ClusterState } from '../model/state.js';
import { FILTERS } from './filters/index.js';
import type { ScoreBound, Scorer, SubtreeLoads } from './types.js';

const SCORE_TIE = 1e-12;
/** Search 1 skips a subtree whose bound is within this of the top; with rounding, δ = 2e-14. */
const TOP_SLACK = 1e-14;
const NEAR_TOP = 2 * SCORE_TIE + TOP_SLACK;
const CLEAR_OF_TIES = SCORE_TIE - 3 * TOP_SLACK;
/** Search 2 may prune loosely: far above the rounding of a bound. */
const BOUND_SLACK = 1e-9;
/** The capacity filter's tolerance is 1e-9; a prune on free room keeps a wider margin. */
const ROOM_SLACK = 1e-6;

const LOAD_BOUND_SLOTS = 4;

// Statistics kept per slot, in this order.
const MIN_FRACTION = 0;
const MAX_FRACTION = 1;
const MIN_INVERSE = 2;
const MAX_INVERSE = 3;
const MAX_FREE_SHARE = 4;
const STATS = 5;
const CPU = 0;
const MEM = 1;
const GPU = 2;
const FIRST_DISK = 3;

export class ScoreIndex {
  private readonly size: number;
  /** Tree position of each node, and the node at each position (NO_INDEX past the last). */
  private readonly positionOf: Int32Array;
  private readonly nodeAt: Int32Array;
  /** Positions of capacity class c: classStart[c] .. classStart[c + 1] − 1. */
  private readonly classStart: Int32Array;
  private readonly freeCpu: Float64Array;
  private readonly freeMem: Float64Array;
  private readonly freeGpu: Float64Array;
  /** stats[slot * STATS + stat] is a tree array of 2 × size. */
  private readonly stats: Float64Array[];
  /**
   * Least and most sum of used fractions over the slots of a VM kind: kind = 2 × disk + gpu,
   * disk 0 for a shared pool or 1 + the local pool's number, gpu 1 when the VM asks for GPUs.
   */
  private readonly minSum: Float64Array[];
  private readonly maxSum: Float64Array[];
  private kind = 0;
  /** Slot of each local pool's disk, NO_INDEX for a shared pool. */
  private readonly diskSlot: Int32Array;
  private readonly localPools: number[];
  private readonly loads: SubtreeLoads = {
    count: 0,
    low: new Float64Array(LOAD_BOUND_SLOTS),
    high: new Float64Array(LOAD_BOUND_SLOTS),
    aligned: new Float64Array(LOAD_BOUND_SLOTS),
    hasDisk: false,
    lowSum: 0,
    highSum: 0,
  };
  // The query in flight (the searches are recursive; these stay fixed during one choice).
  private vm = 0;
  private mask: Uint8Array | null = null;
  private readonly slots = new Int32Array(LOAD_BOUND_SLOTS);
  private readonly requested = new Float64Array(LOAD_BOUND_SLOTS);
  private diskMayBeHeld = false;
  private top = -Infinity;
  private firstScore = -Infinity;

  constructor(
    private readonly state: ClusterState,
    private readonly scorer: Scorer,
    private readonly scoreBound: ScoreBound,
  ) {
    const { index } = state;
    const { nodeCount } = index;
    let size = 1;
    while (size < nodeCount) size *= 2;
    this.size = size;
    const tree = (): Float64Array => new Float64Array(2 * size);
    this.freeCpu = tree();
    this.freeMem = tree();
    this.freeGpu = tree();
    this.diskSlot = new Int32Array(index.poolNames.length).fill(NO_INDEX);
    this.localPools = [];
    for (let instance = 0; instance < index.instancePool.length; instance++) {
      const pool = index.instancePool[instance]!;
      if (index.instanceShared[instance] === 0 && this.diskSlot[pool] === NO_INDEX) {
        this.diskSlot[pool] = FIRST_DISK + this.localPools.length;
        this.localPools.push(pool);
      }
    }
    const classKey = (node: number): string => {
      const disks = this.localPools.map((pool) => {
        const instance = index.instanceAt[pool * nodeCount + node]!;
        return instance === NO_INDEX ? 'none' : index.instanceCap[instance]!;
      });
      return `${index.cpuCap[node]}|${index.memCap[node]}|${index.gpuCap[node]}|${disks.join('|')}`;
    };
    const classes = new Map<string, number[]>();
    for (let node = 0; node < nodeCount; node++) {
      const key = classKey(node);
      const members = classes.get(key);
      if (members === undefined) classes.set(key, [node]);
      else members.push(node);
    }
    this.positionOf = new Int32Array(nodeCount);
    this.nodeAt = new Int32Array(size).fill(NO_INDEX);
    this.classStart = new Int32Array(classes.size + 1);
    let position = 0;
    let c = 0;
    for (const members of classes.values()) {
      this.classStart[c++] = position;
      for (const node of members) {
        this.positionOf[node] = position;
        this.nodeAt[position++] = node;
      }
    }
    this.classStart[c] = position;
    const slotCount = FIRST_DISK + this.localPools.length;
    this.stats = Array.from({ length: slotCount * STATS }, tree);
    this.minSum = Array.from({ length: 2 * (1 + this.localPools.length) }, tree);
    this.maxSum = Array.from({ length: 2 * (1 + this.localPools.length) }, tree);
    for (let i = 0; i < 2 * size; i++) this.setEmpty(i);
    for (let node = 0; node < nodeCount; node++) this.setLeaf(node);
    for (let i = size - 1; i >= 1; i--) this.pull(i);
  }

  /** Call after the state changed on `node` (a VM assigned or stopped, the node failed or came back). */
  update(node: number): void {
    this.setLeaf(node);
    for (let i = (this.positionOf[node]! + this.size) >> 1; i >= 1; i >>= 1) this.pull(i);
  }

  /**
   * The node the scan of every node picks for `vm` (the highest score among the nodes that pass
   * FILTERS, restricted to `mask` when given, the first in name order within 1e-12), NO_INDEX
   * when none passes.
   */
  choose(vm: number, mask: Uint8Array | null): number {
    this.prepare(vm, mask);
    this.top = -Infinity;
    this.searchTop(1, 0, this.size - 1);
    // Every subtree was searched down to its leaves or shown to hold no passing node.
    if (this.top === -Infinity) return NO_INDEX;
    const near = this.top - NEAR_TOP;
    let first = NO_INDEX;
    let firstScore = -Infinity;
    for (let c = 0; c + 1 < this.classStart.length; c++) {
      const found = this.searchFirst(1, 0, this.size - 1, this.classStart[c]!, this.classStart[c + 1]! - 1, near, first);
      if (found !== NO_INDEX) {
        first = found;
        firstScore = this.firstScore;
      }
    }
    return first !== NO_INDEX && firstScore >= this.top - CLEAR_OF_TIES ? first : this.scan();
  }

  private prepare(vm: number, mask: Uint8Array | null): void {
    const { index } = this.state;
    this.vm = vm;
    this.mask = mask;
    const pool = index.vmPool[vm]!;
    const diskSlot = this.diskSlot[pool]!;
    let count = 0;
    this.slots[count] = CPU;
    this.requested[count++] = index.vmCpu[vm]!;
    this.slots[count] = MEM;
    this.requested[count++] = index.vmMem[vm]!;
    if (diskSlot !== NO_INDEX) {
      this.slots[count] = diskSlot;
      this.requested[count++] = index.vmDisk[vm]!;
    }
    if (index.vmGpus[vm]! > 0) {
      this.slots[count] = GPU;
      this.requested[count++] = index.vmGpus[vm]!;
    }
    this.loads.count = count;
    this.loads.hasDisk = diskSlot !== NO_INDEX;
    this.kind = 2 * (diskSlot === NO_INDEX ? 0 : diskSlot - FIRST_DISK + 1) + (index.vmGpus[vm]! > 0 ? 1 : 0);
    // A restarted VM's disk may already sit on one node's instance, where it does not count again.
    const held = this.state.vmInstance[vm]!;
    this.diskMayBeHeld = diskSlot !== NO_INDEX && held !== NO_INDEX && index.instancePool[held] === pool;
  }

  /** The score of `node` when it passes the mask and FILTERS, else NaN. */
  private scoreOf(node: number): number {
    if (this.mask !== null && this.mask[node] !== 1) return NaN;
    for (const filter of FILTERS) if (!filter.passes(this.state, this.vm, node)) return NaN;
    return this.scorer(this.state, this.vm, node);
  }

  /** No node in subtree i has room for the VM (or none is up): the capacity filter rejects them all. */
  private roomless(i: number): boolean {
    const { index } = this.state;
    const vm = this.vm;
    return this.freeCpu[i]! < index.vmCpu[vm]! - ROOM_SLACK || this.freeMem[i]! < index.vmMem[vm]! - ROOM_SLACK || this.freeGpu[i]! < index.vmGpus[vm]!;
  }

  private bound(i: number): number {
    return this.scoreBound(this.subtreeLoads(i), this.state);
  }

  /** Search 1: raises `top` to the highest passing score in subtree i, within TOP_SLACK. */
  private searchTop(i: number, lo: number, hi: number): void {
    if (this.nodeAt[lo] === NO_INDEX || this.roomless(i)) return;
    if (i >= this.size) {
      const score = this.scoreOf(this.nodeAt[lo]!);
      if (score > this.top) this.top = score;
      return;
    }
    const mid = (lo + hi) >> 1;
    const left = this.bound(2 * i);
    const right = this.bound(2 * i + 1);
    // The likelier subtree first, so the top rises early and prunes more.
    if (right > left) {
      if (!(right <= this.top + TOP_SLACK)) this.searchTop(2 * i + 1, mid + 1, hi);
      if (!(left <= this.top + TOP_SLACK)) this.searchTop(2 * i, lo, mid);
    } else {
      if (!(left <= this.top + TOP_SLACK)) this.searchTop(2 * i, lo, mid);
      if (!(right <= this.top + TOP_SLACK)) this.searchTop(2 * i + 1, mid + 1, hi);
    }
  }

  /**
   * Search 2 within one class (positions from..to, in name order): the first passing node there
   * scoring at least `near` and coming before `before` (NO_INDEX: no limit); its score in firstScore.
   */
  private searchFirst(i: number, lo: number, hi: number, from: number, to: number, near: number, before: number): number {
    if (hi < from || lo > to) return NO_INDEX;
    const start = Math.max(lo, from);
    const firstNode = this.nodeAt[start]!;
    if (firstNode === NO_INDEX || (before !== NO_INDEX && firstNode >= before) || this.roomless(i)) return NO_INDEX;
    // A subtree reaching past the class mixes capacities: its bound is loose, so only the class's own are judged.
    if (lo >= from && hi <= to && this.bound(i) + BOUND_SLACK < near) return NO_INDEX;
    if (i >= this.size) {
      const score = this.scoreOf(firstNode);
      if (!(score >= near)) return NO_INDEX;
      this.firstScore = score;
      return firstNode;
    }
    const mid = (lo + hi) >> 1;
    const left = this.searchFirst(2 * i, lo, mid, from, to, near, before);
    return left !== NO_INDEX ? left : this.searchFirst(2 * i + 1, mid + 1, hi, from, to, near, before);
  }

  /** The scan itself (pipeline.ts bestNode), for near-ties whose order decides. */
  private scan(): number {
    let best = NO_INDEX;
    let bestScore = -Infinity;
    for (let node = 0; node < this.state.index.nodeCount; node++) {
      const score = this.scoreOf(node);
      if (score > bestScore + SCORE_TIE) {
        best = node;
        bestScore = score;
      }
    }
    return best;
  }

  private subtreeLoads(i: number): SubtreeLoads {
    const { loads, stats } = this;
    let lowAdded = 0;
    let highAdded = 0;
    for (let k = 0; k < loads.count; k++) {
      const base = this.slots[k]! * STATS;
      const q = this.requested[k]!;
      const held = this.diskMayBeHeld && k === 2;
      // A held disk may take nothing more on its node: the load can be as low as the fraction used.
      loads.low[k] = stats[base + MIN_FRACTION]![i]! + (held ? 0 : q * stats[base + MIN_INVERSE]![i]!);
      loads.high[k] = stats[base + MAX_FRACTION]![i]! + q * stats[base + MAX_INVERSE]![i]!;
      const maxInverse = stats[base + MAX_INVERSE]![i]!;
      loads.aligned[k] = q * (stats[base + MAX_FREE_SHARE]![i]! + (held ? q * maxInverse * maxInverse : 0));
      lowAdded += held ? 0 : q * stats[base + MIN_INVERSE]![i]!;
      highAdded += q * maxInverse;
    }
    loads.lowSum = this.minSum[this.kind]![i]! + lowAdded;
    loads.highSum = this.maxSum[this.kind]![i]! + highAdded;
    return loads;
  }

  private setEmpty(i: number): void {
    this.freeCpu[i] = -Infinity;
    this.freeMem[i] = -Infinity;
    this.freeGpu[i] = -Infinity;
    for (let slot = 0; slot * STATS < this.stats.length; slot++) this.setSlotEmpty(slot, i);
    for (let kind = 0; kind < this.minSum.length; kind++) {
      this.minSum[kind]![i] = Infinity;
      this.maxSum[kind]![i] = -Infinity;
    }
  }

  private setSlotEmpty(slot: number, i: number): void {
    const base = slot * STATS;
    this.stats[base + MIN_FRACTION]![i] = Infinity;
    this.stats[base + MAX_FRACTION]![i] = -Infinity;
    this.stats[base + MIN_INVERSE]![i] = Infinity;
    this.stats[base + MAX_INVERSE]![i] = -Infinity;
    this.stats[base + MAX_FREE_SHARE]![i] = -Infinity;
  }

  private setSlot(slot: number, i: number, used: number, capacity: number): void {
    const base = slot * STATS;
    // loadsAfter counts a zero capacity as empty, and dotProduct skips it: fraction and share 0.
    const fraction = capacity > 0 ? used / capacity : 0;
    const inverse = capacity > 0 ? 1 / capacity : 0;
    this.stats[base + MIN_FRACTION]![i] = fraction;
    this.stats[base + MAX_FRACTION]![i] = fraction;
    this.stats[base + MIN_INVERSE]![i] = inverse;
    this.stats[base + MAX_INVERSE]![i] = inverse;
    this.stats[base + MAX_FREE_SHARE]![i] = capacity > 0 ? (capacity - used) / (capacity * capacity) : 0;
  }

  private setLeaf(node: number): void {
    const { state } = this;
    const { index } = state;
    const leaf = this.positionOf[node]! + this.size;
    if (state.nodeUp[node] !== 1) {
      this.setEmpty(leaf);
      return;
    }
    this.freeCpu[leaf] = index.cpuCap[node]! - state.cpuUsed[node]!;
    this.freeMem[leaf] = index.memCap[node]! - state.memUsed[node]!;
    this.freeGpu[leaf] = index.gpuCap[node]! - state.gpuUsed[node]!;
    this.setSlot(CPU, leaf, state.cpuUsed[node]!, index.cpuCap[node]!);
    this.setSlot(MEM, leaf, state.memUsed[node]!, index.memCap[node]!);
    this.setSlot(GPU, leaf, state.gpuUsed[node]!, index.gpuCap[node]!);
    this.localPools.forEach((pool, k) => {
      const instance = index.instanceAt[pool * index.nodeCount + node]!;
      if (instance === NO_INDEX) this.setSlotEmpty(FIRST_DISK + k, leaf);
      else this.setSlot(FIRST_DISK + k, leaf, state.instanceUsed[instance]!, index.instanceCap[instance]!);
    });
    const fraction = (slot: number): number => this.stats[slot * STATS + MIN_FRACTION]![leaf]!;
    for (let kind = 0; kind < this.minSum.length; kind++) {
      const disk = kind >> 1;
      let sum = fraction(CPU) + fraction(MEM);
      if (disk > 0) sum += fraction(FIRST_DISK + disk - 1);
      if ((kind & 1) === 1) sum += fraction(GPU);
      // A node without the pool's instance holds no VM of that pool: empty for that kind.
      this.minSum[kind]![leaf] = sum === Infinity ? Infinity : sum;
      this.maxSum[kind]![leaf] = sum === Infinity ? -Infinity : sum;
    }
  }

  private pull(i: number): void {
    const left = 2 * i;
    const right = left + 1;
    this.freeCpu[i] = Math.max(this.freeCpu[left]!, this.freeCpu[right]!);
    this.freeMem[i] = Math.max(this.freeMem[left]!, this.freeMem[right]!);
    this.freeGpu[i] = Math.max(this.freeGpu[left]!, this.freeGpu[right]!);
    for (let kind = 0; kind < this.minSum.length; kind++) {
      this.minSum[kind]![i] = Math.min(this.minSum[kind]![left]!, this.minSum[kind]![right]!);
      this.maxSum[kind]![i] = Math.max(this.maxSum[kind]![left]!, this.maxSum[kind]![right]!);
    }
    const s = this.stats;
    for (let base = 0; base < s.length; base += STATS) {
      s[base + MIN_FRACTION]![i] = Math.min(s[base + MIN_FRACTION]![left]!, s[base + MIN_FRACTION]![right]!);
      s[base + MAX_FRACTION]![i] = Math.max(s[base + MAX_FRACTION]![left]!, s[base + MAX_FRACTION]![right]!);
      s[base + MIN_INVERSE]![i] = Math.min(s[base + MIN_INVERSE]![left]!, s[base + MIN_INVERSE]![right]!);
      s[base + MAX_INVERSE]![i] = Math.max(s[base + MAX_INVERSE]![left]!, s[base + MAX_INVERSE]![right]!);
      s[base + MAX_FREE_SHARE]![i] = Math.max(s[base + MAX_FREE_SHARE]![left]!, s[base + MAX_FREE_SHARE]![right]!);
    }
  }
}
