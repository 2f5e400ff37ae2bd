import { HeadroomCommand } from '../io/cli/base-command.js';
import { scenarioFlag } from '../io/cli/flags.js';
import { loadScenario } from '../io/loaders/scenario.js';
import { summariseCluster, type ClusterSummary } from '../engine/model/summary.js';
import { renderSummary } from '../io/output/formatters/summary.js';

export default class Validate extends HeadroomCommand {
  static summary = 'Load and check a scenario and its inputs; print what was read.';
  static description = 'Reads the scenario YAML and its CSV files, checks every field and reference, and prints a summary. Bad input exits 2 with the file, line, field and value.';
  static examples = ['<%= config.bin %> validate', '<%= config.bin %> validate --scenario scenarios/lab.yaml --json'];
  static flags = { scenario: scenarioFlag };

  async run(): Promise<ClusterSummary> {
    const { flags } = await this.parse(Validate);
    const summary = summariseCluster(loadScenario(flags.scenario));
    if (!this.printJson(flags.json, summary)) this.log(renderSummary(summary));
    return summary;
  }
}
