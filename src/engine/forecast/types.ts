/**
 * The one shape every forecast model shares (after R forecast's `rw_model` / `forecast.rw_model`):
 *
 *   fit(y, seasons)      -> { method, fitted, residuals, params }   (in-sample, one step ahead)
 *   forecast(fit, steps) -> point path of `steps` values after the last observation
 *
 * and, for any model or combination, `{ mean, lower, upper, level }` with the intervals
 * calibrated from rolling-origin backtests inside the training window (see intervals.ts).
 * Reports, accuracy and thresholds read only these shapes, never which model made them.
 *
 * Conventions: series are Float64Array at a regular step; `fitted[t]` is the one-step-ahead
 * prediction of `y[t]` (NaN where the model cannot predict yet, e.g. the first season of a
 * seasonal naive) and `residuals[t] = y[t] - fitted[t]`.
 */

/** Season lengths in steps, shortest first, e.g. [288, 2016] for daily and weekly at 5 min. */
export type Seasons = readonly number[];

export interface ModelFit {
  /** Long name with its settings, e.g. "seasonal naive (lag 288)". */
  readonly method: string;
  readonly fitted: Float64Array;
  readonly residuals: Float64Array;
  /** Fitted parameters by name, e.g. { alpha: 0.3 }. */
  readonly params: Readonly<Record<string, number>>;
}

export interface ForecastModel<F extends ModelFit = ModelFit> {
  /** Short stable name used in tables and registries, e.g. "snaive-day". */
  readonly name: string;
  /** Fewest observations the model can be fitted on, for these seasons. */
  minLength(seasons: Seasons): number;
  fit(y: Float64Array, seasons: Seasons): F;
  forecast(fit: F, steps: number): Float64Array;
  /**
   * The variance of the forecast error over the noise variance, under the model's own
   * assumptions, where it depends on how much data the fit saw: 1 + 1/K for a mean of K whole
   * seasons. Omitted by models whose error does not (training-length.ts).
   */
  errorVariance?(fit: F): number;
}

export interface Forecast {
  readonly mean: Float64Array;
  /** lower[i] and upper[i] bound the central interval of level[i] (e.g. 0.8). */
  readonly lower: readonly Float64Array[];
  readonly upper: readonly Float64Array[];
  readonly level: readonly number[];
}
