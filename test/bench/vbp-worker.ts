/**
 * Piscina worker for the vbp bench: load one instance, shuffle it by the published protocol,
 * pack it with one strategy, return the numbers. Thin on purpose; the logic under test is
 * `pack` (src/engine/packing/strategies.ts).
 */
import { performance } from 'node:perf_hooks';
import { shuffledInstance } from './vbp-shuffle.js';
import { pack, type StrategyName } from '../../src/engine/packing/strategies.js';
import { loadVbp } from '../../src/io/loaders/vbp.js';

export interface BenchTask {
  readonly file: string;
  readonly strategy: StrategyName;
  readonly timeLimitMs: number;
}
export interface BenchOutcome {
  readonly items: number;
  readonly bins: number;
  readonly lowerBound: number;
  readonly optimal: boolean;
  readonly ms: number;
}

export default ({ file, strategy, timeLimitMs }: BenchTask): BenchOutcome => {
  const instance = shuffledInstance(loadVbp(file));
  const now = () => performance.now();
  const started = now();
  const report = pack(instance, strategy, { now, deadline: started + timeLimitMs });
  return { items: report.binOf.length, bins: report.bins, lowerBound: report.lowerBound, optimal: report.optimal, ms: now() - started };
};
