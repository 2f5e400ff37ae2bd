import { Args, Flags } from '@oclif/core';
import { EXACT_NODES } from '../engine/packing/exact.js';
import { pack, STRATEGY_NAMES, type StrategyName } from '../engine/packing/strategies.js';
import { HeadroomCommand } from '../io/cli/base-command.js';
import { timeLimit } from '../io/cli/time-limit.js';
import { withProgress } from '../io/cli/progress.js';
import { loadVbp } from '../io/loaders/vbp.js';
import { renderPack } from '../io/output/formatters/pack.js';

/** Byte-identical run to run and on any machine, unless timeLimitHit is true. */
export interface PackResult {
  strategy: StrategyName;
  bins: number;
  lowerBound: number;
  /** True only when bins equals a proven lower bound. */
  optimal: boolean;
  /** True when the time limit (a safety net) stopped a search before its work budget ran out. */
  timeLimitHit: boolean;
  /** Bin index (0-based) of each item, in file order, items expanded by multiplicity. */
  assignment: number[];
}

export default class Pack extends HeadroomCommand {
  static description = 'Pack a vector bin packing instance (.vbp, VPSolver format) into the fewest bins, with a lower bound and a proof of optimality when they meet.';

  static examples = [
    '<%= config.bin %> pack instance.vbp',
    '<%= config.bin %> pack instance.vbp --strategy ffd --json',
    '<%= config.bin %> pack instance.vbp --exact --exact-budget 50000000',
  ];

  static args = { file: Args.string({ description: 'The .vbp file: d / C_1..C_d / m / m lines w_1..w_d q.', required: true }) };

  static flags = {
    strategy: Flags.string({ description: 'Packing strategy.', options: STRATEGY_NAMES, default: 'best' }),
    exact: Flags.boolean({ description: 'After the best configuration, spend --exact-budget on a proof by branch-and-bound (same as --strategy exact).', default: false }),
    'exact-budget': Flags.integer({ description: 'Branch-and-bound nodes per bin count tried by the exact strategy (deterministic, unlike the time limit).', default: EXACT_NODES, min: 1 }),
    'time-limit': Flags.integer({ description: 'Safety net, in seconds: searches stop early when it passes, and the result says so. Budgets are counted in work units.', default: 60, min: 1 }),
    seed: Flags.integer({ description: 'Seed of the local search PRNG (minstd_rand0).', default: 1 }),
  };

  async run(): Promise<PackResult> {
    const { args, flags } = await this.parse(Pack);
    const instance = loadVbp(args.file);
    const strategy = (flags.exact ? 'exact' : flags.strategy) as StrategyName;
    const options = { expired: timeLimit(flags['time-limit']), exactNodes: flags['exact-budget'], seed: flags.seed };
    // The exact strategy's proof reports its search nodes against the budget; the others, nothing.
    const report = withProgress('branch-and-bound nodes', 0, (progress) => pack(instance, strategy, { ...options, onProgress: progress.report }));
    const result: PackResult = {
      strategy,
      bins: report.bins,
      lowerBound: report.lowerBound,
      optimal: report.optimal,
      timeLimitHit: report.timeLimitHit,
      assignment: Array.from(report.binOf),
    };
    if (!this.printJson(flags.json, result)) this.log(renderPack(result, flags['time-limit']));
    return result;
  }
}
