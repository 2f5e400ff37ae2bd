/**
 * Prediction intervals from backtest errors (empirical, distribution-free, symmetric), one
 * width per bucket of forecast steps.
 *
 *   bucket b of B covers steps [floor(b H / B), floor((b + 1) H / B)) of the horizon H
 *   q_L,b = type-7 quantile (quantile.ts) at L of the absolute backtest errors |y - yhat| made
 *           at the steps of bucket b, pooled over the backtest origins
 *   lower_L[h] = mean[h] - c * q_L,b(h),   upper_L[h] = mean[h] + c * q_L,b(h)
 *   c = widen (1 unless the caller corrects for few origins, see combiner.ts)
 *
 * Reference: Williams & Goodman, "A simple method for the construction of empirical confidence
 * limits for economic forecasts", JASA 66(336), 1971 (errors at each lead time); FPP3 section
 * 5.5 (intervals from forecast errors); Lee & Scholtes, "Empirical prediction intervals revisited",
 * International Journal of Forecasting 30(2), 2014 (lead-time-specific empirical quantiles).
 * Conventions: a handful of in-window origins is too few for a quantile per step, so steps are
 * pooled within a bucket (B = 1 pools the whole horizon: one width at every step), and B is
 * lowered until every bucket holds on average at least 2 / (1 - L_max) errors, so that at least
 * two errors lie beyond the widest quantile (95%: 40 errors a bucket). A bucket
 * no backtest error reaches (origins shorter than the horizon) takes the quantile of all the
 * errors. Absolute, not signed, errors: a bias seen in a few backtest days rarely repeats with
 * the same sign, and a signed quantile would carry it into the interval.
 * Complexity: O(e log e) for e backtest errors, O(h * levels) to build.
 */
import { InvariantError } from '../../errors.js';
import { quantileSorted } from './quantile.js';
import { tabulate } from './series.js';
import type { Forecast } from './types.js';

/** Absolute errors at steps [from, to) of every origin, sorted ascending. */
function absoluteErrors(errors: readonly Float64Array[], from: number, to: number): Float64Array {
  const out: number[] = [];
  for (const part of errors) for (let h = from; h < Math.min(to, part.length); h++) out.push(Math.abs(part[h]!));
  return Float64Array.from(out).sort();
}

export function empiricalIntervals(mean: Float64Array, errors: readonly Float64Array[], levels: readonly number[], buckets = 1, widen = 1): Forecast {
  // A bucket count that is not a positive whole number is a caller's bug, not the user's input.
  if (!Number.isInteger(buckets) || buckets < 1) throw new InvariantError('interval buckets must be a positive integer', buckets);
  const horizon = mean.length;
  const pooled = absoluteErrors(errors, 0, Infinity);
  // Too few errors for a tail quantile per bucket: fewer buckets (at least one, at most one a step).
  const minimumPerBucket = Math.ceil(2 / (1 - Math.max(...levels)) - 1e-9);
  const count = Math.max(1, Math.min(buckets, horizon, Math.floor(pooled.length / minimumPerBucket)));
  const start = (b: number) => Math.floor((b * horizon) / count);
  const sortedByBucket = Array.from({ length: count }, (_, b) => {
    const part = count === 1 ? pooled : absoluteErrors(errors, start(b), start(b + 1));
    // No error reaches this bucket: fall back to all the errors.
    return part.length > 0 ? part : pooled;
  });
  const bucketOf = new Uint32Array(horizon);
  for (let b = 0; b < count; b++) bucketOf.fill(b, start(b), start(b + 1));
  const bound = (level: number, sign: number) => {
    const halfWidths = sortedByBucket.map((sorted) => sign * widen * quantileSorted(sorted, level));
    return tabulate(horizon, (h) => mean[h]! + halfWidths[bucketOf[h]!]!);
  };
  return {
    mean,
    lower: levels.map((level) => bound(level, -1)),
    upper: levels.map((level) => bound(level, 1)),
    level: [...levels],
  };
}
