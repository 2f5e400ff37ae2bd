/**
 * Durations on the command line: a whole number and one unit, `30d`, `5m`, `180d`, `12h`, `1w`.
 * Units: s (second), m (minute), h (hour), d (day, 86,400 s: UTC has no DST), w (week, 7 d).
 * Anything else is bad input (exit 2) naming the flag.
 */
import { InputError } from '../../errors.js';

export const DURATION_UNIT_SECONDS = { s: 1, m: 60, h: 3_600, d: 86_400, w: 604_800 } as const;

/** The duration in seconds, > 0. */
export function parseDuration(text: string, flag: string): number {
  const match = /^(\d+)([a-z]+)$/.exec(text.trim());
  const unit = match?.[2] as keyof typeof DURATION_UNIT_SECONDS | undefined;
  const count = Number(match?.[1]);
  if (unit === undefined || !Object.hasOwn(DURATION_UNIT_SECONDS, unit) || count <= 0) {
    throw new InputError({ file: 'command line', field: flag, value: text, expected: `a duration: a whole number > 0 and a unit, one of ${Object.keys(DURATION_UNIT_SECONDS).join(', ')} (e.g. 30d, 5m, 12h, 1w)` });
  }
  return count * DURATION_UNIT_SECONDS[unit];
}
