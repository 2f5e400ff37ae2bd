import { Args, Flags } from '@oclif/core';
import { performance } from 'node:perf_hooks';
import { pack, STRATEGY_NAMES, type StrategyName } from '../engine/packing/strategies.js';
import { HeadroomCommand } from '../io/cli/base-command.js';
import { loadVbp } from '../io/loaders/vbp.js';

export interface PackResult {
  strategy: StrategyName;
  bins: number;
  lowerBound: number;
  /** True only when bins equals a proven lower bound. */
  optimal: boolean;
  ms: number;
  /** Bin index (0-based) of each item, in file order, items expanded by multiplicity. */
  assignment: number[];
}

export default class Pack extends HeadroomCommand {
  static description = 'Pack a vector bin packing instance (.vbp, VPSolver format) into the fewest bins, with a lower bound and a proof of optimality when they meet.';

  static examples = [
    '<%= config.bin %> pack instance.vbp',
    '<%= config.bin %> pack instance.vbp --strategy ffd --json',
    '<%= config.bin %> pack instance.vbp --exact --time-limit 10',
  ];

  static args = { file: Args.string({ description: 'The .vbp file: d / C_1..C_d / m / m lines w_1..w_d q.', required: true }) };

  static flags = {
    strategy: Flags.string({ description: 'Packing strategy.', options: STRATEGY_NAMES, default: 'best' }),
    exact: Flags.boolean({ description: 'Spend the time limit on a proof: the best configuration, then branch-and-bound until the optimum is proven or time runs out (same as --strategy exact).', default: false }),
    'time-limit': Flags.integer({ description: 'Time limit in seconds for the search strategies.', default: 10, min: 1 }),
    seed: Flags.integer({ description: 'Seed of the local search PRNG (minstd_rand0).', default: 1 }),
  };

  async run(): Promise<PackResult> {
    const { args, flags } = await this.parse(Pack);
    const instance = loadVbp(args.file);
    const strategy = (flags.exact ? 'exact' : flags.strategy) as StrategyName;
    const now = () => performance.now();
    const started = now();
    const report = pack(instance, strategy, { now, deadline: started + flags['time-limit'] * 1000, seed: flags.seed });
    const result: PackResult = {
      strategy,
      bins: report.bins,
      lowerBound: report.lowerBound,
      optimal: report.optimal,
      ms: Math.round(now() - started),
      assignment: Array.from(report.binOf),
    };
    if (!this.printJson(flags.json, result)) {
      this.log(`${result.bins} bins (${strategy}), lower bound ${result.lowerBound}, ${result.optimal ? 'proven optimal' : 'optimality not proven'}, ${result.ms} ms`);
    }
    return result;
  }
}
