/**
 * Makes day-ahead forecasts (engine/forecast/day-ahead.ts tasks) on at most `threads` threads:
 * in-process for one thread, else on a piscina pool of the thin forecast workers
 * (forecast-worker.ts), never more workers than the machine has cores or the tasks number
 * (sweep-runner.ts poolSize). Each task is the same pure function wherever it runs, and results
 * are kept in task order (never completion order), so the output is the same bytes at any
 * thread count.
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

export async function dayAheadForecasts(tasks: readonly DayAheadTask[], requestedThreads: number): Promise<DayAhead[]> {
  const threads = poolSize(requestedThreads, tasks.length, availableParallelism());
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
