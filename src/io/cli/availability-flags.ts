/**
 * The flags of `headroom availability`: a budget in simulated years (never seconds, so the answer
 * is the same on any machine), a seed, and an availability target. Bad values are InputErrors
 * naming the flag (exit 2).
 */
import { Flags } from '@oclif/core';
import { InputError } from '../../errors.js';

export const DEFAULT_YEARS = 100_000;
export const MAX_YEARS = 100_000_000;
export const DEFAULT_SEED = 1;
const MAX_SEED = 4_294_967_295;

export const availabilityFlags = {
  years: Flags.string({ description: `Simulated years for the Monte Carlo estimate, a whole number from 2 to ${MAX_YEARS.toLocaleString('en-US')} (default ${DEFAULT_YEARS.toLocaleString('en-US')}).` }),
  seed: Flags.string({ description: `Seed of the random streams, a whole number from 0 to ${MAX_SEED} (default ${DEFAULT_SEED}). The same seed gives the same bytes at any thread count.` }),
  target: Flags.string({ description: 'Availability target in percent, e.g. 99.9: exit 1 when a service falls short (by the worse of the analytic figure and the Monte Carlo upper 95% bound).' }),
};

/** At least 2: the 95% interval needs two independent chunks. */
export function yearsOf(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_YEARS;
  const years = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || years < 2 || years > MAX_YEARS) {
    throw new InputError({ file: 'command line', field: '--years', value: raw, expected: `a whole number of simulated years from 2 to ${MAX_YEARS.toLocaleString('en-US')} (the 95% interval needs at least two independent years)` });
  }
  return years;
}

export function seedOf(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_SEED;
  const seed = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || seed > MAX_SEED) throw new InputError({ file: 'command line', field: '--seed', value: raw, expected: `a whole number from 0 to ${MAX_SEED}` });
  return seed;
}

export function targetOf(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  const percent = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw.trim()) || !(percent > 0 && percent < 100)) {
    throw new InputError({ file: 'command line', field: '--target', value: raw, expected: 'an availability in percent, above 0 and below 100 (e.g. 99.9)' });
  }
  return percent;
}
