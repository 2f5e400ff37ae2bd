/**
 * Mean absolute scaled error against the in-sample seasonal naive, and interval coverage.
 *
 *   MASE = mean_t |y[t] - yhat[t]|  /  mean_{t >= m} |x[t] - x[t-m]|   (x = training window)
 *   coverage = share of test steps with lower[t] <= y[t] <= upper[t]
 *
 * Reference: Hyndman & Koehler, "Another look at measures of forecast accuracy", International
 * Journal of Forecasting 22(4), 2006 (the seasonal scaling of section 3.4).
 * Conventions: MAE, not RMSE; the scale uses the whole training window; a constant window
 * (scale 0) gives Infinity or NaN, as the ratio says.
 * Complexity: O(n + h).
 */

export function meanAbsoluteError(actual: Float64Array, predicted: Float64Array): number {
  let sum = 0;
  for (let t = 0; t < actual.length; t++) sum += Math.abs(actual[t]! - predicted[t]!);
  return sum / actual.length;
}

export function seasonalNaiveScale(train: Float64Array, lag: number): number {
  let sum = 0;
  for (let t = lag; t < train.length; t++) sum += Math.abs(train[t]! - train[t - lag]!);
  return sum / (train.length - lag);
}

export function mase(actual: Float64Array, predicted: Float64Array, train: Float64Array, lag: number): number {
  return meanAbsoluteError(actual, predicted) / seasonalNaiveScale(train, lag);
}

export function coverage(actual: Float64Array, lower: Float64Array, upper: Float64Array): number {
  let inside = 0;
  for (let t = 0; t < actual.length; t++) if (lower[t]! <= actual[t]! && actual[t]! <= upper[t]!) inside++;
  return inside / actual.length;
}
