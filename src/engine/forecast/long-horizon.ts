/**
 * Long-horizon forecast (weeks to a year) from the trend of sustained daily peaks, joined to
 * the short-horizon seasonal forecast.
 *
 *   sustained[t] = mean of y over the `sustain` steps ending at t (a 1-hour mean at 5 min)
 *   peak[d]      = max of sustained[t] over day d            d = 0..D-1, whole days from the end
 *   peak[d]     ~= b0 + b1 * d        (ordinary least squares, least-squares.ts)
 *   peakForecast[D+k] = b0 + b1 * (D + k),  k = 0..days-1
 *   interval: peakForecast +- q_L * sqrt(1 + 1/D + (d - dbar)^2 / Sdd)
 *             (q_L = type-7 quantile of |peak residuals|, widened as an OLS prediction interval)
 *
 * Joining: the short forecast (any whole number of days from the combiner) is kept as it is;
 * after it, its last day repeats as the seasonal shape, lifted by the growth of the peak trend
 * since that day:
 *   joined[t] = short[t]                                              t < s
 *   joined[t] = short[s - m + (t mod m)] + b1 * (day(t) - day(s - 1))  t >= s,  day(t) = floor(t / m)
 * so the daily peak of the joined path grows with the peak trend, not with the daily mean.
 *
 * Reference: FPP3 section 7.6 (forecasting with regression, prediction intervals) and 5.2;
 * the alert it serves (85% sustained use) is a peak, hence peaks, not means, carry the trend.
 * Conventions: the oldest partial day is left out; the series and the short forecast start at
 * a day boundary (the last observation ends a day). Linear, not damped: over a year the
 * caller reads the crossing date from the interval bounds as well as the mean.
 * Complexity: O(n) for the peaks, O(D) for the trend, O(days * m) to join.
 */
import { InputError, InvariantError } from '../../errors.js';
import { leastSquares } from './least-squares.js';
import { quantileSorted } from './quantile.js';
import { tabulate } from './series.js';
import type { Forecast } from './types.js';

export interface LongHorizonForecast {
  /** Per day after the last observation: the sustained daily peak with its intervals. */
  readonly dailyPeak: Forecast;
  /** Per step: the short forecast, then the seasonal shape lifted by the peak trend. */
  readonly joined: Float64Array;
  readonly params: { readonly slopePerDay: number; readonly interceptAtLastDay: number };
}

export function sustainedDailyPeaks(y: Float64Array, stepsPerDay: number, sustain: number): Float64Array {
  const days = Math.floor(y.length / stepsPerDay);
  const start = y.length - days * stepsPerDay;
  return tabulate(days, (d) => {
    let peak = -Infinity;
    let window = 0;
    const from = start + d * stepsPerDay;
    for (let t = from; t < from + stepsPerDay; t++) {
      window += y[t]! - (t - sustain >= from ? y[t - sustain]! : 0);
      if (t - from >= sustain - 1) peak = Math.max(peak, window / sustain);
    }
    return peak;
  });
}

export function longHorizonForecast(
  y: Float64Array,
  short: Float64Array,
  stepsPerDay: number,
  days: number,
  levels: readonly number[],
  sustain = 12,
): LongHorizonForecast {
  // The join repeats the short forecast's last day: it must hold whole days, at least one.
  if (short.length < stepsPerDay || short.length % stepsPerDay !== 0) throw new InvariantError('short forecast must be whole days', short.length);
  const peaks = sustainedDailyPeaks(y, stepsPerDay, sustain);
  const count = peaks.length;
  // A trend needs two days of peaks.
  if (count < 2) throw new InputError({ file: 'series', field: 'length', value: y.length, expected: `at least two days (${2 * stepsPerDay} values)` });
  const dayIndex = tabulate(count, (d) => d);
  const [intercept, slope] = leastSquares([tabulate(count, () => 1), dayIndex], peaks) as unknown as [number, number];
  const residuals = tabulate(count, (d) => Math.abs(peaks[d]! - intercept - slope * d)).sort();
  const centre = (count - 1) / 2;
  const spread = dayIndex.reduce((sum, d) => sum + (d - centre) ** 2, 0);
  const mean = tabulate(days, (k) => intercept + slope * (count + k));
  const widen = (k: number) => Math.sqrt(1 + 1 / count + (count + k - centre) ** 2 / spread);
  const bound = (level: number, sign: number) => tabulate(days, (k) => mean[k]! + sign * quantileSorted(residuals, level) * widen(k));
  const dailyPeak = { mean, lower: levels.map((level) => bound(level, -1)), upper: levels.map((level) => bound(level, 1)), level: [...levels] };
  const shortDays = short.length / stepsPerDay;
  const joined = tabulate(days * stepsPerDay, (t) => {
    if (t < short.length) return short[t]!;
    return short[short.length - stepsPerDay + (t % stepsPerDay)]! + slope * (Math.floor(t / stepsPerDay) - (shortDays - 1));
  });
  return { dailyPeak, joined, params: { slopePerDay: slope, interceptAtLastDay: intercept + slope * (count - 1) } };
}
