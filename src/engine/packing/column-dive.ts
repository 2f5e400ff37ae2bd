/**
 * Diving on the pattern LP (the "residual" or "sequential value correction" family of
 * column-generation heuristics) for vector bin packing.
 *
 * Repeat until every item is packed: solve the LP of the items left by column generation
 * (column-generation.ts), fix the pattern with the largest LP value (ties: more items, then the
 * LP's order) as one bin, remove its items. Patterns generated earlier stay valid once
 * restricted to the items left (a subset of a pattern still fits), so each LP starts warm.
 * A fractional LP solution close to integral is a near-optimal packing; fixing the most
 * "certain" bin first keeps the rest of the LP close to the original.
 * Reference: Vance, Barnhart, Johnson & Nemhauser 1994 (rounding from the pattern LP);
 * Sadykov, Vanderbeck et al., "Primal heuristics for branch and price: the assets of diving
 * methods", INFORMS J. Computing 31, 2019.
 * Complexity: (bins) LP solves; each bounded by the column generation budgets.
 */
import { columnGeneration, type ColumnGenerationOptions } from './column-generation.js';
import { itemCount, type Packing, type VbpInstance } from './instance.js';

export function diveOnPatterns(instance: VbpInstance, seeds: readonly Int32Array[], options: ColumnGenerationOptions): Packing {
  const n = itemCount(instance);
  const binOf = new Int32Array(n).fill(-1);
  let patterns = seeds.slice();
  let bins = 0;
  let left = n;
  while (left > 0) {
    const items = Int32Array.from({ length: n }, (_, item) => item).filter((item) => binOf[item] === -1);
    const result = columnGeneration(instance, items, patterns, { ...options, stopAt: undefined });
    const [top] = result.solution.slice().sort((a, b) => b.value - a.value || b.items.length - a.items.length);
    for (const item of top!.items) binOf[item] = bins;
    bins++;
    left -= top!.items.length;
    patterns = result.patterns.map((pattern) => pattern.filter((item) => binOf[item] === -1)).filter((pattern) => pattern.length > 1);
  }
  return { bins, binOf };
}
