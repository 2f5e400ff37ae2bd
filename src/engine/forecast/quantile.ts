/**
 * Sample quantile, Hyndman & Fan type 7 (linear interpolation between order statistics; the
 * default of R `quantile` and numpy).
 *
 *   h = (n - 1) * p,   Q(p) = x[floor h] + (h - floor h) * (x[floor h + 1] - x[floor h])
 *
 * Reference: Hyndman & Fan, "Sample quantiles in statistical packages", The American
 * Statistician 50(4), 1996.
 * Conventions: `sorted` must be ascending and non-empty; p in [0, 1].
 * Complexity: O(1).
 */
export function quantileSorted(sorted: Float64Array, p: number): number {
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  // p = 1 (or a single value): the top order statistic, no neighbour above it.
  if (below + 1 >= sorted.length) return sorted[sorted.length - 1]!;
  return sorted[below]! + (position - below) * (sorted[below + 1]! - sorted[below]!);
}
