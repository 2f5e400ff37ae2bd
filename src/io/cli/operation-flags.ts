/**
 * Flags of the operations commands (`maintenance`, `rebalance`), read as strings and checked here
 * so that a bad value gets headroom's one message (flag, value, what was expected) and exit 2.
 */
import { InputError } from '../../errors.js';

export function wholeNumberFlag(field: string, raw: string, min: number, max = 1_000_000): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
    throw new InputError({ file: 'command line', field, value: raw, expected: `a whole number from ${min} to ${max}` });
  }
  return value;
}

export function choiceFlag<T extends string>(field: string, raw: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(raw)) throw new InputError({ file: 'command line', field, value: raw, expected: `one of ${choices.join(', ')}` });
  return raw as T;
}
