/**
 * The --threads flag of a failure sweep and of the day-ahead forecasts: a whole number from 1 to
 * MAX_THREADS, by default the machine's cores. It is a ceiling, not an order: the pool never
 * starts more workers than the machine has cores or the work has parts (scenarios, series;
 * workers/sweep-runner.ts `poolSize`), and the output is the same bytes at any thread count.
 */
import { availableParallelism } from 'node:os';
import { Flags } from '@oclif/core';
import { InputError } from '../../errors.js';

/** More than any machine headroom runs on has cores; each worker holds its own copy of the cluster. */
export const MAX_THREADS = 256;

export const threadsFlag = Flags.string({
  description: `Threads for a sweep and the day-ahead forecasts, 1 to ${MAX_THREADS} (default: the machine's cores). Never more workers start than the machine has cores or the work has parts (scenarios, series).`,
});

export function threadCount(raw: string | undefined): number {
  if (raw === undefined) return availableParallelism();
  const count = Number(raw);
  if (!/^\d+$/.test(raw) || count < 1 || count > MAX_THREADS) {
    throw new InputError({ file: 'command line', field: '--threads', value: raw, expected: `a whole number of threads from 1 to ${MAX_THREADS}` });
  }
  return count;
}
