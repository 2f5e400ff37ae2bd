/**
 * The best configuration: a portfolio that spends the time it is given where it pays.
 *
 * Pipeline, in order (each step runs only while the incumbent is above the best lower bound):
 *   1. cheap bounds (volume with dual feasible functions, greedy clique) and every greedy
 *      (FFD by L2, L1, Linf, BFD, DotProduct with dynamic weights); keep the fewest bins, ties
 *      to the first in this list. The greedies cost O(n^2 d) together, nothing next to step 3.
 *   2. for small instances, the column-generation LP bound, which closes most gaps that the
 *      cheap bounds leave (it needs exact pricing, affordable only for small n);
 *   3. bin-elimination local search from the incumbent, with the best bound as its target;
 *   4. for small instances still open, exact branch-and-bound for (incumbent - 1) bins, which
 *      either finds that packing or proves the incumbent optimal.
 * The bound steps come before the search so that the search stops the moment it meets them.
 * Reference: see each step's file. Complexity: bounded by the effort limits and options.deadline.
 */
import { bestFitDecreasing } from './best-fit-decreasing.js';
import { dotProduct } from './dot-product.js';
import { exactSearch } from './exact.js';
import { firstFitDecreasing } from './first-fit-decreasing.js';
import { itemCount, type PackOptions, type Packing, type VbpInstance } from './instance.js';
import { improveByLocalSearch } from './local-search.js';
import { simpleLowerBound } from './lower-bound.js';
import { columnGenerationBound } from './lower-bound-lp.js';

/** Instances up to this many items get the LP bound and the exact search. */
export const SMALL_INSTANCE = 130;

export function bestConfiguration(instance: VbpInstance, options: PackOptions): Packing & { lowerBound: number } {
  const greedy = [
    firstFitDecreasing(instance, 'l2'),
    firstFitDecreasing(instance, 'l1'),
    firstFitDecreasing(instance, 'linf'),
    bestFitDecreasing(instance),
    dotProduct(instance),
  ];
  let incumbent = greedy.reduce((best, packing) => (packing.bins < best.bins ? packing : best));
  let lowerBound = simpleLowerBound(instance);
  const small = itemCount(instance) <= SMALL_INSTANCE;
  if (incumbent.bins > lowerBound && small) {
    const lp = columnGenerationBound(instance, incumbent, options);
    lowerBound = Math.max(lowerBound, lp.lowerBound);
    if (lp.packing.bins < incumbent.bins) incumbent = lp.packing;
  }
  if (incumbent.bins > lowerBound) incumbent = improveByLocalSearch(instance, incumbent, { ...options, target: lowerBound });
  if (incumbent.bins > lowerBound && small) {
    const exact = exactSearch(instance, { ...options, start: incumbent, lowerBound });
    incumbent = exact;
    lowerBound = Math.max(lowerBound, exact.lowerBound);
  }
  return { ...incumbent, lowerBound };
}
