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
 * Conventions: the window ends where the daily peaks end; a series too short is refused with the
 * minimum peakTrend asks (two days and a step with under two weeks). The task is plain data, so
 * a piscina worker (workers/forecast-worker.ts) can make it and the result is the same bytes.
 * Complexity: the combiner's: (origins + 1) fits of every candidate on at most 14 days of steps.
 */
import { DEFAULT_SETTINGS, forecastSeries, type CombinerSettings } from './combiner.js';
import type { Forecast, Seasons } from './types.js';
import { checkSeries } from './validate.js';

const DAY_SECONDS = 86_400;
const WINDOW_DAYS = 14;

/** What one day-ahead forecast needs, checked: forecastSeries(values, seasons, settings) makes it (here or on a worker). */
export interface DayAheadTask {
  readonly values: Float64Array;
  readonly seasons: Seasons;
  readonly settings: CombinerSettings;
  readonly source: string;
  /** Unix seconds of the first forecast step (one step after the last sample used), and the step. */
  readonly startSeconds: number;
  readonly stepSeconds: number;
}

export interface DayAhead {
  readonly startSeconds: number;
  readonly stepSeconds: number;
  /** The last whole day measured, at the step (what the forecast follows). */
  readonly past: Float64Array;
  readonly forecast: Forecast;
}

/** `y` ends a UTC day at `lastSampleSeconds` (wholeDaySeries); a series too short is an InputError naming `source`. */
export function dayAheadTask(y: Float64Array, lastSampleSeconds: number, stepSeconds: number, source: string): DayAheadTask {
  const stepsPerDay = DAY_SECONDS / stepSeconds;
  const values = y.slice(Math.max(0, y.length - WINDOW_DAYS * stepsPerDay));
  const seasons = values.length === WINDOW_DAYS * stepsPerDay ? [stepsPerDay, 7 * stepsPerDay] : [stepsPerDay];
  const settings = { ...DEFAULT_SETTINGS, horizon: stepsPerDay, stride: Math.max(1, Math.floor(stepsPerDay / 2)) };
  // forecastSeries' own minimum, checked before any worker sees the task.
  checkSeries(values, seasons, Math.max(2 * Math.max(...seasons), stepsPerDay + 1 + settings.horizon), source);
  return { values, seasons, settings, source, startSeconds: lastSampleSeconds + stepSeconds, stepSeconds };
}

/** The task's result, with the last day it follows. */
export function dayAheadOf(task: DayAheadTask, forecast: Forecast): DayAhead {
  const stepsPerDay = DAY_SECONDS / task.stepSeconds;
  return { startSeconds: task.startSeconds, stepSeconds: task.stepSeconds, past: task.values.slice(task.values.length - stepsPerDay), forecast };
}

/** The task made in this thread. */
export function dayAhead(task: DayAheadTask): DayAhead {
  // The shape a worker returns: the paths and levels, not the weights.
  const { mean, lower, upper, level } = forecastSeries(task.values, task.seasons, task.settings, undefined, task.source);
  return dayAheadOf(task, { mean, lower, upper, level });
}
