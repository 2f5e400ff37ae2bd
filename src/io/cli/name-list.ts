/** A comma-separated list of distinct names from a fixed set (`--fail-on`, `--format`); anything else exits 2. */
import { InputError } from '../../errors.js';

export function parseNameList<Name extends string>(raw: string, field: string, allowed: readonly Name[], what: string): Name[] {
  const names = raw.split(',').map((name) => name.trim());
  const unknown = names.find((name) => !(allowed as readonly string[]).includes(name));
  if (unknown !== undefined || new Set(names).size !== names.length) {
    throw new InputError({ file: 'command line', field, value: raw, expected: `distinct ${what} separated by commas, from ${allowed.join(', ')}` });
  }
  return names as Name[];
}
