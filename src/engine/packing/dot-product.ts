/**
 * DotProduct with dynamic weights (bin-centric) for vector bin packing.
 *
 * Rule: fill one bin at a time. While some unpacked item fits in the current bin b, pack the
 * fitting item i with the largest weighted dot product of its size and the bin's residual,
 *   score(i, b) = sum_k w[k] * (s[i][k] / C[k]) * (r[b][k] / C[k]),
 *   w[k]        = sum over unpacked items j of s[j][k] / C[k]      ("average" weights),
 * recomputing w after every packed item (dynamic weights), so dimensions still in high demand
 * count more. When nothing fits, open a new bin.
 * Reference: Panigrahy et al. 2011, "Dot Product" (section 3.2); Mommessin, Erlebach &
 * Shakhlevich, Computers & OR 2025, doi:10.1016/j.cor.2024.106860 (DP1 with dynamic average
 * weights: the best greedy there, 1.078 bins/OPT on the New classes).
 * Convention: the candidate list starts in input order; a packed item is swapped to the front
 * of the unpacked range (as in the reference implementation), and ties keep the first maximum.
 * Complexity: O(n * (n + bins) * d).
 */
import { itemCount, normalisedSizes, type Packing, type VbpInstance } from './instance.js';

export function dotProduct(instance: VbpInstance): Packing {
  const { dims, capacity, sizes } = instance;
  const n = itemCount(instance);
  const x = normalisedSizes(instance);
  const binOf = new Int32Array(n);
  const pending = new Int32Array(n);
  for (let item = 0; item < n; item++) pending[item] = item;
  const weight = new Float64Array(dims);
  for (let item = 0; item < n; item++) for (let k = 0; k < dims; k++) weight[k] += x[item * dims + k]!;
  const residual = new Float64Array(dims);

  let bins = 0;
  let first = 0;
  if (n > 0) {
    bins = 1;
    for (let k = 0; k < dims; k++) residual[k] = capacity[k]!;
  }
  while (first < n) {
    let bestAt = -1;
    let bestScore = -Infinity;
    for (let at = first; at < n; at++) {
      const row = pending[at]! * dims;
      let score = 0;
      let k = 0;
      for (; k < dims; k++) {
        if (sizes[row + k]! > residual[k]!) break;
        score += weight[k]! * x[row + k]! * (residual[k]! / capacity[k]!);
      }
      if (k === dims && score > bestScore) {
        bestScore = score;
        bestAt = at;
      }
    }
    if (bestAt === -1) {
      bins++;
      for (let k = 0; k < dims; k++) residual[k] = capacity[k]!;
      continue;
    }
    const item = pending[bestAt]!;
    pending[bestAt] = pending[first]!;
    pending[first++] = item;
    binOf[item] = bins - 1;
    for (let k = 0; k < dims; k++) {
      residual[k] -= sizes[item * dims + k]!;
      weight[k] -= x[item * dims + k]!;
    }
  }
  return { bins, binOf };
}
