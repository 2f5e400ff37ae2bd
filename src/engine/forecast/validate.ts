/**
 * Input checks for the forecast engine. Invalid input is the user's (the io layer turns the
 * InputError into exit 2 and names the file); everything else the engine returns as data.
 *
 *   - every value finite (NaN marks a gap the io layer should have interpolated or refused)
 *   - at least `minimum` values (the caller's: two of the longest season, so a seasonal pattern
 *     is seen twice, plus room for one in-window backtest)
 *
 * Complexity: O(n).
 */
import { InputError } from '../../errors.js';
import type { Seasons } from './types.js';

/** Throws InputError naming `source` and the first bad index; returns nothing when fine. */
export function checkSeries(y: Float64Array, seasons: Seasons, minimum: number, source: string): void {
  // Seasons must be whole numbers of steps >= 2, or no model can use them.
  if (seasons.length === 0 || !seasons.every((m) => Number.isInteger(m) && m >= 2)) {
    throw new InputError({ file: source, field: 'seasons', value: seasons, expected: 'whole numbers of steps >= 2' });
  }
  if (y.length < minimum) {
    throw new InputError({ file: source, field: 'length', value: y.length, expected: `at least ${minimum} values (two seasons and a backtest)` });
  }
  const bad = y.findIndex((value) => !Number.isFinite(value));
  if (bad >= 0) throw new InputError({ file: source, field: `values[${bad}]`, value: String(y[bad]), expected: 'a finite number' });
}
