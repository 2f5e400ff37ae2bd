/**
 * Size measures of a vector item, and the decreasing order they induce.
 *
 * With x[k] = s[k] / C[k] (the size as a fraction of the bin, so that every dimension weighs the
 * same):
 *   L1   = sum_k x[k]                (total demand)
 *   L2   = sqrt(sum_k x[k]^2)        (Shi, Furlong & Wang 2013; the measure of "FFD by L2 norm")
 *   Linf = max_k x[k]                (the bottleneck dimension)
 * Reference: Panigrahy, Talwar, Uyeda & Wieder, "Heuristics for vector bin packing", Microsoft
 * Research 2011, section 3 (FFD variants), and Mommessin, Erlebach & Shakhlevich 2025, table 2.
 *
 * Convention: decreasing by measure, ties by increasing item index (a total, stable order, so
 * the same input always gives the same packing). Complexity O(n d + n log n).
 */
import { itemCount, type VbpInstance } from './instance.js';

export type SizeMeasure = 'l1' | 'l2' | 'linf';

export function measureOf(instance: VbpInstance, measure: SizeMeasure): Float64Array {
  const { dims, capacity, sizes } = instance;
  const n = itemCount(instance);
  const key = new Float64Array(n);
  for (let item = 0; item < n; item++) {
    let value = 0;
    for (let k = 0; k < dims; k++) {
      const fraction = sizes[item * dims + k]! / capacity[k]!;
      if (measure === 'l1') value += fraction;
      else if (measure === 'l2') value += fraction * fraction;
      else if (fraction > value) value = fraction;
    }
    key[item] = measure === 'l2' ? Math.sqrt(value) : value;
  }
  return key;
}

/** Item indices sorted by decreasing key, ties by increasing index. */
export function decreasingOrder(key: Float64Array): Int32Array {
  const order = new Int32Array(key.length);
  for (let item = 0; item < order.length; item++) order[item] = item;
  return order.sort((a, b) => key[b]! - key[a]! || a - b);
}
