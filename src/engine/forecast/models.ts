/**
 * The candidate models the combiner backtests, one line each. Adding a model is one file plus
 * one line here. The weekly naive, mean and smoothed profile are offered only when a second,
 * longer season is given (a weekly median would need three weeks to differ from the mean).
 */
import { dampedTrend } from './damped-trend.js';
import { drift } from './drift.js';
import { harmonicRegression } from './harmonic-regression.js';
import { holtWinters } from './holt-winters.js';
import { seasonalMean } from './seasonal-mean.js';
import { seasonalNaive } from './seasonal-naive.js';
import { smoothedProfile } from './smoothed-profile.js';
import type { ForecastModel, Seasons } from './types.js';

export const snaiveDay = seasonalNaive('snaive-day', (seasons) => seasons[0]!);
export const snaiveWeek = seasonalNaive('snaive-week', (seasons) => seasons[1]!);
export const smeanDay = seasonalMean('smean-day', (seasons) => seasons[0]!);
export const smeanWeek = seasonalMean('smean-week', (seasons) => seasons[1]!);
export const sprofileDay = smoothedProfile('sprofile-day', (seasons) => seasons[0]!, 'mean');
export const sprofileWeek = smoothedProfile('sprofile-week', (seasons) => seasons[1]!, 'mean');
export const smedianDay = smoothedProfile('smedian-day', (seasons) => seasons[0]!, 'median');

export function candidateModels(seasons: Seasons): readonly ForecastModel[] {
  const seasonal = seasons.length > 1 ? [snaiveDay, snaiveWeek, smeanDay, smeanWeek, sprofileDay, sprofileWeek, smedianDay] : [snaiveDay, smeanDay, sprofileDay, smedianDay];
  return [...seasonal, drift, dampedTrend, holtWinters, harmonicRegression] as readonly ForecastModel[];
}
