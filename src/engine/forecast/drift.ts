/**
 * Random walk with drift (the drift method).
 *
 *   slope = (y[n-1] - y[0]) / (n - 1)      yhat[n-1+h] = y[n-1] + h * slope
 *   fitted[t] = y[t-1] + slope
 *
 * Reference: Hyndman & Athanasopoulos, FPP3 section 5.2 "Drift method"; R forecast `rwf(drift=TRUE)`.
 * Conventions: slope from the end points (the mean of the first differences); fitted[0] is NaN.
 * Complexity: O(n) fit, O(h) forecast.
 */
import { residualsOf, tabulate } from './series.js';
import type { ForecastModel, ModelFit } from './types.js';

interface DriftFit extends ModelFit {
  readonly last: number;
}

export const drift: ForecastModel<DriftFit> = {
  name: 'drift',
  minLength: () => 2,
  fit(y) {
    const last = y[y.length - 1]!;
    const slope = (last - y[0]!) / (y.length - 1);
    const fitted = tabulate(y.length, (t) => (t === 0 ? Number.NaN : y[t - 1]! + slope));
    const residuals = residualsOf(y, fitted);
    return { method: 'random walk with drift', fitted, residuals, params: { slope }, last };
  },
  forecast(fit, steps) {
    return tabulate(steps, (h) => fit.last + (h + 1) * fit.params.slope!);
  },
};
