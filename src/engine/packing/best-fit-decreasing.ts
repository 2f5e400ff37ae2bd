/**
 * Best Fit Decreasing (BFD) for vector bin packing.
 *
 * Rule: items by decreasing L2 measure (size-measures.ts); each goes into the open bin where it
 * fits and leaves the least normalised slack,
 *   slack(b, i) = sum_k (r[b][k] - s[i][k]) / C[k]       (r = residual capacity before i),
 * ties to the lowest bin number; a new bin when none fits.
 * Reference: Panigrahy et al. 2011 (Best Fit with an L1 residual measure); Johnson 1974 (BFD).
 * Convention: slack by L1 over normalised residuals, so a bin tight in every dimension wins.
 * Complexity: O(n log n + n * bins * d).
 */
import { itemCount, type Packing, type VbpInstance } from './instance.js';
import { decreasingOrder, measureOf } from './size-measures.js';

export function bestFitDecreasing(instance: VbpInstance): Packing {
  const { dims, capacity, sizes } = instance;
  const n = itemCount(instance);
  const binOf = new Int32Array(n);
  const residual = new Float64Array(n * dims);
  let bins = 0;
  for (const item of decreasingOrder(measureOf(instance, 'l2'))) {
    const row = item * dims;
    let chosen = -1;
    let bestSlack = Infinity;
    for (let bin = 0; bin < bins; bin++) {
      const base = bin * dims;
      let slack = 0;
      let k = 0;
      for (; k < dims; k++) {
        const left = residual[base + k]! - sizes[row + k]!;
        if (left < 0) break;
        slack += left / capacity[k]!;
      }
      if (k === dims && slack < bestSlack) {
        bestSlack = slack;
        chosen = bin;
      }
    }
    if (chosen === -1) {
      chosen = bins++;
      for (let k = 0; k < dims; k++) residual[chosen * dims + k] = capacity[k]!;
    }
    for (let k = 0; k < dims; k++) residual[chosen * dims + k] -= sizes[row + k]!;
    binOf[item] = chosen;
  }
  return { bins, binOf };
}
