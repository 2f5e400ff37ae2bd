/**
 * Volume lower bounds for vector bin packing, one dimension at a time, sharpened by dual
 * feasible functions (DFF).
 *
 * A DFF is f: [0,1] -> [0,1] with sum f(x_i) <= 1 whenever sum x_i <= 1. Applying one to the
 * sizes x = s[k]/C[k] of a single dimension keeps every bin's content within 1, so for any
 * dimension k and any DFF f,
 *   LB = ceil( sum_i f(s[i][k] / C[k]) ).
 * f = identity gives the classic bound max_k ceil(sum_i s[i][k] / C[k]). The others used:
 *   u_q(x)  = x if (q+1)x is an integer, else floor((q+1)x) / q,        q = 1..10
 *             (Fekete & Schepers, Math. Programming 91, 2001), which rounds items up towards
 *             1/q multiples: two items above 1/2 count as 1 each, and so on;
 *   g_e(x)  = 1 if x > 1 - e, 0 if x < e, x otherwise,                  0 < e <= 1/2
 *             (the large-item argument of Martello & Toth's L2, as a DFF), with e taken at the
 *             item sizes themselves (the only thresholds where g_e changes).
 * Every item must already fit (s <= C), which the loader guarantees.
 * Convention: integer arithmetic decides the "is an integer" test ((q+1)s mod C = 0); the sum is
 * rounded up after subtracting 1e-9 so floating error cannot add a bin.
 * Complexity: O(n d (Q + E)) with Q = 10 and E <= 64 thresholds per dimension.
 */
import { itemCount, type VbpInstance } from './instance.js';

const MAX_Q = 10;
const MAX_THRESHOLDS = 64;
const ROUNDING_SLACK = 1e-9;

export function volumeLowerBound(instance: VbpInstance): number {
  const { dims, capacity, sizes } = instance;
  const n = itemCount(instance);
  let best = n > 0 ? 1 : 0;
  const column = new Float64Array(n);
  for (let k = 0; k < dims; k++) {
    const cap = capacity[k]!;
    for (let item = 0; item < n; item++) column[item] = sizes[item * dims + k]!;
    best = Math.max(best, roundUp(sum(column) / cap));
    for (let q = 1; q <= MAX_Q; q++) {
      let total = 0;
      for (const size of column) total += ((q + 1) * size) % cap === 0 ? size / cap : Math.floor(((q + 1) * size) / cap) / q;
      best = Math.max(best, roundUp(total));
    }
    for (const threshold of thresholds(column, cap)) {
      let total = 0;
      for (const size of column) {
        if (size > cap - threshold) total += 1;
        else if (size >= threshold) total += size / cap;
      }
      best = Math.max(best, roundUp(total));
    }
  }
  return best;
}

/** Distinct sizes in (0, C/2], at most MAX_THRESHOLDS of them spread evenly over the sorted list. */
function thresholds(column: Float64Array, cap: number): number[] {
  const distinct = [...new Set(column)].filter((size) => size > 0 && 2 * size <= cap).sort((a, b) => a - b);
  if (distinct.length <= MAX_THRESHOLDS) return distinct;
  return Array.from({ length: MAX_THRESHOLDS }, (_, index) => distinct[Math.floor((index * distinct.length) / MAX_THRESHOLDS)]!);
}

function sum(values: Float64Array): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

function roundUp(value: number): number {
  return Math.ceil(value - ROUNDING_SLACK);
}
