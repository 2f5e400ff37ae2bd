/**
 * Multidimensional 0-1 knapsack by depth-first branch-and-bound: the pricing problem of column
 * generation (find the pattern of largest total dual value).
 *
 *   maximise  sum_i v[i] x[i]   subject to  sum_i s[i][k] x[i] <= C[k] for every k,  x in {0,1}.
 *
 * Items with v <= 0 never help and are dropped. The rest are sorted by efficiency
 * v[i] / a[i], with a[i] = sum_k s[i][k] / C[k] (a surrogate size: adding the d constraints,
 * each divided by C[k], gives the valid constraint sum_i a[i] x[i] <= d). At a node, the bound
 * is the smallest of d + 1 Dantzig fractional bounds over the undecided items: the surrogate
 * one (room sum_k r[k] / C[k], counting only items that fit the residual on their own), and
 * one per dimension k (room r[k], items by v / s[k]); each is a relaxation, so the minimum is
 * too, and the node is pruned as soon as one of them falls to the incumbent. Branch "take"
 * first.
 * Reference: Martello & Toth, "Knapsack Problems" (1990), 2.2 (Dantzig bound) and 2.5
 * (depth-first branch-and-bound); Glover 1965 (surrogate constraints).
 * Convention: exact unless the node budget runs out, which the result reports (exact = false)
 * together with a valid upper bound (the root's relaxation bound, computed with best = 0).
 * Complexity: exponential worst case; O(n d) per node, O(d n log n) to set up.
 */
import type { VbpInstance } from './instance.js';

export interface KnapsackResult {
  readonly value: number;
  readonly items: Int32Array;
  /** True when the search finished, so `value` is the optimum. */
  readonly exact: boolean;
  /** A proven upper bound on the optimum: `value` when exact, else the root relaxation's bound. */
  readonly upperBound: number;
  /** Search nodes used (for callers that budget effort across calls). */
  readonly nodes: number;
  /**
   * Other patterns of value above 1 seen on the way (when `alternatives` > 0): the incumbents
   * before `items`, best first, then up to `alternatives` more by decreasing value. Column
   * generation adds them all, which cuts its iterations (and exact pricings) several times.
   */
  readonly runnersUp: Int32Array[];
}

export function maxValuePattern(
  instance: VbpInstance,
  candidates: Int32Array,
  values: Float64Array,
  maxNodes: number,
  { capacity = instance.capacity, alternatives = 0 }: { capacity?: ArrayLike<number>; alternatives?: number } = {},
): KnapsackResult {
  const { dims, sizes } = instance;
  const items = Array.from(candidates).filter((item) => values[item]! > 1e-12);
  const surrogate = (item: number) => {
    let total = 0;
    for (let k = 0; k < dims; k++) total += sizes[item * dims + k]! / capacity[k]!;
    return Math.max(total, 1e-12);
  };
  const efficiency = new Map(items.map((item) => [item, values[item]! / surrogate(item)]));
  items.sort((a, b) => efficiency.get(b)! - efficiency.get(a)! || a - b);
  const count = items.length;
  const area = Float64Array.from(items, surrogate);
  const value = Float64Array.from(items, (item) => values[item]!);

  // byDimension[k]: positions by decreasing v / s[k] (zero sizes first, they cost no room).
  const byDimension = Array.from({ length: dims }, (_, k) => {
    const ratio = (position: number) => value[position]! / Math.max(sizes[items[position]! * dims + k]!, 1e-12);
    return Int32Array.from({ length: count }, (_, position) => position).sort((a, b) => ratio(b) - ratio(a) || a - b);
  });
  const residual = Float64Array.from(capacity);
  const chosen = new Uint8Array(count);
  let best = 0;
  const improvements: Uint8Array[] = [];
  const others: Array<{ set: Uint8Array; value: number }> = [];
  let bestSet = new Uint8Array(count);
  let nodes = 0;
  let exact = true;

  const fitsAlone = (position: number) => {
    const row = items[position]! * dims;
    for (let k = 0; k < dims; k++) if (sizes[row + k]! > residual[k]!) return false;
    return true;
  };
  const bound = (position: number, gained: number) => {
    let room = 0;
    for (let k = 0; k < dims; k++) room += residual[k]! / capacity[k]!;
    let total = gained;
    for (let p = position; p < count && room > 0; p++) {
      if (!fitsAlone(p)) continue;
      if (area[p]! <= room) {
        total += value[p]!;
        room -= area[p]!;
      } else {
        total += (value[p]! * room) / area[p]!;
        room = 0;
      }
    }
    if (total <= best + 1e-12) return total;
    for (let k = 0; k < dims; k++) {
      let dimensionRoom = residual[k]!;
      let dimensionTotal = gained;
      for (const p of byDimension[k]!) {
        if (p < position) continue;
        const size = sizes[items[p]! * dims + k]!;
        if (size <= dimensionRoom) {
          dimensionTotal += value[p]!;
          dimensionRoom -= size;
        } else {
          dimensionTotal += (value[p]! * dimensionRoom) / size;
          break;
        }
      }
      if (dimensionTotal < total) total = dimensionTotal;
      if (total <= best + 1e-12) return total;
    }
    return total;
  };
  // `grown`: the last step took an item, so `chosen` is a set not seen before (a "skip" step
  // repeats its parent's set, which must not fill the alternatives with copies).
  const search = (position: number, gained: number, grown: boolean): void => {
    if (gained > best + 1e-12) {
      best = gained;
      bestSet = chosen.slice();
      improvements.push(bestSet);
    } else if (grown && alternatives > 0 && gained > 1 + 1e-9) {
      // Kept in a buffer trimmed to the best `alternatives` now and then, not a heap: cheaper.
      others.push({ set: chosen.slice(), value: gained });
      if (others.length > 4 * alternatives) trimToBest(others, alternatives);
    }
    if (position === count) return;
    if (++nodes > maxNodes) {
      exact = false;
      return;
    }
    if (bound(position, gained) <= best + 1e-12) return;
    if (fitsAlone(position)) {
      const row = items[position]! * dims;
      for (let k = 0; k < dims; k++) residual[k] -= sizes[row + k]!;
      chosen[position] = 1;
      search(position + 1, gained + value[position]!, true);
      chosen[position] = 0;
      for (let k = 0; k < dims; k++) residual[k] += sizes[row + k]!;
    }
    if (exact) search(position + 1, gained, false);
  };
  const rootBound = bound(0, 0);
  search(0, 0, false);
  const members = (set: Uint8Array) => Int32Array.from(items.filter((_, position) => set[position] === 1));
  trimToBest(others, alternatives);
  const runnersUp = alternatives > 0 ? [...improvements.slice(0, -1).reverse(), ...others.map((other) => other.set)].map(members) : [];
  return { value: best, items: members(bestSet), exact, upperBound: exact ? best : Math.max(best, rootBound), nodes, runnersUp };
}

function trimToBest(patterns: Array<{ value: number }>, keep: number): void {
  patterns.sort((a, b) => b.value - a.value);
  patterns.length = Math.min(patterns.length, keep);
}
