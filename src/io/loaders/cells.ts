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

export function number(options: { min?: number; minExclusive?: number; integer?: boolean } = {}): CellParser<number> {
  const words = [
    options.integer ? 'an integer' : 'a number',
    options.min !== undefined ? `>= ${options.min}` : '',
    options.minExclusive !== undefined ? `> ${options.minExclusive}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (raw) => {
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(raw.trim())) return bad(words);
    const value = Number(raw);
    if (!Number.isFinite(value)) return bad(words);
    if (options.integer && !Number.isInteger(value)) return bad(words);
    if (options.min !== undefined && value < options.min) return bad(words);
    if (options.minExclusive !== undefined && value <= options.minExclusive) return bad(words);
    return ok(value);
  };
}

export const boolean: CellParser<boolean> = (raw) => {
  const lower = raw.trim().toLowerCase();
  if (['true', 'yes', '1'].includes(lower)) return ok(true);
  if (['false', 'no', '0'].includes(lower)) return ok(false);
  return bad('true or false (also yes/no, 1/0)');
};

export function oneOf<T extends string>(choices: readonly T[]): CellParser<T> {
  return (raw) => ((choices as readonly string[]).includes(raw) ? ok(raw as T) : bad(`one of ${choices.join(', ')}`));
}

/** A ';'-separated list of names (CSV cells cannot use ','). */
export const nameList: CellParser<string[]> = (raw) => {
  const items = raw.split(';').map((item) => item.trim());
  return items.every((item) => NAME_PATTERN.test(item)) ? ok(items) : bad('names separated by ";"');
};
