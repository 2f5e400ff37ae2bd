/**
 * First Fit Decreasing (FFD) for vector bin packing, one variant per size measure.
 *
 * Rule: sort items by decreasing measure (L2, L1 or Linf of s[k]/C[k], see size-measures.ts),
 * then First Fit (first-fit.ts). FFD by L2 norm is the best item-centric greedy in Mommessin et
 * al. 2025 (mean bins/OPT 1.096 on their "New" classes).
 * Reference: Panigrahy et al. 2011 ("FFD-Sum", "FFD-Prod", "FFD-L2"); Shi et al. 2013 (L2).
 * Complexity: O(n log n + n d) for the order plus First Fit's.
 */
import { firstFitInOrder } from './first-fit.js';
import type { Packing, VbpInstance } from './instance.js';
import { decreasingOrder, measureOf, type SizeMeasure } from './size-measures.js';

export function firstFitDecreasing(instance: VbpInstance, measure: SizeMeasure = 'l2'): Packing {
  return firstFitInOrder(instance, decreasingOrder(measureOf(instance, measure)));
}
