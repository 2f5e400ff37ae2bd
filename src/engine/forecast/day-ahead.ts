/**
 * The next day at the history's step: the short-horizon combination (combiner.ts, the
 * configuration bench:forecast scores) of the series' last two weeks, with its 80% and 95%
 * intervals calibrated from in-window backtests.
 *
 *   window  = the last min(14 days, all) of the series made whole
 *             (peak-trend.ts wholeDaySeries: ends a UTC day, gaps bridged)
 *   seasons = [1 day, 1 week] when the window holds two weeks, else [1 day]
 *   forecast the next 1 day of steps: DEFAULT_SETTINGS with horizon = steps a day and the
 *   backtest origins half a day apart
 *
 * Joined to the long horizon by day: this path is day 1 at the step, the daily-peak trend
 * (long-horizon.ts) carries every day after it; the crossing dates and the N+1 loss read the
 * daily peaks only (the 85% alert is about sustained peaks), so this path shows the shape of
 * tomorrow and moves no date.
 * Reference: FPP3 section 5.10 and 13.4 (see combiner.ts); the 14-day window is the protocol of
 * ../shared/bench/README.md, the one the combination is measured on.
 * Conventions: the caller has checked the series is long enough (peakTrend refuses shorter ones
 * with the same minimum); the window ends where the daily peaks end.
 * Complexity: the combiner's: (origins + 1) fits of every candidate on at most 14 days of steps.
 */
import { DEFAULT_SETTINGS, forecastSeries } from './combiner.js';
import type { Forecast } from './types.js';

const DAY_SECONDS = 86_400;
const WINDOW_DAYS = 14;

export interface DayAhead {
  /** Unix seconds of the first forecast step (one step after the last sample used). */
  readonly startSeconds: number;
  readonly stepSeconds: number;
  /** The last whole day measured, at the step (what the forecast follows). */
  readonly past: Float64Array;
  readonly forecast: Forecast;
}

/** `y` ends a UTC day at `lastSampleSeconds` (wholeDaySeries). */
export function dayAhead(y: Float64Array, lastSampleSeconds: number, stepSeconds: number, source: string): DayAhead {
  const stepsPerDay = DAY_SECONDS / stepSeconds;
  const window = y.subarray(Math.max(0, y.length - WINDOW_DAYS * stepsPerDay));
  const seasons = window.length === WINDOW_DAYS * stepsPerDay ? [stepsPerDay, 7 * stepsPerDay] : [stepsPerDay];
  const settings = { ...DEFAULT_SETTINGS, horizon: stepsPerDay, stride: Math.max(1, Math.floor(stepsPerDay / 2)) };
  return { startSeconds: lastSampleSeconds + stepSeconds, stepSeconds, past: window.slice(window.length - stepsPerDay), forecast: forecastSeries(window, seasons, settings, undefined, source) };
}
