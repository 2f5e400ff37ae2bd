/**
 * Long-horizon forecast (weeks to a year) from the trend of sustained daily peaks, joined to
 * the short-horizon seasonal forecast.
 *
 *   sustained[t] = mean of y over the `sustain` steps ending at t (a 1-hour mean at 5 min)
 *   peak[d]      = max of sustained[t] over day d            d = 0..D-1, whole days from the end
 *   peak[d]     ~= b0 + b1 * d + sum_j w_j [d mod 7 = j] + delta * [d >= tau]
 *                  (ordinary least squares, least-squares.ts; the day-of-week terms w_1..w_6 only
 *                  with three weeks of peaks and when they lower Schwarz's criterion
 *                  n ln(SSE/n) + k ln n: weekend peaks below weekday ones are a pattern)
 *   tau = the day, of those leaving a week on each side, with the least SSE; the shift is kept
 *   only when F = (SSE_line - SSE_shift) / (SSE_shift / (D - 3)) > 8.85, else delta = 0
 *   (the plain line)
 *   peakForecast[D+k] = b0 + b1 * (D + k) + w_{(D+k) mod 7} + delta,  k = 0..days-1
 *   interval: peakForecast +- q_L * sqrt(1 + x' (X'X)^-1 x)
 *             (q_L = type-7 quantile of |peak residuals|, widened as an OLS prediction interval;
 *             x = the regressors of the forecast day; for the line, 1 + 1/D + (d - dbar)^2 / Sdd)
 *
 * Joining: the short forecast (any whole number of days from the combiner) is kept as it is;
 * after it, its last day repeats as the seasonal shape, lifted by the growth of the peak trend
 * since that day:
 *   joined[t] = short[t]                                              t < s
 *   joined[t] = short[s - m + (t mod m)] + b1 * (day(t) - day(s - 1))  t >= s,  day(t) = floor(t / m)
 * so the daily peak of the joined path grows with the peak trend, not with the daily mean.
 *
 * A step (a VM added, a migration) is a jump of the level, not growth: fitted as a line it tilts
 * the slope toward the jump and a year of that slope overstates growth many times. With the
 * shift in the model the slope is the growth within the segments, and the forecast starts from
 * the level after the step.
 * Reference: FPP3 section 7.6 (forecasting with regression, prediction intervals), 7.4 (dummy
 * variables for an intervention, a level shift); Andrews, "Tests for parameter instability and
 * structural change with unknown change point", Econometrica 61(4), 1993 (the sup-F test: the
 * F statistic at the best break date; 8.85 is its 5% critical value for one restriction with
 * 15% of the sample trimmed at each end, the fixed F table would find a break in noise);
 * Bai & Perron, Econometrica 66(1), 1998 (the break date by least squares); Schwarz, "Estimating
 * the dimension of a model", Annals of Statistics 6(2), 1978.
 * The alert it serves (85% sustained use) is a peak, hence peaks, not means, carry the trend.
 * Conventions: the oldest partial day is left out; the series and the short forecast start at
 * a day boundary (the last observation ends a day). Linear, not damped: over a year the
 * caller reads the crossing date from the interval bounds as well as the mean. One shift at
 * most; none is looked for under two weeks of peaks, nor when the line fits exactly.
 * Complexity: O(n) for the peaks, O(D^2) for the trend (a fit per candidate tau), O(days * m) to join.
 */
import { inv } from 'mathjs';
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
  readonly params: {
    readonly slopePerDay: number;
    readonly interceptAtLastDay: number;
    /** The first day (from the oldest whole day, 0) after the level shift, and its size; null without one. */
    readonly levelShift: { readonly day: number; readonly size: number } | null;
    /** Whether the trend carries day-of-week terms (the forecast's peaks then follow the week). */
    readonly weekly: boolean;
  };
}

/** A step must hold a week on each side, so a weekend's dip is not taken for one. */
const SEGMENT_DAYS = 7;
const WEEK = 7;
/** Andrews (1993), one restriction, 15% trimming, 5% level. */
const SUP_F_CRITICAL = 8.85;

interface TrendFit {
  readonly columns: Float64Array[];
  readonly coefficients: Float64Array;
  readonly residuals: Float64Array;
  readonly sse: number;
  readonly shiftDay: number | null;
  /** Whether the columns hold the day-of-week terms. */
  readonly weekly: boolean;
}

function fitColumns(columns: Float64Array[], peaks: Float64Array, shiftDay: number | null, weekly: boolean): TrendFit {
  const coefficients = leastSquares(columns, peaks);
  const residuals = tabulate(peaks.length, (d) => columns.reduce((rest, column, j) => rest - coefficients[j]! * column[d]!, peaks[d]!));
  const sse = residuals.reduce((sum, e) => sum + e * e, 0);
  return { columns, coefficients, residuals, sse, shiftDay, weekly };
}

/** The regressors of day `day` (counted from the oldest whole day) under a fit: 1, day, the day-of-week indicators, the shift. */
function regressorsAt(fit: TrendFit, day: number): number[] {
  const x = [1, day];
  if (fit.weekly) for (let phase = 1; phase < WEEK; phase++) x.push(day % WEEK === phase ? 1 : 0);
  if (fit.shiftDay !== null) x.push(day >= fit.shiftDay ? 1 : 0);
  return x;
}

/** Schwarz's criterion of a least-squares fit with k regressors on n points. */
function bic(fit: TrendFit, n: number): number {
  return n * Math.log(fit.sse / n) + fit.columns.length * Math.log(n);
}

/**
 * The line through the peaks, with day-of-week terms when three weeks are there and Schwarz's
 * criterion prefers them (a weekend's lower peaks are a pattern, not noise, and would otherwise
 * hide a level shift), and with a level shift when the sup-F test finds one.
 */
function peakTrendFit(peaks: Float64Array): TrendFit {
  const count = peaks.length;
  const trend = [tabulate(count, () => 1), tabulate(count, (d) => d)];
  const line = fitColumns(trend, peaks, null, false);
  let mean = 0;
  for (const peak of peaks) mean += peak / count;
  const total = peaks.reduce((sum, peak) => sum + (peak - mean) ** 2, 0);
  // An exact line (to rounding) has nothing left for a shift or a weekday to explain.
  if (count < 2 * SEGMENT_DAYS || line.sse <= 1e-12 * total) return line;
  const weekdays = Array.from({ length: WEEK - 1 }, (_, j) => tabulate(count, (d) => (d % WEEK === j + 1 ? 1 : 0)));
  const weekly = count >= 3 * WEEK ? fitColumns([...trend, ...weekdays], peaks, null, true) : null;
  const base = weekly !== null && weekly.sse > 0 && bic(weekly, count) < bic(line, count) ? weekly : line;
  let best = base;
  for (let tau = SEGMENT_DAYS; tau <= count - SEGMENT_DAYS; tau++) {
    const shifted = fitColumns([...base.columns, tabulate(count, (d) => (d >= tau ? 1 : 0))], peaks, tau, base.weekly);
    if (best === base || shifted.sse < best.sse) best = shifted;
  }
  const f = (base.sse - best.sse) / (best.sse / (count - best.columns.length));
  return f > SUP_F_CRITICAL ? best : base;
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

/** The daily-peak half of longHorizonForecast: the sustained peaks' trend and its intervals, without the join. */
export function dailyPeakForecast(y: Float64Array, stepsPerDay: number, days: number, levels: readonly number[], sustain = 12): Omit<LongHorizonForecast, 'joined'> {
  const peaks = sustainedDailyPeaks(y, stepsPerDay, sustain);
  const count = peaks.length;
  // A trend needs two days of peaks.
  if (count < 2) throw new InputError({ file: 'series', field: 'length', value: y.length, expected: `at least two days (${2 * stepsPerDay} values)` });
  const fit = peakTrendFit(peaks);
  const slope = fit.coefficients[1]!;
  const residuals = fit.residuals.map(Math.abs).sort();
  // (X'X)^-1 for the leverage x' (X'X)^-1 x of each forecast day.
  const gram = fit.columns.map((left) => fit.columns.map((right) => left.reduce((sum, value, d) => sum + value * right[d]!, 0)));
  const inverse = inv(gram);
  const predict = (day: number) => regressorsAt(fit, day).reduce((sum, xi, i) => sum + xi * fit.coefficients[i]!, 0);
  const leverage = (day: number) => {
    const x = regressorsAt(fit, day);
    return x.reduce((sum, xi, i) => sum + xi * x.reduce((inner, xj, j) => inner + inverse[i]![j]! * xj, 0), 0);
  };
  const mean = tabulate(days, (k) => predict(count + k));
  const widen = (k: number) => Math.sqrt(1 + leverage(count + k));
  const bound = (level: number, sign: number) => tabulate(days, (k) => mean[k]! + sign * quantileSorted(residuals, level) * widen(k));
  const dailyPeak = { mean, lower: levels.map((level) => bound(level, -1)), upper: levels.map((level) => bound(level, 1)), level: [...levels] };
  const levelShift = fit.shiftDay === null ? null : { day: fit.shiftDay, size: fit.coefficients[fit.columns.length - 1]! };
  return { dailyPeak, params: { slopePerDay: slope, interceptAtLastDay: predict(count - 1), levelShift, weekly: fit.weekly } };
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
  const peakForecast = dailyPeakForecast(y, stepsPerDay, days, levels, sustain);
  const slope = peakForecast.params.slopePerDay;
  const shortDays = short.length / stepsPerDay;
  const joined = tabulate(days * stepsPerDay, (t) => {
    if (t < short.length) return short[t]!;
    return short[short.length - stepsPerDay + (t % stepsPerDay)]! + slope * (Math.floor(t / stepsPerDay) - (shortDays - 1));
  });
  return { ...peakForecast, joined };
}
