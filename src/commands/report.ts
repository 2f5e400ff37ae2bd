import { Flags } from '@oclif/core';
import { HeadroomCommand } from '../io/cli/base-command.js';
import { scenarioFlag, strategyFlag } from '../io/cli/flags.js';
import { loadScenario } from '../io/loaders/scenario.js';
import { policyFlags, policyOptions } from '../io/cli/policy-flags.js';
import { historyFlags, loadHistoryIfNamed } from '../io/cli/history-flags.js';
import { buildReport, type ClusterReport } from '../engine/report/report.js';
import { renderReport } from '../io/output/formatters/report.js';
import { checkFileTarget, writeFileAtomically, writeFolderAtomically } from '../io/output/atomic-write.js';
import { renderMetrics } from '../io/output/formatters/metrics.js';
import { brokenGates } from '../engine/report/gates.js';
import { failOnFlag, gateList } from '../io/cli/gate-flag.js';
import { progressBar } from '../io/cli/progress.js';

export default class Report extends HeadroomCommand {
  static summary = 'The main job: load per node against the 85% threshold, the placement, the N+1 check, the headroom per class and, if the policy breaks, the fewest nodes that repair it.';
  static description =
    'Places the inventory, reports per node and resource used / capacity / percent with the alert threshold marked, lists VMs that do not fit, fails each node in turn to check that every HA VM restarts elsewhere, counts how many more VMs of each class fit while the scenario\'s failover policy holds, and, when it does not hold, finds the fewest nodes like an existing one that make it hold (as check --add-node judges them) with the headroom they give. --out writes report.md and report.json atomically.';
  static examples = ['<%= config.bin %> report', '<%= config.bin %> report --json', '<%= config.bin %> report --out reports/lab'];
  static flags = {
    scenario: scenarioFlag,
    strategy: strategyFlag,
    out: Flags.string({ description: 'Folder to write report.md and report.json to, all at once: created if missing, replaced if it holds only a previous report, refused (exit 2) if it holds anything else.' }),
    textfile: Flags.string({ description: 'Also write the verdicts as Prometheus metrics to this file (node_exporter textfile collector; written atomically; the folder must exist).' }),
    'fail-on': failOnFlag,
    ...historyFlags,
    ...policyFlags,
  };

  async run(): Promise<ClusterReport> {
    const { flags } = await this.parse(Report);
    const cluster = loadScenario(flags.scenario);
    const history = await loadHistoryIfNamed(flags, cluster);
    const gates = gateList(flags['fail-on'], history !== null);
    const progress = progressBar('headroom per class', cluster.classes.length);
    const report = buildReport(cluster, flags.strategy ?? cluster.policy.strategy, policyOptions(flags, cluster.policy.failover), history, () => progress.tick());
    progress.stop();
    const json = `${JSON.stringify(report, null, 2)}\n`;
    const textfile = flags.textfile === undefined ? null : { field: '--textfile', path: flags.textfile };
    if (textfile !== null) checkFileTarget(textfile);
    if (flags.out !== undefined) {
      writeFolderAtomically({ field: '--out', path: flags.out }, [
        { name: 'report.md', content: renderReport(report, 'markdown') },
        { name: 'report.json', content: json },
      ]);
    }
    if (textfile !== null) writeFileAtomically(textfile, renderMetrics(report, Math.floor(Date.now() / 1000)));
    if (flags.json) process.stdout.write(json);
    else this.log(renderReport(report, 'text'));
    const broken = brokenGates(report, gates);
    if (broken.length > 0) {
      process.stderr.write(`headroom: gate(s) broken: ${broken.join(', ')}\n`);
      this.failGate();
    }
    return report;
  }
}

