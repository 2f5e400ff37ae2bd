/**
 * Smoothed seasonal profile: the mean (or median) of the window's whole seasons at each phase,
 * smoothed along the phase by a circular moving average, with no level shift.
 *
 *   c[p]        = mean or median of y[s + k m + p] over k = 0..K-1   p = 0..m-1, s = n - K m
 *   smooth[p]   = (1/(2r+1)) sum_{j=-r..r} c[(p + j) mod m]
 *   yhat[n+h]   = smooth[(h - 1) mod m]
 *   fitted[t]   = the same two steps over the whole seasons before t's (NaN in the first)
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
 * even count is the mean of the middle two.
 * Complexity: O(n + K m r) fit with the mean, O(K^2 m log K) with the median; O(h) forecast.
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

function middle(sorted: Float64Array): number {
  const half = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[half]! : (sorted[half - 1]! + sorted[half]!) / 2;
}

/** The centre of seasons 0..cycles-1 (from `start`) at each phase. */
function centres(y: Float64Array, m: number, start: number, cycles: number, centre: ProfileCentre): Float64Array {
  if (centre === 'mean') {
    const sums = new Float64Array(m);
    for (let t = start; t < start + cycles * m; t++) sums[(t - start) % m] += y[t]!;
    return sums.map((sum) => sum / cycles);
  }
  const values = new Float64Array(cycles);
  return tabulate(m, (p) => {
    for (let k = 0; k < cycles; k++) values[k] = y[start + k * m + p]!;
    return middle(values.sort());
  });
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
      for (let k = 1; k < cycles; k++) fitted.set(circularMean(centres(y, m, start, k, centre), r), start + k * m);
      const profile = circularMean(centres(y, m, start, cycles, centre), r);
      const residuals = residualsOf(y, fitted);
      return { method: `smoothed ${centre} profile of ${cycles} seasons of ${m}, moving average of ${2 * r + 1}`, fitted, residuals, params: { period: m, cycles, halfWidth: r }, profile };
    },
    forecast(fit, steps) {
      const m = fit.profile.length;
      return tabulate(steps, (h) => fit.profile[h % m]!);
    },
  };
}
