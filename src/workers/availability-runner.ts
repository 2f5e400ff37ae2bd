/**
 * Runs `headroom availability`: the analytic figures and the Monte Carlo chunks, on at most
 * `threads` threads (in-process for one, a piscina pool of thin workers otherwise, never more
 * than the machine's cores or the chunks). Chunk i is stream i of the seed whoever runs it, and
 * chunks are merged in chunk order, never completion order: the same bytes at any thread count.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { availabilitySetup, summariseAvailability, type AvailabilityResult } from '../engine/availability/availability.js';
import { DEFAULT_AVAILABILITY } from '../engine/availability/defaults.js';
import { chunkYears, simulateChunk, type ChunkResult } from '../engine/availability/monte-carlo.js';
import { stateArrays } from '../engine/model/state.js';
import { strategyNamed, type PlacedCluster } from '../engine/placement/plan.js';
import { packageRoot } from '../io/package-root.js';
import { poolSize } from './sweep-runner.js';
import type { AvailabilityWorkerData, ChunkTask } from './availability-data.js';

/** Workers always run the built JS (`npm run build`), also when the caller runs from TypeScript sources. */
const WORKER_FILE = join(packageRoot(), 'dist', 'src', 'workers', 'availability-worker.js');

export interface AvailabilityOptions {
  years: number;
  seed: number;
  threads: number;
  targetPercent: number | null;
}

export async function runAvailability(placed: PlacedCluster, strategy: string, options: AvailabilityOptions): Promise<AvailabilityResult> {
  const { cluster } = placed.index;
  const settings = cluster.availability ?? DEFAULT_AVAILABILITY;
  const setup = availabilitySetup(placed.state, strategyNamed(strategy), settings);
  const tasks: ChunkTask[] = chunkYears(options.years).map((years, chunk) => ({ seed: options.seed, chunk, years }));
  const threads = poolSize(options.threads, tasks.length, availableParallelism());
  let chunks: ChunkResult[];
  if (threads <= 1) chunks = tasks.map((task) => simulateChunk(setup.model, setup.outcomes, setup.round, task.seed, task.chunk, task.years));
  else {
    const workerData: AvailabilityWorkerData = { cluster, strategy, state: stateArrays(placed.state), settings };
    const pool = new Piscina({ filename: WORKER_FILE, workerData, minThreads: threads, maxThreads: threads });
    try {
      chunks = await Promise.all(tasks.map(async (task) => (await pool.run(task)) as ChunkResult));
    } finally {
      await pool.destroy();
    }
  }
  return summariseAvailability(setup, { scenario: cluster.name, strategy, years: options.years, seed: options.seed, settings, targetPercent: options.targetPercent }, chunks);
}
