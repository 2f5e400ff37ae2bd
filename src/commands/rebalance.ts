import { Flags } from '@oclif/core';
import { HeadroomCommand } from '../io/cli/base-command.js';
import { scenarioFlag, strategyFlag } from '../io/cli/flags.js';
import { choiceFlag, wholeNumberFlag } from '../io/cli/operation-flags.js';
import { loadScenario } from '../io/loaders/scenario.js';
import { REBALANCE_OBJECTIVES } from '../engine/operations/objective.js';
import { planRebalance, type RebalancePlan } from '../engine/operations/rebalance-plan.js';
import { renderRebalance } from '../io/output/formatters/rebalance.js';

export default class Rebalance extends HeadroomCommand {
  static summary = 'The fewest migrations, in an executable order, that most raise the N+1 margin (or even out the load), beside what load-only balancers would do.';
  static description =
    'Greedy: each move is one migration that passes every placement filter on the state it finds (capacity and every rule hold at each step) and strictly improves the objective, so it never falls. n+1-margin: the smallest room left on any node after the worst single failure, HA VMs lost for capacity first; balance: Proxmox\'s node imbalance. Then the same budget given to Proxmox\'s HA auto-rebalance (its own scoring) and a ProxLB-style largest-to-emptiest pass, each measured by the margin gained per GiB moved. Advisory: exit 0 unless the input is bad.';
  static examples = ['<%= config.bin %> rebalance', '<%= config.bin %> rebalance --max-moves 5 --objective balance', '<%= config.bin %> rebalance --json'];
  static flags = {
    scenario: scenarioFlag,
    strategy: strategyFlag,
    'max-moves': Flags.string({ description: 'Most migrations to suggest (a whole number >= 1).', default: '10' }),
    objective: Flags.string({ description: 'n+1-margin (room after the worst single failure) or balance (Proxmox\'s node imbalance).', default: 'n+1-margin' }),
  };

  async run(): Promise<RebalancePlan> {
    const { flags } = await this.parse(Rebalance);
    const maxMoves = wholeNumberFlag('--max-moves', flags['max-moves'], 1, 10_000);
    const objective = choiceFlag('--objective', flags.objective, REBALANCE_OBJECTIVES);
    const cluster = loadScenario(flags.scenario);
    const plan = planRebalance(cluster, flags.strategy ?? cluster.policy.strategy, { objective, maxMoves });
    if (!this.printJson(flags.json, plan)) this.log(renderRebalance(plan));
    return plan;
  }
}
