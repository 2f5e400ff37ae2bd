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
 * Convention: exact integer arithmetic, so no rounding can add or lose a bin. With
 * f_i = floor((q+1) s_i / C) (an integer from 0 to q+1, from an exact remainder), u_q(x_i) is
 * f_i / (q+1) when the remainder is 0 and f_i / q otherwise, so
 *   sum_i u_q(x_i) = (q A + (q+1) B) / (q (q+1)),  A, B = sums of f_i over the two kinds,
 * small integers; the identity and g_e need sum s_i / C, summed exactly past 2^53
 * (integer-sum.ts). Sizes and capacities are safe integers (the loader's limit).
 * Complexity: O(n d (Q + E)) with Q = 10 and E <= 64 thresholds per dimension.
 */
import { itemCount, type VbpInstance } from './instance.js';
import { ceilDiv, IntegerSum } from './integer-sum.js';

const MAX_Q = 10;
const MAX_THRESHOLDS = 64;

export function volumeLowerBound(instance: VbpInstance): number {
  const { dims, capacity, sizes } = instance;
  const n = itemCount(instance);
  let best = n > 0 ? 1 : 0;
  const column = new Float64Array(n);
  for (let k = 0; k < dims; k++) {
    const cap = capacity[k]!;
    for (let item = 0; item < n; item++) column[item] = sizes[item * dims + k]!;
    best = Math.max(best, largeItemBound(column, cap, 0));
    for (let q = 1; q <= MAX_Q; q++) best = Math.max(best, roundingBound(column, cap, q));
    for (const threshold of thresholds(column, cap)) best = Math.max(best, largeItemBound(column, cap, threshold));
  }
  return best;
}

/** ceil(sum_i u_q(s_i / C)), exactly. */
function roundingBound(column: Float64Array, cap: number, q: number): number {
  let onMultiple = 0;
  let roundedDown = 0;
  for (const size of column) {
    const { quotient, exact } = scaledFloor(q + 1, size, cap);
    if (exact) onMultiple += quotient;
    else roundedDown += quotient;
  }
  const numerator = q * onMultiple + (q + 1) * roundedDown;
  const denominator = q * (q + 1);
  return ceilDiv(BigInt(numerator), BigInt(denominator));
}

/**
 * ceil(sum_i g_e(s_i / C)) with e = threshold / C: the items above C - threshold count 1 each,
 * those from threshold to C - threshold their size; threshold 0 is the identity (plain volume).
 */
function largeItemBound(column: Float64Array, cap: number, threshold: number): number {
  let large = 0;
  const volume = new IntegerSum();
  for (const size of column) {
    if (size > cap - threshold) large++;
    else if (size >= threshold) volume.add(size);
  }
  return large + ceilDiv(volume.total(), BigInt(cap));
}

/** floor(multiplier * size / cap) and whether it divides exactly, in exact arithmetic. */
function scaledFloor(multiplier: number, size: number, cap: number): { quotient: number; exact: boolean } {
  const product = multiplier * size;
  // A product above 2^53 - 1 is never rounded down to it, so this test is exact too.
  if (product <= Number.MAX_SAFE_INTEGER) {
    const remainder = product % cap;
    return { quotient: (product - remainder) / cap, exact: remainder === 0 };
  }
  const big = BigInt(multiplier) * BigInt(size);
  return { quotient: Number(big / BigInt(cap)), exact: big % BigInt(cap) === 0n };
}

/** Distinct sizes in (0, C/2], at most MAX_THRESHOLDS of them spread evenly over the sorted list. */
function thresholds(column: Float64Array, cap: number): number[] {
  const distinct = [...new Set(column)].filter((size) => size > 0 && size <= cap - size).sort((a, b) => a - b);
  if (distinct.length <= MAX_THRESHOLDS) return distinct;
  return Array.from({ length: MAX_THRESHOLDS }, (_, index) => distinct[Math.floor((index * distinct.length) / MAX_THRESHOLDS)]!);
}
