/**
 * Exact branch-and-bound for vector bin packing: "do the items fit in T bins?", asked for
 * T = incumbent - 1, incumbent - 2, ... down to the lower bound.
 *
 * Search: items in a fixed order (a greedy clique first, each pre-placed in its own bin, since
 * clique items can never share one; then the rest by decreasing L2 size); each item goes to an
 * open bin with room or to the first empty bin (bins are interchangeable, so opening "the
 * first empty" one removes the T! relabellings). Identical items go to non-decreasing bins.
 * Pruning (a waste bound): after placing items order[0..p-1], a bin is closed when, in some
 * dimension k, its residual r[b][k] is below the smallest size in k among the items left
 * (suffix minimum over the order); a closed bin's residual is wasted in every dimension, so
 *   for all k:  sum over items left of s[i][k]  <=  sum over open bins of r[b][k]
 * must hold, else backtrack.
 * Outcome: a packing in T bins (the incumbent improves), or an exhausted tree (T is infeasible,
 * so incumbent = T + 1 is optimal and T + 1 is a proven lower bound). When the node or time
 * budget runs out first, nothing is claimed.
 * Reference: Martello & Toth's MTP for bin packing (1990), vector form as in Caprara & Toth
 * 2001; the suffix-minimum waste argument is this file's own.
 * Complexity: exponential in the worst case; O(T d) per node. Budget: options.maxNodes nodes per
 * target (deterministic; default EXACT_NODES), and options.expired (a safety net); above MAX_ITEMS
 * items only the start packing and the bounds are returned. options.onProgress hears the nodes
 * spent against that budget every CLOCK_EVERY nodes (a progress bar; nothing depends on it).
 * Guard: the waste bound sums up to n sizes of at most C[k] in doubles, exact only while
 * n * C[k] <= 2^53 - 1; beyond, the search claims nothing (`unknown`) rather than round.
 */
import { firstFitDecreasing } from './first-fit-decreasing.js';
import { itemCount, type PackOptions, type Packing, type VbpInstance } from './instance.js';
import { greedyClique } from './lower-bound-clique.js';
import { simpleLowerBound } from './lower-bound.js';
import { decreasingOrder, measureOf } from './size-measures.js';

export interface ExactOptions extends PackOptions {
  /** A known packing to improve on (default: FFD by L2). */
  readonly start?: Packing;
  /** A proven lower bound (default: the cheap bounds). */
  readonly lowerBound?: number;
  /** Search nodes allowed per target T (default EXACT_NODES). */
  readonly maxNodes?: number;
}

/** Search nodes per target T by default: a few seconds on a 2-core machine. */
export const EXACT_NODES = 2_000_000;

const CLOCK_EVERY = 4096;
const MAX_ITEMS = 2_000;

export function exactSearch(instance: VbpInstance, options: ExactOptions): Packing & { lowerBound: number } {
  let incumbent = options.start ?? firstFitDecreasing(instance, 'l2');
  let lowerBound = Math.max(options.lowerBound ?? 0, simpleLowerBound(instance));
  // The search recurses once per item; far beyond this size it could not finish anyway.
  if (itemCount(instance) > MAX_ITEMS) return { ...incumbent, lowerBound };
  // Progress: the nodes spent on earlier targets, plus this target's, plus the budget of every
  // target still possible below it (each outcome lowers the incumbent or ends the loop).
  const maxNodes = options.maxNodes ?? EXACT_NODES;
  let spent = 0;
  while (incumbent.bins > lowerBound) {
    const later = (incumbent.bins - 1 - lowerBound) * maxNodes;
    let current = 0;
    const onProgress = (done: number, total: number): void => {
      current = done;
      options.onProgress?.(spent + done, spent + total + later);
    };
    const outcome = packInto(instance, incumbent.bins - 1, { ...options, onProgress });
    spent += current;
    if (outcome === 'infeasible') lowerBound = incumbent.bins;
    else if (outcome === 'unknown') break;
    else incumbent = outcome;
  }
  return { ...incumbent, lowerBound };
}

export function packInto(instance: VbpInstance, target: number, options: ExactOptions): Packing | 'infeasible' | 'unknown' {
  const { dims, capacity, sizes } = instance;
  const n = itemCount(instance);
  const maxNodes = options.maxNodes ?? EXACT_NODES;
  const byL2 = decreasingOrder(measureOf(instance, 'l2'));
  const clique = greedyClique(instance, decreasingOrder(measureOf(instance, 'linf')));
  if (clique.length > target) return 'infeasible';
  if (capacity.some((cap) => n * cap > Number.MAX_SAFE_INTEGER)) return 'unknown';
  const inClique = new Uint8Array(n);
  for (const item of clique) inClique[item] = 1;
  const order = Int32Array.from([...clique, ...Array.from(byL2).filter((item) => inClique[item] === 0)]);

  const suffixMin = new Float64Array((n + 1) * dims).fill(Infinity);
  const suffixSum = new Float64Array((n + 1) * dims);
  for (let p = n - 1; p >= 0; p--) {
    for (let k = 0; k < dims; k++) {
      const size = sizes[order[p]! * dims + k]!;
      suffixMin[p * dims + k] = Math.min(size, suffixMin[(p + 1) * dims + k]!);
      suffixSum[p * dims + k] = size + suffixSum[(p + 1) * dims + k]!;
    }
  }
  // sameAsPrevious[p]: order[p] has the sizes of order[p-1] (and neither is a clique item).
  const sameAsPrevious = new Uint8Array(n);
  for (let p = clique.length + 1; p < n; p++) {
    let same = 1;
    for (let k = 0; k < dims && same; k++) if (sizes[order[p]! * dims + k] !== sizes[order[p - 1]! * dims + k]) same = 0;
    sameAsPrevious[p] = same;
  }

  const residual = new Float64Array(target * dims);
  for (let bin = 0; bin < target; bin++) for (let k = 0; k < dims; k++) residual[bin * dims + k] = capacity[k]!;
  const binAt = new Int32Array(n).fill(-1);
  let nodes = 0;
  let stopped = false;
  // Every CLOCK_EVERY nodes: the progress so far, then the caller's safety net.
  const lookAtClock = (): boolean => {
    options.onProgress?.(nodes, maxNodes);
    return options.expired?.() === true;
  };

  const feasibleWaste = (p: number, opened: number): boolean => {
    for (let k = 0; k < dims; k++) {
      let room = (target - opened) * capacity[k]!;
      for (let bin = 0; bin < opened; bin++) {
        let closed = false;
        for (let j = 0; j < dims && !closed; j++) closed = residual[bin * dims + j]! < suffixMin[p * dims + j]!;
        if (!closed) room += residual[bin * dims + k]!;
      }
      if (suffixSum[p * dims + k]! > room) return false;
    }
    return true;
  };

  const search = (p: number, opened: number): boolean => {
    if (p === n) return true;
    if (++nodes > maxNodes || (nodes % CLOCK_EVERY === 0 && lookAtClock())) {
      stopped = true;
      return false;
    }
    if (!feasibleWaste(p, opened)) return false;
    const item = order[p]!;
    const row = item * dims;
    const firstBin = sameAsPrevious[p] ? binAt[p - 1]! : 0;
    const lastBin = p < clique.length ? p : Math.min(opened, target - 1);
    for (let bin = p < clique.length ? p : firstBin; bin <= lastBin; bin++) {
      let k = 0;
      while (k < dims && residual[bin * dims + k]! >= sizes[row + k]!) k++;
      if (k < dims) continue;
      for (k = 0; k < dims; k++) residual[bin * dims + k] -= sizes[row + k]!;
      binAt[p] = bin;
      if (search(p + 1, bin === opened ? opened + 1 : opened)) return true;
      for (k = 0; k < dims; k++) residual[bin * dims + k] += sizes[row + k]!;
      if (stopped) return false;
    }
    return false;
  };

  const found = search(0, 0);
  options.onProgress?.(Math.min(nodes, maxNodes), Math.min(nodes, maxNodes));
  if (found) {
    const binOf = new Int32Array(n);
    for (let p = 0; p < n; p++) binOf[order[p]!] = binAt[p]!;
    return renumber({ bins: target, binOf });
  }
  return stopped ? 'unknown' : 'infeasible';
}

/** Drops bins left empty and numbers the rest in order of first use. */
function renumber(packing: Packing): Packing {
  const map = new Int32Array(packing.bins).fill(-1);
  let bins = 0;
  const binOf = packing.binOf.map((bin) => (map[bin] === -1 ? (map[bin] = bins++) : map[bin]!));
  return { bins, binOf };
}
