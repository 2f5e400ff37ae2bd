/**
 * Multidimensional 0-1 knapsack by depth-first branch-and-bound: the pricing problem of column
 * generation (find the pattern of largest total dual value).
 *
 *   maximise  sum_i v[i] x[i]   subject to  sum_i s[i][k] x[i] <= C[k] for every k,  x in {0,1}.
 *
 * Items with v <= 0 never help and are dropped. The rest are sorted by efficiency
 * v[i] / a[i], with a[i] = sum_k s[i][k] / C[k] (a surrogate size: adding the d constraints,
 * each divided by C[k], gives the valid constraint sum_i a[i] x[i] <= d). At a node, the bound
 * is the Dantzig fractional bound of that surrogate over the items still undecided that fit the
 * residual capacity on their own, with surrogate room sum_k r[k] / C[k]. Branch "take" first.
 * Reference: Martello & Toth, "Knapsack Problems" (1990), 2.2 (Dantzig bound) and 2.5
 * (depth-first branch-and-bound); Glover 1965 (surrogate constraints).
 * Convention: exact unless the node budget runs out, which the result reports (exact = false).
 * Complexity: exponential worst case; O(n d) per node.
 */
import type { VbpInstance } from './instance.js';

export interface KnapsackResult {
  readonly value: number;
  readonly items: Int32Array;
  /** True when the search finished, so `value` is the optimum. */
  readonly exact: boolean;
}

export function maxValuePattern(instance: VbpInstance, candidates: Int32Array, values: Float64Array, maxNodes: number): KnapsackResult {
  const { dims, capacity, sizes } = instance;
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

  const residual = Float64Array.from(capacity);
  const chosen = new Uint8Array(count);
  let best = 0;
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
    return total;
  };
  const search = (position: number, gained: number): void => {
    if (gained > best + 1e-12) {
      best = gained;
      bestSet = chosen.slice();
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
      search(position + 1, gained + value[position]!);
      chosen[position] = 0;
      for (let k = 0; k < dims; k++) residual[k] += sizes[row + k]!;
    }
    if (exact) search(position + 1, gained);
  };
  search(0, 0);
  return { value: best, items: Int32Array.from(items.filter((_, position) => bestSet[position] === 1)), exact };
}
