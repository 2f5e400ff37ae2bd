/**
 * Samples onto a regular grid: the one gap rule of every history loader (CSV and Prometheus).
 *
 * A series runs from its first present sample to its last; sample time t lands at index
 * (t - start) / step, so nothing is ever shifted. A gap is a run of k missing samples between
 * two present ones a (index i) and b (index i + k + 1):
 *   k <= MAX_INTERPOLATED_GAP_STEPS:  value[i + j] = a + (b - a) * j / (k + 1),  j = 1..k  (linear)
 *   k >  MAX_INTERPOLATED_GAP_STEPS:  value[i + j] = NaN (kept as missing; the series is never joined across it)
 * A series must then span at least MIN_HISTORY_SECONDS (two daily seasons), else it is refused.
 * Complexity: O(n) in the grid length.
 */

/** Longest gap, in missing samples, that is filled by interpolation (30 min at 5-minute steps). */
export const MAX_INTERPOLATED_GAP_STEPS = 6;
/** Shortest history a series may have: two daily seasons. */
export const MIN_HISTORY_SECONDS = 2 * 86_400;

export interface Sample {
  seconds: number;
  /** NaN when the source left the value empty. */
  value: number;
}

export interface Grid {
  startSeconds: number;
  values: Float64Array;
}

/**
 * The samples (times strictly increasing, each a whole number of steps after the first) on
 * their grid, gaps decided; null when no sample has a value.
 */
export function toGrid(samples: readonly Sample[], stepSeconds: number): Grid | null {
  const present = samples.filter((sample) => !Number.isNaN(sample.value));
  if (present.length === 0) return null;
  const startSeconds = present[0]!.seconds;
  const length = (present[present.length - 1]!.seconds - startSeconds) / stepSeconds + 1;
  const values = new Float64Array(length);
  for (let p = 0; p < present.length; p++) {
    const at = (present[p]!.seconds - startSeconds) / stepSeconds;
    values[at] = present[p]!.value;
    if (p === 0) continue;
    const before = (present[p - 1]!.seconds - startSeconds) / stepSeconds;
    fillGap(values, before, at);
  }
  return { startSeconds, values };
}

function fillGap(values: Float64Array, before: number, after: number): void {
  const missing = after - before - 1;
  if (missing === 0) return;
  const a = values[before]!;
  const b = values[after]!;
  for (let j = 1; j <= missing; j++) values[before + j] = missing <= MAX_INTERPOLATED_GAP_STEPS ? a + ((b - a) * j) / (missing + 1) : Number.NaN;
}

/** Whether a grid spans two daily seasons. */
export function longEnough(grid: Grid, stepSeconds: number): boolean {
  return grid.values.length * stepSeconds >= MIN_HISTORY_SECONDS;
}
