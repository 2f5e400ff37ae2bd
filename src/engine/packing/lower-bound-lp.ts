/**
 * The pattern-LP lower bound, with the LP's own packing as a by-product.
 *
 * Runs column generation over all items (column-generation.ts), seeded with the bins of the
 * incumbent packing, and reports its Farley/LP bound ceil(z_LP). While the bound is below the
 * incumbent, it also dives on the LP (column-dive.ts) for a packing that may meet it.
 * Convention: beyond LONG_PRICING_MAX_ITEMS items the pricing gets only its quick budget and
 * one dive is made; below, up to DIVES_WHEN_SMALL dives, until one meets the bound.
 * Reference: see those two files. Complexity: bounded by their budgets.
 */
import { columnGeneration } from './column-generation.js';
import { diveOnPatterns } from './column-dive.js';
import { itemCount, type PackOptions, type Packing, type VbpInstance } from './instance.js';

/**
 * Above this many items the pricing searches rarely finish, so only the quick pricing runs: the
 * LP then serves the dive (good patterns) more than the bound.
 */
const LONG_PRICING_MAX_ITEMS = 80;
/** Dives tried on small instances, each starting from a different root pattern. */
const DIVES_WHEN_SMALL = 5;
/** Enough to finish the pricing on most instances of up to 60 items (about a second in all). */
const PROOF_PRICING = { knapsackNodes: 500_000, totalKnapsackNodes: 2_000_000, maxIterations: 2_000 };
/**
 * The second, bound-only round: many columns per pricing (several times fewer exhaustive
 * pricings) and a larger budget. Kept apart from the first round because the dives start from
 * the first round's patterns, and a pattern pool grown this way leads them to worse packings.
 */
const CLOSING_PRICING = { knapsackNodes: 1_000_000, totalKnapsackNodes: 3_000_000, maxIterations: 2_000, alternatives: 30 };

export interface LpBound {
  readonly lowerBound: number;
  readonly packing: Packing;
  /** Every pattern the column generation made, to start a later round warm. */
  readonly patterns: readonly Int32Array[];
}

export function columnGenerationBound(instance: VbpInstance, incumbent: Packing, options: PackOptions): LpBound {
  const n = itemCount(instance);
  const members: number[][] = Array.from({ length: incumbent.bins }, () => []);
  for (let item = 0; item < n; item++) members[incumbent.binOf[item]!]!.push(item);
  const patterns = members.map((items) => Int32Array.from(items));
  const all = Int32Array.from({ length: n }, (_, item) => item);
  const pricing = n <= LONG_PRICING_MAX_ITEMS ? PROOF_PRICING : { knapsackNodes: 0 };
  const root = columnGeneration(instance, all, patterns, { ...options, ...pricing, stopAt: incumbent.bins });
  if (root.lowerBound >= incumbent.bins) return { lowerBound: root.lowerBound, packing: incumbent, patterns: root.patterns };
  let packing = incumbent;
  const dives = n <= LONG_PRICING_MAX_ITEMS ? DIVES_WHEN_SMALL : 1;
  for (let rank = 0; rank < dives && packing.bins > Math.max(root.lowerBound, 1); rank++) {
    const dived = diveOnPatterns(instance, root.patterns, { ...options, knapsackNodes: 0, maxIterations: n }, rank);
    if (dived.bins < packing.bins) packing = dived;
  }
  return { lowerBound: root.lowerBound, packing, patterns: root.patterns };
}

/**
 * The LP bound again, from the patterns of an earlier round, with the closing budgets: for the
 * instances of up to LONG_PRICING_MAX_ITEMS items whose packing is still above the bound.
 */
export function closeLpBound(instance: VbpInstance, patterns: readonly Int32Array[], incumbent: Packing, options: PackOptions): number {
  const n = itemCount(instance);
  if (n > LONG_PRICING_MAX_ITEMS) return 0;
  const all = Int32Array.from({ length: n }, (_, item) => item);
  return columnGeneration(instance, all, patterns, { ...options, ...CLOSING_PRICING, stopAt: incumbent.bins }).lowerBound;
}
