/**
 * Shrinkage of combination weights toward the equal-weight average, by how thin the evidence is.
 *
 *   lambda   = priorSteps / (priorSteps + backtestSteps)
 *   w'_i     = (1 - lambda) * w_i + lambda / k     for the k models with w_i > 0
 *   w'_i     = 0                                   for the others (trimming is kept)
 *
 * The equal-weight prior counts as `priorSteps` backtest steps of evidence, so the fewer the
 * backtest errors the weights come from, the closer they stay to the simple average of the kept
 * models (which is hard to beat when the estimated weights are noisy: the "forecast
 * combination puzzle").
 * Reference: Diebold & Pauly, "The use of prior information in forecast combination",
 * International Journal of Forecasting 6(4), 1990 (shrinkage toward equal weights); Stock &
 * Watson, "Combination forecasts of output growth in a seven-country data set", Journal of
 * Forecasting 23(6), 2004 (shrinkage by a factor that falls as the evidence grows);
 * Smith & Wallis, "A simple explanation of the forecast combination puzzle", Oxford Bulletin of
 * Economics and Statistics 71(3), 2009.
 * Conventions: backtestSteps counts every backtest error (origins x steps) behind the weights;
 * the combiner takes priorSteps = one forecast horizon. The weights stay non-negative and sum to 1.
 * Complexity: O(models).
 */
export function shrinkTowardEqual(weights: Float64Array, backtestSteps: number, priorSteps: number): Float64Array {
  const kept = weights.reduce((count, w) => count + (w > 0 ? 1 : 0), 0);
  // No prior, or a single kept model: the equal-weight average is the weights themselves.
  if (priorSteps <= 0 || kept <= 1) return weights;
  const lambda = priorSteps / (priorSteps + backtestSteps);
  return weights.map((w) => (w > 0 ? (1 - lambda) * w + lambda / kept : 0));
}
