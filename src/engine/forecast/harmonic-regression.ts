/**
 * Harmonic (Fourier) regression with a linear trend and AR(1) errors (dynamic harmonic regression).
 *
 *   y[t] = b0 + b1 * t/n + sum over seasons m, k = 1..K_m of
 *            a_mk * sin(2 pi k t / m) + c_mk * cos(2 pi k t / m)  +  e[t]
 *   e[t] = phi * e[t-1] + u[t]
 *   yhat[n-1+h] = regression(n-1+h) + phi^h * e[n-1]
 *
 * Reference: Hyndman & Athanasopoulos, FPP3 section 10.5 "Dynamic harmonic regression",
 * https://otexts.com/fpp3/dhr.html (R forecast `fourier()` + `Arima(xreg=)`).
 * Conventions: K = 10 harmonics for the shortest season and 3 for each longer one, below the
 * Nyquist limit (m - 1) / 2, skipping a harmonic a shorter season already has (weekly k = 7
 * is daily k = 1); a season's terms are used only once the series holds one full cycle of it.
 * Harmonics k > 1 come from k = 1 by angle addition, not by a sine call per term. Coefficients by ordinary least squares (least-squares.ts, mathjs `lusolve`), then
 * phi by least squares of e[t] on e[t-1], clamped to [0, 0.999]: a two-step fit, not joint
 * maximum likelihood. The fitted value adds phi * e[t-1] to the regression.
 * The regressors of a fit depend only on the seasons and the length, never on the values, so
 * X'X and its factors are shared by every fit of that shape (a few recent shapes kept: the
 * series of one history have one length, and the backtests a few more).
 * Complexity: O(n p^2 + p^3) with p = 2 + 2 * sum K_m for a new shape, then O(n p + p^2).
 */
import { normalEquations, solveNormalEquations, type NormalEquations } from './least-squares.js';
import { residualsOf, tabulate } from './series.js';
import type { ForecastModel, ModelFit, Seasons } from './types.js';

interface HarmonicFit extends ModelFit {
  readonly coefficients: Float64Array;
  readonly seasons: Seasons;
  readonly length: number;
  readonly lastError: number;
}

const SHORTEST_SEASON_TERMS = 10;
const LONGER_SEASON_TERMS = 3;

function usedSeasons(seasons: Seasons, length: number): Seasons {
  return seasons.filter((m) => m <= length);
}

/** Harmonics k of season m that no shorter season already has (k / m = j / shorter). */
function harmonics(seasons: Seasons, index: number): number[] {
  const m = seasons[index]!;
  const wanted = index === 0 ? SHORTEST_SEASON_TERMS : LONGER_SEASON_TERMS;
  const found: number[] = [];
  for (let k = 1; k <= Math.floor((m - 1) / 2) && found.length < wanted; k++) {
    if (!seasons.slice(0, index).some((shorter) => (k * shorter) % m === 0)) found.push(k);
  }
  return found;
}

/** The regressors at steps [from, from + count), for a series of `length` fitted values. */
function regressors(seasons: Seasons, length: number, from: number, count: number): Float64Array[] {
  const columns = [new Float64Array(count).fill(1), tabulate(count, (i) => (from + i) / length)];
  seasons.forEach((m, index) => {
    const wanted = new Set(harmonics(seasons, index));
    const top = Math.max(0, ...wanted);
    const sin1 = tabulate(count, (i) => Math.sin((2 * Math.PI * (from + i)) / m));
    const cos1 = tabulate(count, (i) => Math.cos((2 * Math.PI * (from + i)) / m));
    let [sin, cos] = [sin1, cos1];
    for (let k = 1; k <= top; k++) {
      if (wanted.has(k)) columns.push(sin, cos);
      // Angle addition: sin((k+1)x) = sin(kx) cos(x) + cos(kx) sin(x), likewise cos.
      const [previousSin, previousCos] = [sin, cos];
      sin = tabulate(count, (i) => previousSin[i]! * cos1[i]! + previousCos[i]! * sin1[i]!);
      cos = tabulate(count, (i) => previousCos[i]! * cos1[i]! - previousSin[i]! * sin1[i]!);
    }
  });
  return columns;
}

function combine(columns: readonly Float64Array[], coefficients: Float64Array, count: number): Float64Array {
  const out = new Float64Array(count);
  for (let j = 0; j < columns.length; j++) {
    const column = columns[j]!;
    const coefficient = coefficients[j]!;
    for (let t = 0; t < count; t++) out[t] += coefficient * column[t]!;
  }
  return out;
}

/** Fit shapes kept: a report's series share a few lengths (the history's, each backtest's). */
const SHAPES_KEPT = 8;
const shapes = new Map<string, NormalEquations>();

/** The fit's regressors and factorised X'X for these seasons and this length, least recently used dropped. */
function fitEquations(seasons: Seasons, length: number): NormalEquations {
  const key = `${seasons.join(',')}/${length}`;
  const kept = shapes.get(key);
  if (kept !== undefined) {
    shapes.delete(key);
    shapes.set(key, kept);
    return kept;
  }
  const equations = normalEquations(regressors(seasons, length, 0, length));
  shapes.set(key, equations);
  if (shapes.size > SHAPES_KEPT) shapes.delete(shapes.keys().next().value!);
  return equations;
}

export const harmonicRegression: ForecastModel<HarmonicFit> = {
  name: 'harmonic-ar1',
  minLength: (seasons) => seasons[0]! + 1,
  fit(y, allSeasons) {
    const seasons = usedSeasons(allSeasons, y.length);
    const equations = fitEquations(seasons, y.length);
    const { columns } = equations;
    const coefficients = solveNormalEquations(equations, y);
    const regression = combine(columns, coefficients, y.length);
    const errors = residualsOf(y, regression);
    let lagged = 0;
    let squares = 0;
    for (let t = 1; t < y.length; t++) {
      lagged += errors[t]! * errors[t - 1]!;
      squares += errors[t - 1]! * errors[t - 1]!;
    }
    const phi = squares > 0 ? Math.min(0.999, Math.max(0, lagged / squares)) : 0;
    const fitted = tabulate(y.length, (t) => (t === 0 ? Number.NaN : regression[t]! + phi * errors[t - 1]!));
    const residuals = residualsOf(y, fitted);
    const method = `harmonic regression (seasons ${seasons.join(', ')}) + trend, AR(1) errors`;
    return { method, fitted, residuals, params: { phi, terms: columns.length }, coefficients, seasons, length: y.length, lastError: errors[y.length - 1]! };
  },
  forecast(fit, steps) {
    const columns = regressors(fit.seasons, fit.length, fit.length, steps);
    const phi = fit.params.phi!;
    const regression = combine(columns, fit.coefficients, steps);
    return tabulate(steps, (h) => regression[h]! + phi ** (h + 1) * fit.lastError);
  },
};
