/**
 * The candidate models the combiner backtests, one line each. Adding a model is one file plus
 * one line here. Weekly naive is offered only when a second, longer season is given.
 */
import { dampedTrend } from './damped-trend.js';
import { drift } from './drift.js';
import { harmonicRegression } from './harmonic-regression.js';
import { holtWinters } from './holt-winters.js';
import { seasonalMean } from './seasonal-mean.js';
import { seasonalNaive } from './seasonal-naive.js';
import type { ForecastModel, Seasons } from './types.js';

export const snaiveDay = seasonalNaive('snaive-day', (seasons) => seasons[0]!);
export const snaiveWeek = seasonalNaive('snaive-week', (seasons) => seasons[1]!);
export const smeanDay = seasonalMean('smean-day', (seasons) => seasons[0]!);
export const smeanWeek = seasonalMean('smean-week', (seasons) => seasons[1]!);

export function candidateModels(seasons: Seasons): readonly ForecastModel[] {
  const seasonal = seasons.length > 1 ? [snaiveDay, snaiveWeek, smeanDay, smeanWeek] : [snaiveDay, smeanDay];
  return [...seasonal, drift, dampedTrend, holtWinters, harmonicRegression] as readonly ForecastModel[];
}
