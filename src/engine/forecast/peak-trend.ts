/**
 * One utilisation series to the forecast of its sustained daily peak over a long horizon: the
 * peak trend with its intervals (long-horizon.ts dailyPeakForecast), which carries the growth.
 * The threshold crossings and the N+1 loss are judged on these daily peaks only, so the
 * short-horizon combiner (combiner.ts, what bench:forecast scores) is not run here: its
 * step-by-step forecast would only feed the joined series, which nothing reads.
 * The series is first made whole:
 *   - gaps (NaN, a long gap the loader kept as missing) are bridged by a straight line between
 *     the values around them: a forecast needs a regular series, and a line neither adds nor
 *     removes growth;
 *   - the tail after the last whole UTC day is dropped, so the last observation ends a day.
 * Cost: O(n) for the peaks plus one small least-squares fit per candidate level shift.
 */
import { dailyPeakForecast, sustainedDailyPeaks } from './long-horizon.js';
import { bridgeGaps } from './series.js';
import { checkSeries } from './validate.js';
import type { Forecast } from './types.js';

const DAY_SECONDS = 86_400;
const LEVELS = [0.8, 0.95] as const;

export interface PeakTrend {
  /** Unix seconds of the last sample used (the end of the last whole day). */
  lastSampleSeconds: number;
  /** The last whole day's sustained peak. */
  lastPeak: number;
  /** Every whole day's sustained peak in the history, oldest first (the last is `lastPeak`). */
  pastPeaks: Float64Array;
  /** Per day after the last sample (day 1 first): the sustained peak, 80% and 95% intervals. */
  dailyPeak: Forecast;
  slopePerDay: number;
}

/** The series made whole (see above): its values up to the end of the last whole day, gaps bridged. */
export function wholeDaySeries(values: Float64Array, startSeconds: number, stepSeconds: number): { y: Float64Array; lastSampleSeconds: number } {
  const endsDay = (i: number) => (startSeconds + (i + 1) * stepSeconds) % DAY_SECONDS === 0;
  let last = values.length - 1;
  while (last > 0 && !endsDay(last)) last--;
  return { y: bridgeGaps(values.subarray(0, last + 1)), lastSampleSeconds: startSeconds + last * stepSeconds };
}

export function peakTrend(values: Float64Array, startSeconds: number, stepSeconds: number, horizonDays: number, source: string): PeakTrend {
  const stepsPerDay = DAY_SECONDS / stepSeconds;
  const { y, lastSampleSeconds } = wholeDaySeries(values, startSeconds, stepSeconds);
  // The length the combiner would ask of a day-ahead forecast (two seasons, a backtest's room), so
  // a series too short to forecast is refused the same way wherever it is forecast.
  const seasons = y.length >= 2 * 7 * stepsPerDay + stepsPerDay ? [stepsPerDay, 7 * stepsPerDay] : [stepsPerDay];
  checkSeries(y, seasons, Math.max(2 * Math.max(...seasons), stepsPerDay + 1 + stepsPerDay), source);
  const long = dailyPeakForecast(y, stepsPerDay, horizonDays, LEVELS);
  const peaks = sustainedDailyPeaks(y, stepsPerDay, 12);
  return { lastSampleSeconds, lastPeak: peaks[peaks.length - 1]!, pastPeaks: peaks, dailyPeak: long.dailyPeak, slopePerDay: long.params.slopePerDay };
}
