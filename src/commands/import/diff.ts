import { Args } from '@oclif/core';
import { diffScenarios, type ScenarioDiff } from '../../engine/report/scenario-diff.js';
import { scenarioDiffLines, scenarioDiffSummary } from '../../engine/report/explain.js';
import { HeadroomCommand } from '../../io/cli/base-command.js';
import { loadScenario } from '../../io/loaders/scenario.js';
import { scenarioInFolder } from '../../io/proxmox/import/write-scenario.js';

export default class ImportDiff extends HeadroomCommand {
  static summary = 'What changed between two imports of a cluster: guests, nodes, HA rules, and the totals.';
  static description =
    'Compares two scenarios (two `import proxmox` folders, or their YAML files): guests added, removed, moved and resized, ' +
    'nodes added, removed and resized, HA rules added, removed and changed (by id). The first line is a summary such as ' +
    '"since last: +3 VMs, +96 GiB memory" for a weekly job.';

  static examples = ['<%= config.bin %> import diff scenarios/prod-last-week scenarios/prod', '<%= config.bin %> import diff old/prod3.yaml new/prod3.yaml --json'];

  static args = {
    old: Args.string({ description: 'The earlier import: its folder or its scenario YAML.', required: true }),
    new: Args.string({ description: 'The later import: its folder or its scenario YAML.', required: true }),
  };

  async run(): Promise<ScenarioDiff> {
    const { args, flags } = await this.parse(ImportDiff);
    const diff = diffScenarios(loadScenario(scenarioInFolder(args.old)), loadScenario(scenarioInFolder(args.new)));
    if (!this.printJson(flags.json, diff)) this.log([scenarioDiffSummary(diff), ...scenarioDiffLines(diff)].join('\n'));
    return diff;
  }
}
