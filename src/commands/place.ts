import { HeadroomCommand } from '../io/cli/base-command.js';
import { scenarioFlag, strategyFlag } from '../io/cli/flags.js';
import { loadScenario } from '../io/loaders/scenario.js';
import { planPlacement, type PlacementResult } from '../engine/placement/plan.js';
import { renderPlacement } from '../io/output/formatters/placement.js';

export default class Place extends HeadroomCommand {
  static summary = 'Place every VM on a node with a strategy; explain the ones that do not fit.';
  static description =
    'Runs the placement pipeline (hard-constraint filters, then the strategy\'s scorer) over the inventory. VMs with a current node keep it when it fits. Unplaced VMs are listed with every node\'s reasons. Strategies: first-fit, best-fit, worst-fit, ffd, dot-product, balanced.';
  static examples = ['<%= config.bin %> place', '<%= config.bin %> place --strategy ffd --json', '<%= config.bin %> place --scenario my.yaml --strategy worst-fit'];
  static flags = { scenario: scenarioFlag, strategy: strategyFlag };

  async run(): Promise<PlacementResult> {
    const { flags } = await this.parse(Place);
    const cluster = loadScenario(flags.scenario);
    const { result } = planPlacement(cluster, flags.strategy ?? cluster.policy.strategy);
    if (!this.printJson(flags.json, result)) this.log(renderPlacement(result, cluster.policy, 'text'));
    return result;
  }
}
