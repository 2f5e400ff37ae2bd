/**
 * Runs a failure sweep on at most `threads` threads: in-process for one thread, on a piscina pool
 * of thin workers otherwise, never more of them than the machine has cores or the sweep has
 * scenarios (a worker beyond those only costs its start-up and its copy of the cluster: 999 of
 * them took a minute and 7 GB for 15 scenarios). Scenarios are cut into batches, and results are merged in batch
 * order (never completion order), so the output is the same bytes whatever the thread count.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { packScenarios, simulateBatch, type BatchResult } from '../engine/policy/sweep-batch.js';
import { failureContext } from '../engine/failure/context.js';
import type { IndexedScenario } from '../engine/failure/scenarios.js';
import { summariseSweep, type SweepResult } from '../engine/policy/sweep.js';
import { strategyNamed, type PlacedCluster } from '../engine/placement/plan.js';
import { stateArrays } from '../engine/model/state.js';
import type { PolicyOptions } from '../engine/policy/failover-policy.js';
import type { JudgeOptions } from '../engine/policy/scenario-judge.js';
import { judgeSteadyState } from '../engine/policy/steady-state.js';
import { packageRoot } from '../io/package-root.js';
import { progressBar } from '../io/cli/progress.js';
import { selectFailures } from '../io/cli/failure-selection.js';
import { InvariantError } from '../errors.js';
import type { SweepWorkerData } from './sweep-data.js';

/** Enough batches to keep every thread busy to the end, few enough that each amortises its message. */
const BATCHES_PER_THREAD = 8;
const MAX_BATCH = 512;
/** Workers always run the built JS (`npm run build`), also when the caller runs from TypeScript sources. */
const WORKER_FILE = join(packageRoot(), 'dist', 'src', 'workers', 'failover-worker.js');

/** The workers to start: no more than asked for, than the machine's cores, or than the scenarios to share; at least 1. */
export function poolSize(requested: number, scenarioCount: number, cores: number): number {
  return Math.max(1, Math.min(requested, cores, scenarioCount));
}

/** `onScenarios(n)`: n more scenarios are done (a progress bar); results never depend on it. */
export async function runSweep(
  placed: PlacedCluster,
  strategy: string,
  scenarios: readonly IndexedScenario[],
  sweepLabel: string,
  requestedThreads: number,
  options: Omit<PolicyOptions, 'scenarios'>,
  onScenarios: (done: number) => void = () => undefined,
): Promise<SweepResult> {
  const threads = poolSize(requestedThreads, scenarios.length, availableParallelism());
  const context = failureContext(placed.state, strategyNamed(strategy));
  const judge: JudgeOptions = { strictSpof: options.strictSpof, maxUtilAfterFailover: options.maxUtilAfterFailover };
  const batchSize = Math.max(1, Math.min(MAX_BATCH, Math.ceil(scenarios.length / (threads * BATCHES_PER_THREAD))));
  const batches = [];
  for (let start = 0; start < scenarios.length; start += batchSize) batches.push(packScenarios(scenarios.slice(start, start + batchSize)));

  let results: BatchResult[];
  if (threads <= 1) {
    results = batches.map((batch) => {
      const result = simulateBatch(context, batch, judge);
      onScenarios(batch.offsets.length - 1);
      return result;
    });
  } else {
    const workerData: SweepWorkerData = { cluster: placed.index.cluster, strategy, state: stateArrays(placed.state), judge };
    const pool = new Piscina({ filename: WORKER_FILE, workerData, minThreads: threads, maxThreads: threads });
    try {
      results = await Promise.all(
        batches.map(async (batch) => {
          const result = (await pool.run(batch)) as BatchResult;
          onScenarios(batch.offsets.length - 1);
          return result;
        }),
      );
    } finally {
      await pool.destroy();
    }
  }
  return summariseSweep(context, judgeSteadyState(placed.state, context.strategy, options.threshold), sweepLabel, scenarios, results);
}

/** runSweep with a progress bar on a terminal's stderr (io/cli/progress.ts). */
export async function sweepWithProgress(placed: PlacedCluster, strategy: string, selection: { scenarios: readonly IndexedScenario[]; label: string }, threads: number, policy: PolicyOptions): Promise<SweepResult> {
  const progress = progressBar('failure scenarios', selection.scenarios.length);
  try {
    return await runSweep(placed, strategy, selection.scenarios, selection.label, threads, policy, (done) => progress.tick(done));
  } finally {
    progress.stop();
  }
}

/** `report --sweep 2`: every single and pair failure of the cluster as placed, or null for `--sweep 1`. */
export async function reportPairs(placed: PlacedCluster, strategy: string, sweep: '1' | '2', threads: number, policy: PolicyOptions): Promise<SweepResult | null> {
  if (sweep === '1') return null;
  const selection = selectFailures(placed.index, { sweep, yes: true });
  if (selection.kind !== 'sweep') throw new InvariantError('--sweep 2 selects a sweep', selection.kind);
  return sweepWithProgress(placed, strategy, selection, threads, policy);
}
