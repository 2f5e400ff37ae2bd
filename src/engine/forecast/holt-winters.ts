/**
 * Additive Holt-Winters seasonal exponential smoothing (ETS(A,A,A)), one season of m steps.
 *
 *   level[t]  = alpha * (y[t] - season[t-m]) + (1 - alpha) * (level[t-1] + trend[t-1])
 *   trend[t]  = beta * (level[t] - level[t-1]) + (1 - beta) * trend[t-1]
 *   season[t] = gamma * (y[t] - level[t-1] - trend[t-1]) + (1 - gamma) * season[t-m]
 *   yhat[n+h] = level[n] + h * trend[n] + season[n - m + 1 + ((h - 1) mod m)]
 *
 * Reference: Winters, "Forecasting sales by exponentially weighted moving averages", Management
 * Science 6(3), 1960; FPP3 section 8.3, https://otexts.com/fpp3/holt-winters.html.
 * Conventions: start values from the whole window (the R `forecast` "simple" start uses only
 * the first seasons, which leaves one noisy day as the seasonal state): season[i] = the mean
 * daily profile at phase i minus its mean, level = mean of season 1, trend = 0.
 * alpha, beta, gamma in (0, 1) are fitted by Nelder-Mead (nelder-mead.ts) on the one-step sum
 * of squared errors from t = m on, starting at alpha = 0.2, beta = 0.01, gamma = 0.1.
 * Complexity: O(n) per evaluation, O(n * evaluations) fit, O(h) forecast.
 */
import { bounded, nelderMead, unbounded } from './nelder-mead.js';
import { residualsOf, tabulate } from './series.js';
import type { ForecastModel, ModelFit } from './types.js';

interface HoltWintersFit extends ModelFit {
  readonly level: number;
  readonly trend: number;
  /** The last m seasonal states, starting with the slot of the first forecast step. */
  readonly season: Float64Array;
}

function mean(y: Float64Array, from: number, to: number): number {
  let sum = 0;
  for (let t = from; t < to; t++) sum += y[t]!;
  return sum / (to - from);
}

/** Mean of y at each phase t mod m, minus the mean of those means. */
function meanProfile(y: Float64Array, m: number): Float64Array {
  const sums = new Float64Array(m);
  const counts = new Float64Array(m);
  // The phase as a wrapping counter, not t % m: this runs once per fit on the whole series.
  for (let t = 0, phase = 0; t < y.length; t++, phase = phase + 1 === m ? 0 : phase + 1) {
    sums[phase] += y[t]!;
    counts[phase]++;
  }
  const profile = tabulate(m, (i) => sums[i]! / counts[i]!);
  const centre = mean(profile, 0, m);
  return tabulate(m, (i) => profile[i]! - centre);
}

/** One pass of the recursions from the start profile (copied, never changed). */
function smooth(y: Float64Array, startProfile: Float64Array, alpha: number, beta: number, gamma: number, fitted?: Float64Array) {
  const m = startProfile.length;
  let level = mean(y, 0, m);
  let trend = 0;
  const season = startProfile.slice();
  let sse = 0;
  for (let t = m, slot = 0; t < y.length; t++, slot = slot + 1 === m ? 0 : slot + 1) {
    const predicted = level + trend + season[slot]!;
    const error = y[t]! - predicted;
    if (fitted) fitted[t] = predicted;
    sse += error * error;
    const previousLevel = level;
    const previousTrend = trend;
    level = alpha * (y[t]! - season[slot]!) + (1 - alpha) * (previousLevel + previousTrend);
    trend = beta * (level - previousLevel) + (1 - beta) * previousTrend;
    season[slot] = gamma * (y[t]! - previousLevel - previousTrend) + (1 - gamma) * season[slot]!;
  }
  const rotate = y.length % m;
  return { level, trend, season: tabulate(m, (i) => season[(rotate + i) % m]!), sse };
}

export const holtWinters: ForecastModel<HoltWintersFit> = {
  name: 'holt-winters',
  minLength: (seasons) => seasons[0]! + 1,
  fit(y, seasons) {
    const m = seasons[0]!;
    const startProfile = meanProfile(y, m);
    const unpack = (x: readonly number[]) => [bounded(0, 1, x[0]!), bounded(0, 1, x[1]!), bounded(0, 1, x[2]!)] as const;
    const start = [unbounded(0, 1, 0.2), unbounded(0, 1, 0.01), unbounded(0, 1, 0.1)];
    const best = unpack(nelderMead((x) => smooth(y, startProfile, ...unpack(x)).sse, start, { step: 1, maxEvaluations: 40, tolerance: 1e-6 }));
    const fitted = new Float64Array(y.length).fill(Number.NaN);
    const state = smooth(y, startProfile, ...best, fitted);
    const residuals = residualsOf(y, fitted);
    const params = { alpha: best[0], beta: best[1], gamma: best[2], period: m };
    return { method: `additive Holt-Winters (season ${m})`, fitted, residuals, params, ...state };
  },
  forecast(fit, steps) {
    const m = fit.season.length;
    return tabulate(steps, (h) => fit.level + (h + 1) * fit.trend + fit.season[h % m]!);
  },
};
