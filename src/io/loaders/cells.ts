/**
 * Cell parsers shared by the CSV and YAML loaders. Each returns the value or the words for
 * what was expected, never throws; the loader attaches file, line and field.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; expected: string };

export type CellParser<T> = (raw: string) => Parsed<T>;

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(expected: string): Parsed<T> => ({ ok: false, expected });

export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

export const name: CellParser<string> = (raw) =>
  NAME_PATTERN.test(raw) ? ok(raw) : bad('a name of letters, digits, ".", "_", ":" or "-"');

export const text: CellParser<string> = (raw) => ok(raw);

/**
 * The largest magnitude any numeric cell may have unless its column says less: a size, count
 * or priority above 10^9 is a typo, and the cap keeps sums exact (10^9 per value × 10^6 VMs =
 * 10^15 < 2^53), so a value like 1e308 can never add up to Infinity.
 */
export const MAX_QUANTITY = 1_000_000_000;

export function number(options: { min?: number; minExclusive?: number; max?: number; integer?: boolean } = {}): CellParser<number> {
  const words = [
    options.integer ? 'an integer' : 'a number',
    options.min !== undefined ? `>= ${options.min}` : '',
    options.minExclusive !== undefined ? `> ${options.minExclusive}` : '',
    options.max !== undefined ? `and <= ${options.max}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const max = options.max ?? MAX_QUANTITY;
  return (raw) => {
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(raw.trim())) return bad(words);
    const value = Number(raw);
    if (!Number.isFinite(value)) return bad(words);
    if (options.integer && !Number.isInteger(value)) return bad(words);
    if (options.min !== undefined && value < options.min) return bad(words);
    if (options.minExclusive !== undefined && value <= options.minExclusive) return bad(words);
    if (value > max) return bad(options.max !== undefined ? words : `${words} and at most ${MAX_QUANTITY.toLocaleString('en-US')} (headroom's limit for any size or count)`);
    if (value < -MAX_QUANTITY) return bad(`${words} and at least -${MAX_QUANTITY.toLocaleString('en-US')} (headroom's limit for any number)`);
    return ok(value);
  };
}

/** A fraction of a capacity, such as an alert threshold: above 0, at most 1 (100%). */
export const fraction = number({ minExclusive: 0, max: 1 });

export const boolean: CellParser<boolean> = (raw) => {
  const lower = raw.trim().toLowerCase();
  if (['true', 'yes', '1'].includes(lower)) return ok(true);
  if (['false', 'no', '0'].includes(lower)) return ok(false);
  return bad('true or false (also yes/no, 1/0)');
};

export function oneOf<T extends string>(choices: readonly T[]): CellParser<T> {
  return (raw) => ((choices as readonly string[]).includes(raw) ? ok(raw as T) : bad(`one of ${choices.join(', ')}`));
}

/** A ';'-separated list of names (CSV cells cannot use ','), each at most once. */
export const nameList: CellParser<string[]> = (raw) => {
  const items = raw.split(';').map((item) => item.trim());
  if (!items.every((item) => NAME_PATTERN.test(item))) return bad('names separated by ";"');
  const repeated = firstRepeat(items);
  return repeated === undefined ? ok(items) : bad(`names separated by ";", each once (${repeated} is given twice)`);
};

/** The first item that an earlier one repeats, if any. */
export function firstRepeat<T>(items: Iterable<T>): T | undefined {
  const seen = new Set<T>();
  for (const item of items) {
    if (seen.has(item)) return item;
    seen.add(item);
  }
  return undefined;
}

/** Minutes per unit of a duration in the scenario: s, m (minute), h, d, w, y (365.25 d). */
export const DURATION_UNIT_MINUTES = { s: 1 / 60, m: 1, h: 60, d: 1_440, w: 10_080, y: 525_960 } as const;

/** A duration such as `15000h`, `2y`, `30m`, `1.5h`: a number and one unit, in minutes; `positive` refuses 0. */
export function duration(options: { positive: boolean }): CellParser<number> {
  const words = `a duration${options.positive ? ' > 0' : ''}: a number and a unit, one of ${Object.keys(DURATION_UNIT_MINUTES).join(', ')} (e.g. 15000h, 2y, 30m)`;
  return (raw) => {
    const match = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/.exec(raw.trim());
    const unit = match?.[2];
    if (match === null || unit === undefined || !Object.hasOwn(DURATION_UNIT_MINUTES, unit)) return bad(words);
    const minutes = Number(match[1]) * DURATION_UNIT_MINUTES[unit as keyof typeof DURATION_UNIT_MINUTES];
    if (!Number.isFinite(minutes) || (options.positive && minutes <= 0) || minutes > 1_000 * 525_960) return bad(`${words}, at most 1000y`);
    return ok(minutes);
  };
}
