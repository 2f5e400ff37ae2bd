/**
 * Piscina worker for the vbp bench: load one instance, shuffle it by the published protocol,
 * pack it with one strategy, return the numbers. Thin on purpose; the logic under test is
 * `pack` (src/engine/packing/strategies.ts).
 */
import { performance } from 'node:perf_hooks';
import { shuffledInstance } from './vbp-shuffle.js';
import { pack, type StrategyName } from '../../src/engine/packing/strategies.js';
import { timeLimit } from '../../src/io/cli/time-limit.js';
import { loadVbp } from '../../src/io/loaders/vbp.js';

export interface BenchTask {
  readonly file: string;
  readonly strategy: StrategyName;
  readonly timeLimitSeconds: number;
}
export interface BenchOutcome {
  readonly items: number;
  readonly bins: number;
  readonly lowerBound: number;
  readonly optimal: boolean;
  readonly timeLimitHit: boolean;
  readonly ms: number;
}

export default ({ file, strategy, timeLimitSeconds }: BenchTask): BenchOutcome => {
  const instance = shuffledInstance(loadVbp(file));
  const started = performance.now();
  const report = pack(instance, strategy, { expired: timeLimit(timeLimitSeconds) });
  const { bins, lowerBound, optimal, timeLimitHit } = report;
  return { items: report.binOf.length, bins, lowerBound, optimal, timeLimitHit, ms: performance.now() - started };
};
