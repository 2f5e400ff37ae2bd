/**
 * Speed part of the forecast bench: 1,000 seeded series of 30 days at 5-minute steps, each
 * forecast one day ahead from its last 14 days (the accuracy protocol's window) with model
 * selection (forecastSeries, DEFAULT_SETTINGS) on a piscina
 * pool of 1 and then 2 threads. Results are merged in input order; the SHA-256 of all output
 * bytes must be the same for both thread counts.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Piscina } from 'piscina';
import { DEFAULT_SETTINGS } from '../../src/engine/forecast/combiner.js';
import { MinstdRand0 } from '../../src/engine/packing/minstd.js';
import type { ForecastTask } from '../../src/workers/forecast-worker.js';

const SERIES = 1000;
const DAY = 288;
const LENGTH = 30 * DAY;
const SEED = 20261204;
const WINDOW = 14 * DAY;

/** Daily and weekly cycles, a random growth, AR(1) noise: each series its own draws. */
function generate(random: MinstdRand0): Float64Array {
  const uniform = () => random.next() / 2_147_483_647;
  const gaussian = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const [level, daily, weekly, growth, noise] = [0.2 + 0.5 * uniform(), 0.2 * uniform(), 0.1 * uniform(), 0.1 * (uniform() - 0.3), 0.02 + 0.05 * uniform()];
  let error = 0;
  return Float64Array.from({ length: LENGTH }, (_, t) => {
    error = 0.8 * error + noise * gaussian();
    return level + (growth * t) / LENGTH + daily * Math.sin((2 * Math.PI * t) / DAY) + weekly * Math.sin((2 * Math.PI * t) / (7 * DAY)) + error;
  });
}

async function run(threads: number, series: readonly Float64Array[]): Promise<{ seconds: number; hash: string }> {
  const pool = new Piscina<ForecastTask, Float64Array>({ filename: new URL('../../src/workers/forecast-worker.js', import.meta.url).href, minThreads: threads, maxThreads: threads });
  const started = performance.now();
  const results = await Promise.all(series.map((values) => pool.run({ values: values.slice(LENGTH - WINDOW), seasons: [DAY, 7 * DAY], settings: DEFAULT_SETTINGS })));
  const seconds = (performance.now() - started) / 1000;
  await pool.destroy();
  const hash = createHash('sha256');
  for (const result of results) hash.update(new Uint8Array(result.buffer, result.byteOffset, result.byteLength));
  return { seconds, hash: hash.digest('hex') };
}

export async function runSpeedBench(): Promise<void> {
  const random = new MinstdRand0(SEED);
  const series = Array.from({ length: SERIES }, () => generate(random));
  for (const threads of [1, 2]) {
    const { seconds, hash } = await run(threads, series);
    console.log(`speed: ${SERIES} series x ${LENGTH} steps (window ${WINDOW}), ${threads} thread(s): ${seconds.toFixed(1)} s, sha256 ${hash}`);
  }
}
