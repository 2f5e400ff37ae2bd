import { InputError } from '../../../errors.js';

/** `--served-by POOL=NODE`, repeatable; a pool named twice is an error. Names are checked against the dump later. */
export function parseServedBy(values: readonly string[]): Record<string, string> {
  const servedBy: Record<string, string> = {};
  for (const value of values) {
    const match = /^([^=\s]+)=([^=\s]+)$/.exec(value);
    if (match === null) throw new InputError({ file: '--served-by', field: 'POOL=NODE', value, expected: 'POOL=NODE, e.g. nas=pve2' });
    if (match[1]! in servedBy) throw new InputError({ file: '--served-by', field: 'POOL', value: match[1], expected: 'each pool once' });
    servedBy[match[1]!] = match[2]!;
  }
  return servedBy;
}
