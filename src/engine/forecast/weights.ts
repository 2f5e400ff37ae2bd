/**
 * Combination weights from backtest accuracy.
 *
 *   inverse-mse:  w_i = (1 / MSE_i) / sum_j (1 / MSE_j)       (Bates & Granger 1969, diagonal)
 *   inverse-mae:  w_i = (1 / MAE_i) / sum_j (1 / MAE_j)
 *   best:         w_i = 1 for the lowest MAE (ties to the earlier model), 0 otherwise
 *   trimming (keep = k): only the k models of lowest loss get a weight; the others get 0
 *
 * Reference: Bates & Granger, "The combination of forecasts", Operational Research Quarterly
 * 20(4), 1969; Timmermann, "Forecast combinations", Handbook of Economic Forecasting, 2006 (trimming).
 * Conventions: a model with zero error takes all the weight (shared equally among such models).
 * Complexity: O(models * errors).
 */
export type Weighting = 'best' | 'inverse-mae' | 'inverse-mse';

export function combinationWeights(errors: readonly (readonly Float64Array[])[], weighting: Weighting, keep: number): Float64Array {
  const power = weighting === 'inverse-mse' ? 2 : 1;
  const loss = Float64Array.from(errors, (perOrigin) => {
    let sum = 0;
    let count = 0;
    for (const part of perOrigin) for (const e of part) {
      sum += Math.abs(e) ** power;
      count++;
    }
    return sum / count;
  });
  const minimum = Math.min(...loss);
  // A perfect model (or the single best) takes all the weight.
  if (weighting === 'best' || minimum === 0) {
    const winners = loss.map((value) => (value === minimum ? 1 : 0));
    const chosen = weighting === 'best' ? winners.map((w, i) => (i === winners.indexOf(1) ? w : 0)) : winners;
    const total = chosen.reduce((sum, w) => sum + w, 0);
    return chosen.map((w) => w / total);
  }
  const cutoff = [...loss].sort((a, b) => a - b)[Math.min(keep, loss.length) - 1]!;
  const inverse = loss.map((value) => (value <= cutoff ? 1 / value : 0));
  const total = inverse.reduce((sum, w) => sum + w, 0);
  return inverse.map((w) => w / total);
}
