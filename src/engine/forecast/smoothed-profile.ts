/**
 * Smoothed seasonal profile: the mean (or median) of the window's whole seasons at each phase,
 * smoothed along the phase by a circular moving average, with no level shift.
 *
 *   c[p]        = mean or median of y[s + k m + p] over k = 0..K-1   p = 0..m-1, s = n - K m
 *   smooth[p]   = (1/(2r+1)) sum_{j=-r..r} c[(p + j) mod m]
 *   yhat[n+h]   = smooth[(h - 1) mod m]
 *   fitted[t]   = the same two steps over the whole seasons before t's (NaN in the first)
 *   error variance over the noise variance (the mean only): 1 + 1/K, as for the seasonal mean
 *
 * Averaging K seasons divides the noise variance by about K; the moving average then pools
 * the neighbouring phases of a short window (K = 2 or 3), trading a little of the profile's
 * sharpness for 2r + 1 times less noise. The median ignores one abnormal season out of three
 * or more. No level is carried from the last hours: a level shift that reverts is a common
 * error of short windows, and the models with a level (seasonal mean, Holt-Winters) compete
 * with this one in the combination, which backtests decide between.
 * Reference: FPP3 sections 3.3 (moving averages) and 5.2 (simple methods); Cleveland et al.,
 * "STL: a seasonal-trend decomposition procedure based on loess", Journal of Official
 * Statistics 6(1), 1990 (cycle-subseries of each phase, smoothed; the median as its robust
 * variant).
 * Conventions: r = round(m_1 / 48) for the shortest season m_1 (half an hour each side for a
 * daily season at 5 min: 13 steps, one hour), whatever the season the profile is of; K =
 * every whole season in the series (the oldest partial one is left out); the median of an
 * even count is the mean of the middle two. The median declares no error variance (no
 * correction for the seasons it saw: its small-sample variance has no simple form, and 1 + 1/K
 * would overstate what a third season gives it); the mean's leaves out the smoothing's further
 * reduction (the smoothing adds bias), so it corrects no more than the mean of K earns.
 * Complexity: O(K m r) fit with the mean, O(K^2 m) with the median (sorted insertion); O(h) forecast.
 */
import { residualsOf, tabulate } from './series.js';
import type { ForecastModel, ModelFit, Seasons } from './types.js';

export type ProfileCentre = 'mean' | 'median';

interface SmoothedProfileFit extends ModelFit {
  /** The smoothed profile, starting at the phase of the first forecast step. */
  readonly profile: Float64Array;
}

/** Circular moving average of half-width r. */
function circularMean(values: Float64Array, r: number): Float64Array {
  const m = values.length;
  return tabulate(m, (p) => {
    let sum = 0;
    for (let j = -r; j <= r; j++) sum += values[(((p + j) % m) + m) % m]!;
    return sum / (2 * r + 1);
  });
}

/**
 * The centre of seasons 0..k-1 at each phase, for k = 1..cycles (seasons counted from `start`),
 * each handed to `use(k, centre)`. The median keeps each phase's values sorted by insertion.
 */
function eachCentre(y: Float64Array, m: number, start: number, cycles: number, centre: ProfileCentre, use: (k: number, centre: Float64Array) => void): void {
  const sums = new Float64Array(m);
  const sorted = new Float64Array(centre === 'median' ? m * cycles : 0);
  const current = new Float64Array(m);
  for (let k = 1; k <= cycles; k++) {
    const from = start + (k - 1) * m;
    for (let p = 0; p < m; p++) {
      const value = y[from + p]!;
      if (centre === 'mean') {
        sums[p] += value;
        current[p] = sums[p]! / k;
        continue;
      }
      // Insert value into the k - 1 sorted values of phase p (at p * cycles ..).
      const base = p * cycles;
      let i = k - 1;
      while (i > 0 && sorted[base + i - 1]! > value) {
        sorted[base + i] = sorted[base + i - 1]!;
        i--;
      }
      sorted[base + i] = value;
      const half = k >> 1;
      current[p] = k % 2 === 1 ? sorted[base + half]! : (sorted[base + half - 1]! + sorted[base + half]!) / 2;
    }
    use(k, current);
  }
}

export function smoothedProfile(name: string, pick: (seasons: Seasons) => number, centre: ProfileCentre): ForecastModel<SmoothedProfileFit> {
  return {
    name,
    minLength: (seasons) => pick(seasons),
    fit(y, seasons) {
      const m = pick(seasons);
      const r = Math.min(Math.round(seasons[0]! / 48), Math.floor((m - 1) / 2));
      const cycles = Math.floor(y.length / m);
      const start = y.length - cycles * m;
      const fitted = new Float64Array(y.length).fill(Number.NaN);
      let profile: Float64Array = new Float64Array(m);
      eachCentre(y, m, start, cycles, centre, (k, centres) => {
        if (k < cycles) fitted.set(circularMean(centres, r), start + k * m);
        else profile = circularMean(centres, r);
      });
      const residuals = residualsOf(y, fitted);
      return { method: `smoothed ${centre} profile of ${cycles} seasons of ${m}, moving average of ${2 * r + 1}`, fitted, residuals, params: { period: m, cycles, halfWidth: r }, profile };
    },
    forecast(fit, steps) {
      const m = fit.profile.length;
      return tabulate(steps, (h) => fit.profile[h % m]!);
    },
    ...(centre === 'mean' ? { errorVariance: (fit: SmoothedProfileFit) => 1 + 1 / fit.params.cycles! } : {}),
  };
}
