import { Flags } from '@oclif/core';
import { HeadroomCommand } from '../io/cli/base-command.js';
import { scenarioFlag, strategyFlag } from '../io/cli/flags.js';
import { policyFlags, policyOptions } from '../io/cli/policy-flags.js';
import { unitsFromFlags } from '../io/cli/units.js';
import { loadScenario } from '../io/loaders/scenario.js';
import { fitUnits, type FitResult } from '../engine/policy/fit.js';
import { strategyNamed } from '../engine/placement/plan.js';
import { renderFits } from '../io/output/formatters/fit.js';
import { withProgress } from '../io/cli/progress.js';

export default class Fit extends HeadroomCommand {
  static summary = 'How many more VMs of a class (or mixes of classes) fit while the failover policy still holds.';
  static description =
    'Places the inventory, adds VMs of the class one by one through the placement pipeline, and finds the largest count k for which the policy holds, with the proof: k placed and holding, k+1 not placeable or breaking a named scenario, and the resource that binds. Without --class or --mix, a table for every class.';
  static examples = [
    '<%= config.bin %> fit --class k8s-worker',
    '<%= config.bin %> fit --class infra --policy n+2 --json',
    '<%= config.bin %> fit --mix app-server:2,database:1',
    '<%= config.bin %> fit',
  ];
  static flags = {
    scenario: scenarioFlag,
    strategy: strategyFlag,
    class: Flags.string({ description: 'The class to add VMs of.' }),
    mix: Flags.string({ description: 'A mix of classes added as one unit, e.g. web:2,db:1.' }),
    ...policyFlags,
  };

  async run(): Promise<FitResult | FitResult[]> {
    const { flags } = await this.parse(Fit);
    const cluster = loadScenario(flags.scenario);
    const strategy = strategyNamed(flags.strategy ?? cluster.policy.strategy);
    const policy = policyOptions(flags, cluster.policy.failover);
    const unitList = unitsFromFlags(cluster, flags);
    const results = withProgress('classes', unitList.length, (progress) =>
      unitList.map((units) => {
        const fit = fitUnits(cluster, strategy, units, policy);
        progress.tick();
        return fit;
      }),
    );
    const result = results.length === 1 && (flags.class !== undefined || flags.mix !== undefined) ? results[0]! : results;
    if (!this.printJson(flags.json, result)) this.log(renderFits(results));
    return result;
  }
}
