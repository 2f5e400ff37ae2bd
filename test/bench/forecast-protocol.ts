/**
 * The forecast benchmark protocol of ../shared/bench/README.md ("forecast/"): from each origin,
 * forecast `horizon` steps from the `window` steps before it, score the MAE divided by the
 * window's in-sample daily seasonal naive MAE (a MASE), and the 80% / 95% coverage; mean over
 * the origins. The engine sees only the window: the test day is read here, after the forecast.
 */
import { coverage, mase } from '../../src/engine/forecast/accuracy/mase.js';
import { forecastSeries, type CombinerSettings } from '../../src/engine/forecast/combiner.js';
import type { ForecastModel, Seasons } from '../../src/engine/forecast/types.js';

export interface Protocol {
  /** Index of the first step of each test day. */
  readonly origins: readonly number[];
  readonly window: number;
  readonly seasons: Seasons;
  readonly settings: CombinerSettings;
}

export interface Score {
  readonly score: number;
  readonly cover80: number;
  readonly cover95: number;
}

export function scoreSeries(y: Float64Array, protocol: Protocol, candidates?: readonly ForecastModel[]): Score {
  const { horizon } = protocol.settings;
  const perOrigin = protocol.origins.map((origin) => {
    const train = y.slice(origin - protocol.window, origin);
    const actual = y.subarray(origin, origin + horizon);
    const forecast = forecastSeries(train, protocol.seasons, protocol.settings, candidates);
    const cover = (level: number) => coverage(actual, forecast.lower[forecast.level.indexOf(level)]!, forecast.upper[forecast.level.indexOf(level)]!);
    return { score: mase(actual, forecast.mean, train, protocol.seasons[0]!), cover80: cover(0.8), cover95: cover(0.95) };
  });
  const average = (key: keyof Score) => perOrigin.reduce((sum, s) => sum + s[key], 0) / perOrigin.length;
  return { score: average('score'), cover80: average('cover80'), cover95: average('cover95') };
}

export function formatScore(score: Score): string {
  return `score=${score.score.toFixed(3)} cover80=${score.cover80.toFixed(3)} cover95=${score.cover95.toFixed(3)}`;
}
