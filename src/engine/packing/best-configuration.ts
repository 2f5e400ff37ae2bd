/**
 * The best configuration: a portfolio that spends the time it is given where it pays.
 *
 * Pipeline, in order (each step runs only while the incumbent is above the best lower bound):
 *   1. cheap bounds (volume with dual feasible functions, greedy clique) and every greedy
 *      (FFD by L2, L1, Linf, BFD, DotProduct with dynamic weights, Minimum Bin Slack); keep the
 *      fewest bins, ties to the first in this list. Different greedies win on different
 *      families (MBS on perfect-fit instances, DotProduct on the rest), and together they cost
 *      little next to step 3. Above LARGE_INSTANCE items only the FFDs run.
 *   2. up to SMALL_INSTANCE items, the pattern LP by column generation: its bound closes most
 *      gaps the cheap bounds leave (proofs need exact pricing, affordable up to about 60-80
 *      items), and diving on it gives packings that usually meet that bound;
 *   3. bin-elimination local search from the incumbent, with the best bound as its target;
 *   4. for the smallest instances still open, branch-and-bound for (incumbent - 1) bins, which
 *      either finds that packing or proves the incumbent optimal;
 *   5. for instances still open, a closing round of the pattern LP from step 2's patterns with
 *      many columns per pricing and a larger budget (the bound alone);
 *   6. if still open, diving with backtracking on the pattern LP for one bin fewer.
 * The bound steps come before the search so that the search stops the moment it meets them.
 * Measured (npm run bench:vbp): mean bins/OPT 1.0095 on the New classes, 1.003 on Triplets,
 * against 1.077 and 1.19 for the best published greedy (DotProduct, dynamic weights).
 * Reference: see each step's file. Complexity: bounded by the effort limits, counted in work
 * units (deterministic, so the same input gives the same packing on any machine), and by
 * options.expired (a safety net, reported by `pack` when it fired).
 */
import { bestFitDecreasing } from './best-fit-decreasing.js';
import { backtrackingDive } from './column-dive.js';
import { dotProduct } from './dot-product.js';
import { exactSearch } from './exact.js';
import { firstFitDecreasing } from './first-fit-decreasing.js';
import { itemCount, type PackOptions, type Packing, type VbpInstance } from './instance.js';
import { improveByLocalSearch } from './local-search.js';
import { simpleLowerBound } from './lower-bound.js';
import { closeLpBound, columnGenerationBound } from './lower-bound-lp.js';
import { minimumBinSlack } from './minimum-bin-slack.js';

/** Above this many items only the O(n log n) greedies run (BFD, DotProduct and MBS are quadratic). */
const LARGE_INSTANCE = 5_000;
/** Instances up to this many items get the pattern LP (bound and dive). */
const SMALL_INSTANCE = 130;
/** Instances up to this many items also get the exact search. */
const EXACT_MAX_ITEMS = 60;
/** Instances up to this many items get the diving with backtracking when still open. */
const BACKTRACK_MAX_ITEMS = 80;
/** Its budgets: a real pricing at each level, three candidates, a few hundred residual LPs. */
const BACKTRACKING = { branching: 3, discrepancies: 3, maxLps: 300, knapsackNodes: 100_000, totalKnapsackNodes: 1_500_000, maxIterations: 1_000 };
/** Branch-and-bound nodes per target (a fraction of a second): the LP does the heavy lifting. */
const EXACT_NODES = 100_000;

export function bestConfiguration(instance: VbpInstance, options: PackOptions): Packing & { lowerBound: number } {
  const quadratic = itemCount(instance) <= LARGE_INSTANCE;
  const greedy = [
    firstFitDecreasing(instance, 'l2'),
    firstFitDecreasing(instance, 'l1'),
    firstFitDecreasing(instance, 'linf'),
    ...(quadratic ? [bestFitDecreasing(instance), dotProduct(instance), minimumBinSlack(instance)] : []),
  ];
  let incumbent = greedy.reduce((best, packing) => (packing.bins < best.bins ? packing : best));
  let lowerBound = simpleLowerBound(instance);
  const small = itemCount(instance) <= SMALL_INSTANCE;
  let patterns: readonly Int32Array[] = [];
  if (incumbent.bins > lowerBound && small) {
    const lp = columnGenerationBound(instance, incumbent, options);
    lowerBound = Math.max(lowerBound, lp.lowerBound);
    if (lp.packing.bins < incumbent.bins) incumbent = lp.packing;
    patterns = lp.patterns;
  }
  if (incumbent.bins > lowerBound) incumbent = improveByLocalSearch(instance, incumbent, { ...options, target: lowerBound });
  if (incumbent.bins > lowerBound && itemCount(instance) <= EXACT_MAX_ITEMS) {
    // A short search inside the portfolio: only the proof of `pack --exact` reports progress.
    const exact = exactSearch(instance, { ...options, onProgress: undefined, start: incumbent, lowerBound, maxNodes: EXACT_NODES });
    incumbent = exact;
    lowerBound = Math.max(lowerBound, exact.lowerBound);
  }
  if (incumbent.bins > lowerBound && small) lowerBound = Math.max(lowerBound, closeLpBound(instance, patterns, incumbent, options));
  if (incumbent.bins > lowerBound && itemCount(instance) <= BACKTRACK_MAX_ITEMS) {
    incumbent = backtrackingDive(instance, patterns, incumbent.bins - 1, { ...options, ...BACKTRACKING }) ?? incumbent;
  }
  return { ...incumbent, lowerBound };
}

/**
 * `pack --exact`: the best configuration, then the branch-and-bound (exact.ts) on what is still
 * open, with options.exactNodes search nodes per target (default exact.ts's EXACT_NODES), until
 * it proves the optimum or the budget (or the safety net) runs out.
 */
export function provenConfiguration(instance: VbpInstance, options: PackOptions): Packing & { lowerBound: number } {
  const best = bestConfiguration(instance, options);
  if (best.bins === best.lowerBound) return best;
  return exactSearch(instance, { ...options, start: best, lowerBound: best.lowerBound, ...(options.exactNodes === undefined ? {} : { maxNodes: options.exactNodes }) });
}
