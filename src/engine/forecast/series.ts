/**
 * Loops every model needs, written once: a typed array from a formula, residuals, and a series
 * made whole across its gaps.
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

/** NaN runs replaced by the straight line between the finite values around them (the loader keeps both ends finite). */
export function bridgeGaps(values: Float64Array): Float64Array {
  const y = Float64Array.from(values);
  for (let i = 0; i < y.length; i++) {
    if (!Number.isNaN(y[i]!)) continue;
    let end = i;
    while (end < y.length && Number.isNaN(y[end]!)) end++;
    const before = y[i - 1] ?? y[end]!;
    const after = y[end] ?? before;
    for (let k = i; k < end; k++) y[k] = before + ((after - before) * (k - i + 1)) / (end - i + 1);
    i = end;
  }
  return y;
}
