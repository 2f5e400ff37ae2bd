/**
 * Makes day-ahead forecasts (engine/forecast/day-ahead.ts tasks) on at most `threads` threads:
 * in-process for one thread, else on a piscina pool of the thin forecast workers
 * (forecast-worker.ts), never more workers than the machine has cores, nor than one per
 * SERIES_PER_WORKER tasks: a worker starts by loading the engine and mathjs, about 0.4-1.1 s of
 * CPU, what 20 to 30 series cost to forecast, so a pool only pays from about 2 x 30 series (the
 * lab's 17 run in-process; a 100-node cluster's 300 on two workers). Each task is the same pure
 * function wherever it runs, and results are kept in task order (never completion order), so
 * the output is the same bytes at any thread count.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { dayAhead, dayAheadOf, type DayAhead, type DayAheadTask } from '../engine/forecast/day-ahead.js';
import type { Forecast } from '../engine/forecast/types.js';
import { packageRoot } from '../io/package-root.js';
import type { ForecastTask } from './forecast-worker.js';
import { poolSize } from './sweep-runner.js';

/** Workers always run the built JS, also when the caller runs from TypeScript sources. */
const WORKER_FILE = join(packageRoot(), 'dist', 'src', 'workers', 'forecast-worker.js');
/** Fewest tasks that make starting one more worker worth it (see above). */
export const SERIES_PER_WORKER = 64;

export async function dayAheadForecasts(tasks: readonly DayAheadTask[], requestedThreads: number, seriesPerWorker = SERIES_PER_WORKER): Promise<DayAhead[]> {
  const threads = poolSize(requestedThreads, Math.floor(tasks.length / seriesPerWorker), availableParallelism());
  if (threads <= 1) return tasks.map(dayAhead);
  const pool = new Piscina<ForecastTask, Float64Array>({ filename: WORKER_FILE, minThreads: threads, maxThreads: threads });
  try {
    const packed = await Promise.all(tasks.map((task) => pool.run({ values: task.values, seasons: task.seasons, settings: task.settings, source: task.source })));
    return tasks.map((task, i) => dayAheadOf(task, unpack(packed[i]!, task.settings.horizon, task.settings.levels)));
  } finally {
    await pool.destroy();
  }
}

/** The worker's [mean | lower 0 | upper 0 | lower 1 | upper 1 | ...], `horizon` values each. */
function unpack(packed: Float64Array, horizon: number, levels: readonly number[]): Forecast {
  const part = (k: number) => packed.slice(k * horizon, (k + 1) * horizon);
  return { mean: part(0), lower: levels.map((_, i) => part(1 + 2 * i)), upper: levels.map((_, i) => part(2 + 2 * i)), level: [...levels] };
}
