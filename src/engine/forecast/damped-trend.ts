/**
 * Additive damped trend exponential smoothing (Holt's linear method with a damped trend, ETS(A,Ad,N)).
 *
 *   level[t] = alpha * y[t] + (1 - alpha) * (level[t-1] + phi * trend[t-1])
 *   trend[t] = beta * (level[t] - level[t-1]) + (1 - beta) * phi * trend[t-1]
 *   yhat[n+h] = level[n] + (phi + phi^2 + ... + phi^h) * trend[n]
 *
 * Reference: Gardner & McKenzie, "Forecasting trends in time series", Management Science 31(10),
 * 1985; FPP3 section 8.2, https://otexts.com/fpp3/holt.html.
 * Conventions: start values level = y[0], trend = y[1] - y[0]; alpha, beta in (0, 1) and
 * phi in (0.8, 0.98) fitted by Nelder-Mead (nelder-mead.ts) on the one-step sum of squared
 * errors, from alpha = 0.5, beta = 0.1, phi = 0.9.
 * Complexity: O(n) per evaluation, O(n * evaluations) fit, O(h) forecast.
 */
import { bounded, nelderMead, unbounded } from './nelder-mead.js';
import { residualsOf, tabulate } from './series.js';
import type { ForecastModel, ModelFit } from './types.js';

interface DampedFit extends ModelFit {
  readonly level: number;
  readonly trend: number;
}

const PHI_LOW = 0.8;
const PHI_HIGH = 0.98;

function smooth(y: Float64Array, alpha: number, beta: number, phi: number, fitted?: Float64Array) {
  let level = y[0]!;
  let trend = y[1]! - y[0]!;
  let sse = 0;
  for (let t = 1; t < y.length; t++) {
    const predicted = level + phi * trend;
    const error = y[t]! - predicted;
    if (fitted) fitted[t] = predicted;
    sse += error * error;
    const previous = level;
    level = predicted + alpha * error;
    trend = beta * (level - previous) + (1 - beta) * phi * trend;
  }
  return { level, trend, sse };
}

export const dampedTrend: ForecastModel<DampedFit> = {
  name: 'damped',
  minLength: () => 3,
  fit(y) {
    const unpack = (x: readonly number[]) => [bounded(0, 1, x[0]!), bounded(0, 1, x[1]!), bounded(PHI_LOW, PHI_HIGH, x[2]!)] as const;
    const start = [unbounded(0, 1, 0.5), unbounded(0, 1, 0.1), unbounded(PHI_LOW, PHI_HIGH, 0.9)];
    const best = unpack(nelderMead((x) => smooth(y, ...unpack(x)).sse, start, { step: 1, maxEvaluations: 40, tolerance: 1e-6 }));
    const fitted = new Float64Array(y.length).fill(Number.NaN);
    const { level, trend } = smooth(y, ...best, fitted);
    const residuals = residualsOf(y, fitted);
    return { method: 'damped trend (ETS A,Ad,N)', fitted, residuals, params: { alpha: best[0], beta: best[1], phi: best[2] }, level, trend };
  },
  forecast(fit, steps) {
    const phi = fit.params.phi!;
    let damping = 0;
    return tabulate(steps, (h) => {
      damping += phi ** (h + 1);
      return fit.level + damping * fit.trend;
    });
  },
};
