/**
 * Prediction intervals from backtest errors (empirical, distribution-free).
 *
 *   lower_L[h] = mean[h] + Q((1 - L) / 2),   upper_L[h] = mean[h] + Q((1 + L) / 2)
 *   Q = type-7 quantile (quantile.ts) of the signed backtest errors y - yhat
 *
 * Reference: Williams & Goodman, "A simple method for the construction of empirical confidence
 * limits for economic forecasts", JASA 66(336), 1971; FPP3 section 5.5 (bootstrapped
 * intervals from forecast errors).
 * Conventions: the errors are pooled over every backtest origin and every step of the horizon
 * (a handful of in-window origins is too few for a quantile per step), so the width is the
 * same at every step; signed errors keep a biased model's interval off-centre.
 * Complexity: O(e log e) for e pooled errors, O(h * levels) to build.
 */
import { quantileSorted } from './quantile.js';
import { tabulate } from './series.js';
import type { Forecast } from './types.js';

export function empiricalIntervals(mean: Float64Array, errors: readonly Float64Array[], levels: readonly number[]): Forecast {
  const pooled = new Float64Array(errors.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of errors) {
    pooled.set(part, offset);
    offset += part.length;
  }
  pooled.sort();
  const shifted = (p: number) => {
    const quantile = quantileSorted(pooled, p);
    return tabulate(mean.length, (h) => mean[h]! + quantile);
  };
  return {
    mean,
    lower: levels.map((level) => shifted((1 - level) / 2)),
    upper: levels.map((level) => shifted((1 + level) / 2)),
    level: [...levels],
  };
}
