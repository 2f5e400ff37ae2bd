/**
 * Backtest errors rescaled to the amount of data the final forecast sees.
 *
 *   v(fit)  = the model's forecast-error variance over its noise variance (errorVariance in
 *             types.ts; 1 when the model declares none), e.g. 1 + 1/K for a mean of K seasons
 *   e'_j[h] = e_j[h] * sqrt(v(final fit) / v(fit at origin j))
 *
 * A backtest origin sees less of the window than the final forecast: a weekly mean fitted at
 * an origin inside a 14-day window averages one week, the final one two, so its backtest
 * errors are those of a weekly naive (variance 2 sigma^2) while its final errors are those of
 * a mean of two (1.5 sigma^2). Scaled by the ratio of the two variances the model's own
 * formula gives, the backtest errors are draws of the error the final forecast makes, which
 * is what intervals calibrated from them need (exchangeable errors, as in split conformal
 * prediction with a normalised score |e| / sigma_j: Papadopoulos, Vovk & Gammerman,
 * "Normalized nonconformity measures for regression conformal prediction", AIAPP 2008).
 * Reference: FPP3 section 5.5, https://otexts.com/fpp3/prediction-intervals.html (the mean
 * method's interval sigma sqrt(1 + 1/T)); Lei, G'Sell, Rinaldo, Tibshirani & Wasserman,
 * "Distribution-free predictive inference for regression", JASA 113(523), 2018 (locally
 * weighted conformal intervals).
 * Conventions: the ratio comes from the model's assumptions (independent noise around a fixed
 * profile), not from the data: with two weeks in the window, a two-week mean's error cannot be
 * measured inside it. Only intervals use the rescaled errors; the weights are chosen on the
 * errors as measured, so the point forecast does not rest on the assumption.
 * Complexity: O(origins x horizon).
 */
import type { ForecastModel, ModelFit } from './types.js';

export function rescaleToFinal<F extends ModelFit>(model: ForecastModel<F>, finalFit: F, originFits: readonly F[], errors: readonly Float64Array[]): Float64Array[] {
  // A model whose error does not depend on the data it saw: the errors as measured.
  if (model.errorVariance === undefined) return [...errors];
  const finalVariance = model.errorVariance(finalFit);
  return errors.map((part, j) => {
    const factor = Math.sqrt(finalVariance / model.errorVariance!(originFits[j]!));
    return part.map((e) => e * factor);
  });
}
