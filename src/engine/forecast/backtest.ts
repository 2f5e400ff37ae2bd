/**
 * Rolling-origin backtests inside the training window (time-series cross-validation).
 *
 *   origins o_j = n - horizon - (j - 1) * stride, j = 1..count, kept while o_j >= minTrain
 *   at each origin: fit on y[0 .. o_j), forecast `horizon` steps, compare with y[o_j .. o_j + horizon)
 *
 * Reference: Tashman, "Out-of-sample tests of forecasting accuracy", International Journal of
 * Forecasting 16(4), 2000; FPP3 section 5.10, https://otexts.com/fpp3/tscv.html.
 * Conventions: everything happens inside the window the caller passes; nothing after its end
 * is read, so a forecast made from the window never sees data after its origin. Each origin
 * refits the model (parameters included) on the data before it.
 * Complexity: count fits of each model on at most n values.
 */
import { residualsOf } from './series.js';
import type { ForecastModel, ModelFit, Seasons } from './types.js';

export interface BacktestOrigin {
  readonly origin: number;
  readonly steps: number;
}

export function backtestOrigins(length: number, horizon: number, stride: number, count: number, minTrain: number): BacktestOrigin[] {
  const origins: BacktestOrigin[] = [];
  for (let j = 0; j < count && length - horizon - j * stride >= minTrain; j++) {
    origins.push({ origin: length - horizon - j * stride, steps: horizon });
  }
  return origins;
}

export interface BacktestRuns<F extends ModelFit> {
  /** Forecast errors y - yhat at each origin, in origin order. */
  readonly errors: Float64Array[];
  /** The fit made at each origin. */
  readonly fits: F[];
}

/** One model's fit and forecast errors at each origin, in origin order. */
export function backtestRuns<F extends ModelFit>(y: Float64Array, seasons: Seasons, model: ForecastModel<F>, origins: readonly BacktestOrigin[]): BacktestRuns<F> {
  const fits = origins.map(({ origin }) => model.fit(y.subarray(0, origin), seasons));
  const errors = origins.map(({ origin, steps }, j) => residualsOf(y.subarray(origin, origin + steps), model.forecast(fits[j]!, steps)));
  return { errors, fits };
}

/** Forecast errors y - yhat of one model at each origin, in origin order. */
export function backtestErrors(y: Float64Array, seasons: Seasons, model: ForecastModel, origins: readonly BacktestOrigin[]): Float64Array[] {
  return backtestRuns(y, seasons, model, origins).errors;
}
