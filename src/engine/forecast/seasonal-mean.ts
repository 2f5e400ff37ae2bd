/**
 * Seasonal mean profile, moved to the level of the last season (a level-adjusted average of
 * the seasonal naive forecasts at lags m, 2m, ..., Km).
 *
 *   profile[p] = (1/K) sum_{k=1..K} y[n - k m + p]                  p = 0..m-1
 *   shift      = mean(y[n-m .. n)) - mean(y[n-Km .. n))             (last season vs all K)
 *   yhat[n+h]  = profile[(h - 1) mod m] + shift
 *   fitted[t]  = mean of y[t - m], y[t - 2m], ... back to the start (no shift)
 *   error variance over the noise variance: 1 + 1/K (a new season's noise plus the noise of
 *   a mean of K; FPP3 section 5.5, the mean method's sigma sqrt(1 + 1/T)), leaving out the
 *   shift's O(1/m) (1/(2m) for K = 2; nothing at a day's or a week's steps)
 *
 * Reference: FPP3 section 5.2 (seasonal naive) and 13.4 (averaging forecasts); averaging K
 * seasonal naive forecasts divides the variance of their noise by about K.
 * Conventions: K = every whole season in the series (the oldest partial one is left out);
 * the first season of fitted values is NaN.
 * Complexity: O(n) fit, O(h) forecast.
 */
import { residualsOf, tabulate } from './series.js';
import type { ForecastModel, ModelFit, Seasons } from './types.js';

interface SeasonalMeanFit extends ModelFit {
  readonly profile: Float64Array;
}

export function seasonalMean(name: string, pick: (seasons: Seasons) => number): ForecastModel<SeasonalMeanFit> {
  return {
    name,
    minLength: (seasons) => pick(seasons),
    fit(y, seasons) {
      const m = pick(seasons);
      const cycles = Math.floor(y.length / m);
      const start = y.length - cycles * m;
      const profile = new Float64Array(m);
      let all = 0;
      // Phases as wrapping counters, not % and division per step: the fit runs at every backtest origin.
      for (let t = start, phase = 0; t < y.length; t++, phase = phase + 1 === m ? 0 : phase + 1) {
        profile[phase] += y[t]! / cycles;
        all += y[t]!;
      }
      let last = 0;
      for (let t = y.length - m; t < y.length; t++) last += y[t]!;
      const shift = last / m - all / (cycles * m);
      const sums = new Float64Array(m);
      const fitted = new Float64Array(y.length).fill(Number.NaN);
      for (let t = 0, phase = 0, seen = 0; t < y.length; t++) {
        if (seen > 0) fitted[t] = sums[phase]! / seen;
        sums[phase] += y[t]!;
        if (++phase === m) {
          phase = 0;
          seen++;
        }
      }
      const residuals = residualsOf(y, fitted);
      const shifted = profile.map((value) => value + shift);
      return { method: `seasonal mean of ${cycles} seasons of ${m}, last-season level`, fitted, residuals, params: { period: m, cycles, shift }, profile: shifted };
    },
    forecast(fit, steps) {
      const m = fit.profile.length;
      return tabulate(steps, (h) => fit.profile[h % m]!);
    },
    errorVariance: (fit) => 1 + 1 / fit.params.cycles!,
  };
}
