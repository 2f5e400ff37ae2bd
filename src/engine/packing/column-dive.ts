/**
 * Diving on the pattern LP (the "residual" or "sequential value correction" family of
 * column-generation heuristics) for vector bin packing.
 *
 * Repeat until every item is packed: solve the LP of the items left by column generation
 * (column-generation.ts), fix the pattern with the largest LP value (ties: more items, then the
 * LP's order) as one bin, and with it every other pattern at value 1 that is disjoint from the
 * fixed ones (an integral part of the LP needs no further solves); remove their items. Patterns generated earlier stay valid once
 * restricted to the items left (a subset of a pattern still fits), so each LP starts warm.
 * A fractional LP solution close to integral is a near-optimal packing; fixing the most
 * "certain" bin first keeps the rest of the LP close to the original. `firstRank` > 0 fixes a
 * lower-ranked pattern first instead, so repeated dives explore different packings.
 * Reference: Vance, Barnhart, Johnson & Nemhauser 1994 (rounding from the pattern LP);
 * Sadykov, Vanderbeck et al., "Primal heuristics for branch and price: the assets of diving
 * methods", INFORMS J. Computing 31, 2019.
 * Complexity: at most (bins) LP solves, each bounded by the column generation budgets.
 */
import { columnGeneration, type ColumnGenerationOptions } from './column-generation.js';
import { itemCount, type Packing, type VbpInstance } from './instance.js';

const INTEGRAL = 1e-6;

export function diveOnPatterns(instance: VbpInstance, seeds: readonly Int32Array[], options: ColumnGenerationOptions, firstRank = 0): Packing {
  const n = itemCount(instance);
  const binOf = new Int32Array(n).fill(-1);
  let patterns = seeds.slice();
  let bins = 0;
  let left = n;
  while (left > 0) {
    const items = Int32Array.from({ length: n }, (_, item) => item).filter((item) => binOf[item] === -1);
    const result = columnGeneration(instance, items, patterns, { ...options, stopAt: undefined });
    const ranked = result.solution.slice().sort((a, b) => b.value - a.value || b.items.length - a.items.length);
    const top = bins === 0 ? ranked[Math.min(firstRank, ranked.length - 1)]! : ranked[0]!;
    // Patterns already at 1 in the LP are fixed in the same step when disjoint from those fixed.
    for (const { items: pattern } of [top, ...ranked.filter((entry) => entry !== top && entry.value >= 1 - INTEGRAL)]) {
      if (pattern.some((item) => binOf[item] !== -1)) continue;
      for (const item of pattern) binOf[item] = bins;
      bins++;
      left -= pattern.length;
    }
    patterns = result.patterns.map((pattern) => pattern.filter((item) => binOf[item] === -1)).filter((pattern) => pattern.length > 1);
  }
  return { bins, binOf };
}

export interface BacktrackOptions extends ColumnGenerationOptions {
  /** Candidate patterns tried at each level: the LP's top `branching` by value. */
  readonly branching: number;
  /** Total rank of the candidates taken along one path (limited discrepancy search). */
  readonly discrepancies: number;
  /** Residual LPs solved in all; with `totalKnapsackNodes`, shared by all of them, the search's deterministic budget. */
  readonly maxLps: number;
}

/**
 * Diving with backtracking: a packing in at most `target` bins, or null. As diveOnPatterns,
 * but each level solves the residual LP with a real pricing budget, so its Farley bound prunes:
 * when (bins fixed) + (bound on the items left) > target, no completion exists below this
 * level and the search returns to the level above and fixes its next-ranked pattern instead.
 * Fixing only LP patterns is not a complete branching, so an exhausted search proves nothing;
 * it finds packings the plain dives miss when the LP bound is tight (one wrong bin pushes the
 * residual bound over the target at once, usually one or two levels down).
 * Reference: Harvey & Ginsberg, "Limited discrepancy search", IJCAI 1995; Sadykov et al. 2019
 * (diving with backtracking).
 */
export function backtrackingDive(instance: VbpInstance, seeds: readonly Int32Array[], target: number, options: BacktrackOptions): Packing | null {
  const n = itemCount(instance);
  const binOf = new Int32Array(n).fill(-1);
  let lps = 0;
  let pricingLeft = options.totalKnapsackNodes ?? Infinity;
  const search = (fixed: number, patterns: readonly Int32Array[], discrepancies: number): boolean => {
    const items = Int32Array.from({ length: n }, (_, item) => item).filter((item) => binOf[item] === -1);
    if (items.length === 0) return true;
    if (fixed >= target || ++lps > options.maxLps || pricingLeft <= 0) return false;
    if (options.expired?.() === true) return false;
    const result = columnGeneration(instance, items, patterns, { ...options, totalKnapsackNodes: pricingLeft, stopAt: target - fixed + 1 });
    pricingLeft -= result.pricingNodes;
    if (fixed + result.lowerBound > target) return false;
    const ranked = result.solution.slice().sort((a, b) => b.value - a.value || b.items.length - a.items.length);
    for (let rank = 0; rank < Math.min(options.branching, ranked.length) && rank <= discrepancies; rank++) {
      const pattern = ranked[rank]!.items;
      for (const item of pattern) binOf[item] = fixed;
      const rest = result.patterns.map((p) => p.filter((item) => binOf[item] === -1)).filter((p) => p.length > 1);
      if (search(fixed + 1, rest, discrepancies - rank)) return true;
      for (const item of pattern) binOf[item] = -1;
    }
    return false;
  };
  return search(0, seeds, options.discrepancies) ? { bins: Math.max(...binOf) + 1, binOf } : null;
}
