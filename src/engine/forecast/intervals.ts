/**
 * Prediction intervals from backtest errors (empirical, distribution-free, symmetric).
 *
 *   q_L = type-7 quantile (quantile.ts) at L of the absolute backtest errors |y - yhat|
 *   lower_L[h] = mean[h] - q_L,   upper_L[h] = mean[h] + q_L
 *
 * Reference: Williams & Goodman, "A simple method for the construction of empirical confidence
 * limits for economic forecasts", JASA 66(336), 1971; FPP3 section 5.5 (intervals from
 * forecast errors).
 * Conventions: the errors are pooled over every backtest origin and every step of the horizon
 * (a handful of in-window origins is too few for a quantile per step), so the width is the
 * same at every step. Absolute, not signed, errors: a bias seen in a few backtest days rarely
 * repeats with the same sign, and a signed quantile would carry it into the interval.
 * Complexity: O(e log e) for e pooled errors, O(h * levels) to build.
 */
import { quantileSorted } from './quantile.js';
import { tabulate } from './series.js';
import type { Forecast } from './types.js';

export function empiricalIntervals(mean: Float64Array, errors: readonly Float64Array[], levels: readonly number[]): Forecast {
  const pooled = new Float64Array(errors.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of errors) {
    for (let i = 0; i < part.length; i++) pooled[offset + i] = Math.abs(part[i]!);
    offset += part.length;
  }
  pooled.sort();
  const bound = (level: number, sign: number) => {
    const halfWidth = sign * quantileSorted(pooled, level);
    return tabulate(mean.length, (h) => mean[h]! + halfWidth);
  };
  return {
    mean,
    lower: levels.map((level) => bound(level, -1)),
    upper: levels.map((level) => bound(level, 1)),
    level: [...levels],
  };
}
