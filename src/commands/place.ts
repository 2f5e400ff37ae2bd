import { HeadroomCommand } from '../io/cli/base-command.js';
import { scenarioFlag, strategyFlag } from '../io/cli/flags.js';
import { loadScenario } from '../io/loaders/scenario.js';
import { placeAndJudge, type JudgedPlacement } from '../engine/policy/place.js';
import { renderFixes, renderPlacement, renderPlacementVerdict } from '../io/output/formatters/placement.js';

export default class Place extends HeadroomCommand {
  static summary = 'Place every VM on a node with a strategy; explain the ones that do not fit. Exit 0 when all fit, 1 when not.';
  static description =
    'Starts from the current layout (vms.csv `node`): a VM with a current node stays there, and one on a full node or against its rules is reported where it runs (an overload or a violation), never moved. The other VMs go through the placement pipeline (hard-constraint filters, then the strategy\'s scorer). Unplaced VMs are listed with every node\'s reasons. Exit 1 when a VM has no node, a node or pool is over capacity, or a VM runs against its rules. Strategies: first-fit, best-fit, worst-fit, ffd, dot-product, balanced, pve-basic, pve-static.';
  static examples = ['<%= config.bin %> place', '<%= config.bin %> place --strategy ffd --json', '<%= config.bin %> place --scenario my.yaml --strategy worst-fit'];
  static flags = { scenario: scenarioFlag, strategy: strategyFlag };

  async run(): Promise<JudgedPlacement> {
    const { flags } = await this.parse(Place);
    const cluster = loadScenario(flags.scenario);
    const result = placeAndJudge(cluster, flags.strategy ?? cluster.policy.strategy);
    if (!this.printJson(flags.json, result)) this.log(`${renderPlacement(result, cluster.policy, 'text')}\n\n${renderPlacementVerdict(result.verdict)}${renderFixes(result.fixes, result.fixesOmitted)}`);
    if (!result.verdict.holds) this.failGate();
    return result;
  }
}
