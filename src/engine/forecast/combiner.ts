/**
 * Per-series model combination chosen by rolling-origin backtests inside the training window.
 *
 *   1. backtest every candidate model at the in-window origins (backtest.ts)
 *   2. weights w_i from the backtest errors (weights.ts), shrunk toward the equal-weight average
 *      of the kept models by lambda = horizon / (horizon + backtest steps) (shrinkage.ts): the
 *      thinner the backtest evidence, the closer to the simple average
 *   3. mean[h] = sum_i w_i * yhat_i[h] from each model refitted on the whole window
 *   4. intervals from the combination's backtest errors e_j = sum_i w_i^(-j) * e'_ij at each
 *      origin j, where e'_ij = y - yhat_i is model i's error rescaled to the data the final
 *      fit sees (training-length.ts: a weekly mean averages one week at an origin inside a
 *      two-week window, two in the final fit), with weights w^(-j) chosen from the other
 *      origins on the errors as measured (leave one origin out,
 *      so the choice does not flatter its own errors), one width per bucket of forecast steps
 *      (intervals.ts), 80% and 95% by default, widened by sqrt(1 + 1/k) for k origins: errors
 *      within one backtest day share that day's offset (a level shift, a busier day), so k
 *      origins are about k draws of it, not k x horizon independent errors, and a new day's
 *      error around a scale taken from k days spreads as a new draw around a mean of k
 *      (the OLS prediction-interval factor, as in long-horizon.ts); 1.22 at 2 origins, 1.15 at 3
 *
 * Reference: Hyndman & Athanasopoulos, FPP3 sections 5.10 (time-series cross-validation) and
 * 13.4 (forecast combinations), https://otexts.com/fpp3/combinations.html; Diebold & Pauly,
 * "The use of prior information in forecast combination", IJF 6(4), 1990 (the shrinkage).
 * Conventions: only models that can be fitted at every backtest origin compete; nothing after
 * the end of `y` exists for this function, and each backtest sees only data before its origin.
 * Complexity: (origins + 1) fits of every candidate model (the origins' fits serve both the
 * errors and their rescaling).
 */
import { backtestOrigins, backtestRuns } from './backtest.js';
import { empiricalIntervals } from './intervals.js';
import { candidateModels } from './models.js';
import { shrinkTowardEqual } from './shrinkage.js';
import { rescaleToFinal } from './training-length.js';
import type { Forecast, ForecastModel, Seasons } from './types.js';
import { checkSeries } from './validate.js';
import { combinationWeights, type Weighting } from './weights.js';

export interface CombinerSettings {
  readonly horizon: number;
  readonly levels: readonly number[];
  /** How many in-window origins, and how many steps apart. */
  readonly backtests: number;
  readonly stride: number;
  readonly weighting: Weighting;
  /** How many of the best-backtested models the combination keeps. */
  readonly keep: number;
  /** Weight of the equal-weight prior, in horizons of backtest steps (0: no shrinkage). */
  readonly priorHorizons: number;
  /** How many buckets of forecast steps get their own interval width (1: one width). */
  readonly intervalBuckets: number;
}

export interface CombinedForecast extends Forecast {
  readonly method: string;
  /** Weight of each candidate model by name, in candidate order. */
  readonly weights: Readonly<Record<string, number>>;
}

/**
 * The configuration every series gets: one day ahead at 5 min, 3 in-window backtests half a day
 * apart, the 3 best models by 1/MSE shrunk toward their average with a prior of one horizon,
 * 80% and 95% intervals with one width per eighth of the horizon (3 hours of a day).
 */
export const DEFAULT_SETTINGS: CombinerSettings = {
  horizon: 288,
  levels: [0.8, 0.95],
  backtests: 3,
  stride: 144,
  weighting: 'inverse-mse',
  keep: 3,
  priorHorizons: 1,
  intervalBuckets: 8,
};

function weightedSum(paths: readonly Float64Array[], weights: Float64Array, steps: number): Float64Array {
  const out = new Float64Array(steps);
  paths.forEach((path, i) => {
    for (let h = 0; h < steps; h++) out[h] += weights[i]! * path[h]!;
  });
  return out;
}

/**
 * The calibrated forecast of `y` for the next `settings.horizon` steps. `candidates` defaults to
 * every model for these seasons; a single candidate gives that model with calibrated intervals.
 */
export function forecastSeries(
  y: Float64Array,
  seasons: Seasons,
  settings: CombinerSettings,
  candidates: readonly ForecastModel[] = candidateModels(seasons),
  source = 'series',
): CombinedForecast {
  const minTrain = seasons[0]! + 1;
  checkSeries(y, seasons, Math.max(2 * Math.max(...seasons), minTrain + settings.horizon), source);
  const origins = backtestOrigins(y.length, settings.horizon, settings.stride, settings.backtests, minTrain);
  const earliest = origins[origins.length - 1]!.origin;
  const models = candidates.filter((model) => model.minLength(seasons) <= earliest);
  const runs = models.map((model) => backtestRuns(y, seasons, model, origins));
  const errors = runs.map((run) => run.errors);
  const finalFits = models.map((model) => model.fit(y, seasons));
  const rescaled = models.map((model, i) => rescaleToFinal(model, finalFits[i]!, runs[i]!.fits, errors[i]!));
  // Weights from some origins' errors, shrunk by how many backtest steps they rest on.
  const weightsFrom = (perModel: readonly (readonly Float64Array[])[]) => {
    const steps = perModel[0]!.reduce((sum, part) => sum + part.length, 0);
    return shrinkTowardEqual(combinationWeights(perModel, settings.weighting, settings.keep), steps, settings.priorHorizons * settings.horizon);
  };
  const weights = weightsFrom(errors);
  // Each origin's error uses weights chosen without it, so selection does not shrink the intervals.
  const heldOut = (j: number) => (origins.length === 1 ? weights : weightsFrom(errors.map((perOrigin) => perOrigin.filter((_, k) => k !== j))));
  const combinedErrors = origins.map((_, j) => weightedSum(rescaled.map((perOrigin) => perOrigin[j]!), heldOut(j), origins[j]!.steps));
  const paths = models.map((model, i) => model.forecast(finalFits[i]!, settings.horizon));
  const widen = Math.sqrt(1 + 1 / origins.length);
  const intervals = empiricalIntervals(weightedSum(paths, weights, settings.horizon), combinedErrors, settings.levels, settings.intervalBuckets, widen);
  const named = Object.fromEntries(models.map((model, i) => [model.name, weights[i]!]));
  return { ...intervals, method: `combination by ${settings.weighting} over ${origins.length} in-window backtests`, weights: named };
}
