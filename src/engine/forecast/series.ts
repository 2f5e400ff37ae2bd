/**
 * Two loops every model needs, written once: a typed array from a formula, and residuals.
 * (Plain loops: Float64Array.from with a callback is many times slower on long series.)
 * Complexity: O(n).
 */

/** [f(0), f(1), ..., f(length - 1)] as a Float64Array. */
export function tabulate(length: number, f: (index: number) => number): Float64Array {
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = f(i);
  return out;
}

/** y[t] - fitted[t] (NaN where the model has no fitted value). */
export function residualsOf(y: Float64Array, fitted: Float64Array): Float64Array {
  return tabulate(y.length, (t) => y[t]! - fitted[t]!);
}
