/**
 * Piscina worker: unpack one series, run the pure per-series forecaster, return the mean and the
 * interval bounds packed in one transferable Float64Array:
 *   [mean | lower level 0 | upper level 0 | lower level 1 | upper level 1 | ...], horizon each.
 */
import { move } from 'piscina';
import { forecastSeries, type CombinerSettings } from '../engine/forecast/combiner.js';
import type { Seasons } from '../engine/forecast/types.js';

export interface ForecastTask {
  readonly values: Float64Array;
  readonly seasons: Seasons;
  readonly settings: CombinerSettings;
  /** Names the series in an InputError. */
  readonly source?: string;
}

export default ({ values, seasons, settings, source }: ForecastTask): Float64Array => {
  const forecast = forecastSeries(values, seasons, settings, undefined, source);
  const parts = [forecast.mean, ...forecast.level.flatMap((_, i) => [forecast.lower[i]!, forecast.upper[i]!])];
  const packed = new Float64Array(parts.length * settings.horizon);
  parts.forEach((part, i) => packed.set(part, i * settings.horizon));
  return move(packed) as unknown as Float64Array;
};
