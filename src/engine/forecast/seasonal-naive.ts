/**
 * Seasonal naive forecast (a random walk with seasonal lag m).
 *
 *   yhat[n+h] = y[n - m + ((h - 1) mod m)]        fitted[t] = y[t - m]
 *
 * Reference: Hyndman & Athanasopoulos, "Forecasting: Principles and Practice" (3rd ed.),
 * section 5.2, https://otexts.com/fpp3/simple-methods.html; R forecast `snaive`.
 * Conventions: no drift; the first m fitted values are NaN. With m = 1 it is the naive method.
 * Complexity: O(n) fit, O(h) forecast.
 */
import { residualsOf, tabulate } from './series.js';
import type { ForecastModel, ModelFit, Seasons } from './types.js';

interface SeasonalNaiveFit extends ModelFit {
  readonly lastSeason: Float64Array;
}

/** Seasonal naive whose lag `pick` chooses from the seasons (e.g. the daily one). */
export function seasonalNaive(name: string, pick: (seasons: Seasons) => number): ForecastModel<SeasonalNaiveFit> {
  return {
    name,
    minLength: (seasons) => pick(seasons),
    fit(y, seasons) {
      const lag = pick(seasons);
      const fitted = new Float64Array(y.length).fill(Number.NaN);
      for (let t = lag; t < y.length; t++) fitted[t] = y[t - lag]!;
      const residuals = residualsOf(y, fitted);
      return { method: `seasonal naive (lag ${lag})`, fitted, residuals, params: { lag }, lastSeason: y.slice(y.length - lag) };
    },
    forecast(fit, steps) {
      const lag = fit.lastSeason.length;
      return tabulate(steps, (h) => fit.lastSeason[h % lag]!);
    },
  };
}
