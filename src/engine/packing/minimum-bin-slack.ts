/**
 * Minimum Bin Slack (MBS') for vector bin packing: fill one bin at a time as full as a bounded
 * search can make it.
 *
 * For each new bin: put in the largest remaining item (by L2 measure; it is the hardest to
 * place later), then choose, among the remaining items that fit beside it, the subset that
 * leaves the least slack
 *   slack = sum_k r[k] / C[k]   (r = residual after the subset),
 * i.e. the subset of largest total normalised size sum_k s[i][k] / C[k], by the bounded
 * knapsack search of knapsack.ts (values = normalised sizes). Close the bin and repeat.
 * Perfect-fit structure (like the triplet instances, whose optimal bins are full in every
 * dimension) is found where greedy item-by-item rules miss it.
 * Reference: Gupta & Ho, "A new heuristic algorithm for the one-dimensional bin-packing
 * problem", Production Planning & Control 10, 1999 (MBS); Fleszar & Hindi, Computers & OR 29,
 * 2002 (MBS', the variant that always keeps the largest item); vector form with L1 slack: this
 * file's convention.
 * Complexity: (bins) knapsack searches of at most NODES_PER_BIN nodes, O(n d) each node.
 */
import { itemCount, normalisedSizes, type Packing, type VbpInstance } from './instance.js';
import { maxValuePattern } from './knapsack.js';
import { decreasingOrder, measureOf } from './size-measures.js';

const NODES_PER_BIN = 500;

export function minimumBinSlack(instance: VbpInstance): Packing {
  const { dims, capacity, sizes } = instance;
  const n = itemCount(instance);
  const x = normalisedSizes(instance);
  const value = new Float64Array(n);
  for (let item = 0; item < n; item++) for (let k = 0; k < dims; k++) value[item] += x[item * dims + k]! + 1e-9;
  const order = decreasingOrder(measureOf(instance, 'l2'));
  const binOf = new Int32Array(n).fill(-1);
  const residual = new Float64Array(dims);
  let bins = 0;
  for (const largest of order) {
    if (binOf[largest] !== -1) continue;
    binOf[largest] = bins;
    for (let k = 0; k < dims; k++) residual[k] = capacity[k]! - sizes[largest * dims + k]!;
    const candidates = order.filter((item) => {
      if (binOf[item] !== -1) return false;
      for (let k = 0; k < dims; k++) if (sizes[item * dims + k]! > residual[k]!) return false;
      return true;
    });
    for (const item of maxValuePattern(instance, candidates, value, NODES_PER_BIN, { capacity: residual }).items) binOf[item] = bins;
    bins++;
  }
  return { bins, binOf };
}
