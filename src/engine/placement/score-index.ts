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
import { scarcityWeights, type ScarcityWeights } from './scorers/weights.js';
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

// Per tree node, one record of STRIDE doubles: the free room, then STATS per slot, then the sums per VM kind.
const FREE_CPU = 0;
const FREE_MEM = 1;
const FREE_GPU = 2;
/** Most w_cpu·d_cpu·f_cpu + w_mem·d_mem·f_mem, f = free/capacity², d the typical VM (alignedCpuMem). */
const JOINT = 3;
const FIRST_STAT = 4;
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
  /** Per capacity class, the tree nodes that cover exactly its positions, left to right, as [i, lo, hi] triples. */
  private readonly classCover: Int32Array[];
  /**
   * Tree node i's record at agg[i * stride ..]: free CPU, memory, GPUs; STATS per slot; then per
   * VM kind (2 × disk + gpu, disk 0 for a shared pool or 1 + the local pool's number, gpu 1 when
   * the VM asks for GPUs) the least and most sum of used fractions over the kind's slots.
   */
  private readonly agg: Float64Array;
  private readonly stride: number;
  private readonly firstSum: number;
  private readonly kinds: number;
  /** 1 where a parent takes the smaller of its children's values, 0 the larger. */
  private readonly takesMin: Uint8Array;
  /** Nodes changed since the last choice; the tree catches up before the next (several changes to one node cost one). */
  private readonly dirty: number[] = [];
  private readonly isDirty: Uint8Array;
  private kind = 0;
  private readonly weights: ScarcityWeights;
  /** The commonest VM size (vCPUs, GiB), the direction of JOINT. */
  private readonly typicalCpu: number;
  private readonly typicalMem: number;
  /** For the VM in flight: the largest t with t × typical <= its request, per resource. */
  private typicalShare = 0;
  /** Slot of each local pool's disk, NO_INDEX for a shared pool. */
  private readonly diskSlot: Int32Array;
  private readonly localPools: number[];
  private readonly loads: SubtreeLoads = {
    count: 0,
    low: new Float64Array(LOAD_BOUND_SLOTS),
    high: new Float64Array(LOAD_BOUND_SLOTS),
    aligned: new Float64Array(LOAD_BOUND_SLOTS),
    alignedCpuMem: 0,
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
    this.classCover = [];
    let position = 0;
    for (const members of classes.values()) {
      const from = position;
      for (const node of members) {
        this.positionOf[node] = position;
        this.nodeAt[position++] = node;
      }
      const cover: number[] = [];
      this.cover(1, 0, size - 1, from, position - 1, cover);
      this.classCover.push(Int32Array.from(cover));
    }
    this.weights = scarcityWeights(index);
    [this.typicalCpu, this.typicalMem] = commonestSize(index.vmCpu, index.vmMem);
    const slotCount = FIRST_DISK + this.localPools.length;
    this.kinds = 2 * (1 + this.localPools.length);
    this.firstSum = FIRST_STAT + slotCount * STATS;
    this.stride = this.firstSum + 2 * this.kinds;
    this.takesMin = new Uint8Array(this.stride);
    for (let slot = 0; slot < slotCount; slot++) {
      this.takesMin[FIRST_STAT + slot * STATS + MIN_FRACTION] = 1;
      this.takesMin[FIRST_STAT + slot * STATS + MIN_INVERSE] = 1;
    }
    for (let kind = 0; kind < this.kinds; kind++) this.takesMin[this.firstSum + 2 * kind] = 1;
    this.agg = new Float64Array(2 * size * this.stride);
    this.isDirty = new Uint8Array(nodeCount);
    for (let i = 0; i < 2 * size; i++) this.setEmpty(i);
    for (let node = 0; node < nodeCount; node++) this.setLeaf(node);
    for (let i = size - 1; i >= 1; i--) this.pull(i);
  }

  /** Call after the state changed on `node` (a VM assigned or stopped, the node failed or came back). */
  update(node: number): void {
    if (this.isDirty[node] === 1) return;
    this.isDirty[node] = 1;
    this.dirty.push(node);
  }

  /**
   * The node the scan of every node picks for `vm` (the highest score among the nodes that pass
   * FILTERS, restricted to `mask` when given, the first in name order within 1e-12), NO_INDEX
   * when none passes.
   */
  choose(vm: number, mask: Uint8Array | null): number {
    this.catchUp();
    this.prepare(vm, mask);
    this.top = -Infinity;
    this.searchTop(1, 0, this.size - 1);
    // Every subtree was searched down to its leaves or shown to hold no passing node.
    if (this.top === -Infinity) return NO_INDEX;
    const near = this.top - NEAR_TOP;
    let first = NO_INDEX;
    let firstScore = -Infinity;
    for (const cover of this.classCover) {
      for (let k = 0; k < cover.length; k += 3) {
        const found = this.searchFirst(cover[k]!, cover[k + 1]!, cover[k + 2]!, near, first);
        if (found !== NO_INDEX) {
          first = found;
          firstScore = this.firstScore;
          break;
        }
      }
    }
    return first !== NO_INDEX && firstScore >= this.top - CLEAR_OF_TIES ? first : this.scan();
  }

  private catchUp(): void {
    for (const node of this.dirty) {
      this.isDirty[node] = 0;
      this.setLeaf(node);
      // An ancestor whose record does not change leaves the ones above it as they are.
      for (let i = (this.positionOf[node]! + this.size) >> 1; i >= 1 && this.pull(i); i >>= 1);
    }
    this.dirty.length = 0;
  }

  /** The tree nodes covering positions from..to exactly, left to right. */
  private cover(i: number, lo: number, hi: number, from: number, to: number, out: number[]): void {
    if (hi < from || lo > to) return;
    if (lo >= from && hi <= to) {
      out.push(i, lo, hi);
      return;
    }
    const mid = (lo + hi) >> 1;
    this.cover(2 * i, lo, mid, from, to, out);
    this.cover(2 * i + 1, mid + 1, hi, from, to, out);
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
    this.typicalShare = Math.min(this.typicalCpu > 0 ? index.vmCpu[vm]! / this.typicalCpu : Infinity, this.typicalMem > 0 ? index.vmMem[vm]! / this.typicalMem : Infinity);
    if (this.typicalShare === Infinity) this.typicalShare = 0;
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
    const at = i * this.stride;
    return this.agg[at + FREE_CPU]! < index.vmCpu[vm]! - ROOM_SLACK || this.agg[at + FREE_MEM]! < index.vmMem[vm]! - ROOM_SLACK || this.agg[at + FREE_GPU]! < index.vmGpus[vm]!;
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
   * Search 2 in subtree i, which lies inside one class (positions in name order): the first
   * passing node scoring at least `near` and coming before `before` (NO_INDEX: no limit); its
   * score in firstScore.
   */
  private searchFirst(i: number, lo: number, hi: number, near: number, before: number): number {
    const firstNode = this.nodeAt[lo]!;
    if (firstNode === NO_INDEX || (before !== NO_INDEX && firstNode >= before) || this.roomless(i)) return NO_INDEX;
    if (this.bound(i) + BOUND_SLACK < near) return NO_INDEX;
    if (i >= this.size) {
      const score = this.scoreOf(firstNode);
      if (!(score >= near)) return NO_INDEX;
      this.firstScore = score;
      return firstNode;
    }
    const mid = (lo + hi) >> 1;
    const left = this.searchFirst(2 * i, lo, mid, near, before);
    return left !== NO_INDEX ? left : this.searchFirst(2 * i + 1, mid + 1, hi, near, before);
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
    const { loads, agg } = this;
    const at = i * this.stride;
    let lowAdded = 0;
    let highAdded = 0;
    for (let k = 0; k < loads.count; k++) {
      const base = at + FIRST_STAT + this.slots[k]! * STATS;
      const q = this.requested[k]!;
      const held = this.diskMayBeHeld && k === 2;
      const minInverse = agg[base + MIN_INVERSE]!;
      const maxInverse = agg[base + MAX_INVERSE]!;
      // A held disk may take nothing more on its node: the load can be as low as the fraction used.
      const lowAdd = held ? 0 : q * minInverse;
      loads.low[k] = agg[base + MIN_FRACTION]! + lowAdd;
      loads.high[k] = agg[base + MAX_FRACTION]! + q * maxInverse;
      loads.aligned[k] = q * (agg[base + MAX_FREE_SHARE]! + (held ? q * maxInverse * maxInverse : 0));
      lowAdded += lowAdd;
      highAdded += q * maxInverse;
    }
    // Split the request into t × typical plus a non-negative rest: the typical part is bounded
    // jointly (one node's CPU and memory together), the rest per resource.
    const t = this.typicalShare;
    const cpuShare = agg[at + FIRST_STAT + CPU * STATS + MAX_FREE_SHARE]!;
    const memShare = agg[at + FIRST_STAT + MEM * STATS + MAX_FREE_SHARE]!;
    const joint = t === 0 ? 0 : t * agg[at + JOINT]!;
    loads.alignedCpuMem = joint + this.weights.cpu * (this.requested[0]! - t * this.typicalCpu) * cpuShare + this.weights.memGiB * (this.requested[1]! - t * this.typicalMem) * memShare;
    loads.lowSum = agg[at + this.firstSum + 2 * this.kind]! + lowAdded;
    loads.highSum = agg[at + this.firstSum + 2 * this.kind + 1]! + highAdded;
    return loads;
  }

  private setEmpty(i: number): void {
    const at = i * this.stride;
    for (let k = 0; k < this.stride; k++) this.agg[at + k] = this.takesMin[k] === 1 ? Infinity : -Infinity;
  }

  private setSlotEmpty(slot: number, at: number): void {
    const base = at + FIRST_STAT + slot * STATS;
    this.agg[base + MIN_FRACTION] = Infinity;
    this.agg[base + MAX_FRACTION] = -Infinity;
    this.agg[base + MIN_INVERSE] = Infinity;
    this.agg[base + MAX_INVERSE] = -Infinity;
    this.agg[base + MAX_FREE_SHARE] = -Infinity;
  }

  private setSlot(slot: number, at: number, used: number, capacity: number): void {
    const base = at + FIRST_STAT + slot * STATS;
    // loadsAfter counts a zero capacity as empty, and dotProduct skips it: fraction and share 0.
    const fraction = capacity > 0 ? used / capacity : 0;
    const inverse = capacity > 0 ? 1 / capacity : 0;
    this.agg[base + MIN_FRACTION] = fraction;
    this.agg[base + MAX_FRACTION] = fraction;
    this.agg[base + MIN_INVERSE] = inverse;
    this.agg[base + MAX_INVERSE] = inverse;
    this.agg[base + MAX_FREE_SHARE] = capacity > 0 ? (capacity - used) / (capacity * capacity) : 0;
  }

  private setLeaf(node: number): void {
    const { state, agg } = this;
    const { index } = state;
    const at = (this.positionOf[node]! + this.size) * this.stride;
    if (state.nodeUp[node] !== 1) {
      this.setEmpty(this.positionOf[node]! + this.size);
      return;
    }
    agg[at + FREE_CPU] = index.cpuCap[node]! - state.cpuUsed[node]!;
    agg[at + FREE_MEM] = index.memCap[node]! - state.memUsed[node]!;
    agg[at + FREE_GPU] = index.gpuCap[node]! - state.gpuUsed[node]!;
    this.setSlot(CPU, at, state.cpuUsed[node]!, index.cpuCap[node]!);
    this.setSlot(MEM, at, state.memUsed[node]!, index.memCap[node]!);
    this.setSlot(GPU, at, state.gpuUsed[node]!, index.gpuCap[node]!);
    const share = (slot: number): number => agg[at + FIRST_STAT + slot * STATS + MAX_FREE_SHARE]!;
    agg[at + JOINT] = this.weights.cpu * this.typicalCpu * share(CPU) + this.weights.memGiB * this.typicalMem * share(MEM);
    for (let k = 0; k < this.localPools.length; k++) {
      const instance = index.instanceAt[this.localPools[k]! * index.nodeCount + node]!;
      if (instance === NO_INDEX) this.setSlotEmpty(FIRST_DISK + k, at);
      else this.setSlot(FIRST_DISK + k, at, state.instanceUsed[instance]!, index.instanceCap[instance]!);
    }
    const fraction = (slot: number): number => agg[at + FIRST_STAT + slot * STATS + MIN_FRACTION]!;
    for (let kind = 0; kind < this.kinds; kind++) {
      const disk = kind >> 1;
      let sum = fraction(CPU) + fraction(MEM);
      if (disk > 0) sum += fraction(FIRST_DISK + disk - 1);
      if ((kind & 1) === 1) sum += fraction(GPU);
      // A node without the pool's instance holds no VM of that pool: empty for that kind.
      agg[at + this.firstSum + 2 * kind] = sum;
      agg[at + this.firstSum + 2 * kind + 1] = sum === Infinity ? -Infinity : sum;
    }
  }

  /** Recomputes tree node i from its children; whether its record changed. */
  private pull(i: number): boolean {
    const { agg, stride, takesMin } = this;
    const at = i * stride;
    const left = 2 * i * stride;
    const right = left + stride;
    let changed = false;
    for (let k = 0; k < stride; k++) {
      const a = agg[left + k]!;
      const b = agg[right + k]!;
      const value = takesMin[k] === 1 ? (a < b ? a : b) : a > b ? a : b;
      if (value !== agg[at + k]) {
        agg[at + k] = value;
        changed = true;
      }
    }
    return changed;
  }
}

/** The (vCPUs, memory) pair most VMs ask for, the first met on a tie; (0, 0) without VMs. */
function commonestSize(cpu: Float64Array, mem: Float64Array): [number, number] {
  const counts = new Map<string, number>();
  let best: [number, number] = [0, 0];
  let bestCount = 0;
  for (let vm = 0; vm < cpu.length; vm++) {
    const key = `${cpu[vm]}|${mem[vm]}`;
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    if (count > bestCount) {
      bestCount = count;
      best = [cpu[vm]!, mem[vm]!];
    }
  }
  return best;
}
