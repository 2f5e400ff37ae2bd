import { HeadroomCommand } from '../io/cli/base-command.js';
import { scenarioFlag, strategyFlag } from '../io/cli/flags.js';
import { loadScenario } from '../io/loaders/scenario.js';
import { policyFlags, policyOptions } from '../io/cli/policy-flags.js';
import { historyFlags, loadHistoryIfNamed } from '../io/cli/history-flags.js';
import { buildReport, type ClusterReport } from '../engine/report/report.js';
import { renderReport } from '../io/output/formatters/report.js';
import { writeFileAtomically } from '../io/output/atomic-write.js';
import { renderMetrics } from '../io/output/formatters/metrics.js';
import { brokenGates } from '../engine/report/gates.js';
import { failOnFlag, gateList } from '../io/cli/gate-flag.js';
import { progressBar, withProgress } from '../io/cli/progress.js';
import { formatList, keepCount, reportFlags, textfileTarget } from '../io/cli/report-flags.js';
import { checkReportTarget, datedReportFolder, DEFAULT_REPORTS_ROOT, folderContents, pruneReports, reportFiles, writeReportFolder } from '../io/output/report-folder.js';
import { renderVerdicts, reportVerdicts } from '../io/output/formatters/verdicts.js';
import { planPlacement } from '../engine/placement/plan.js';
import { threadCount, threadsFlag } from '../io/cli/threads.js';
import { reportPairs } from '../workers/sweep-runner.js';
import { dayAheadForecasts } from '../workers/forecast-runner.js';
import { dayAheadTasks } from '../engine/report/capacity-forecast.js';

export default class Report extends HeadroomCommand {
  static summary = 'The main job: a dated report folder (HTML with charts, Markdown, JSON, PNG) on the load against the 85% threshold, the N+1 check, single points of failure, the headroom per class, the repair when the policy breaks and, with history, the forecast.';
  static description =
    'Places the inventory (where the VMs run, when the inputs say), fails each node in turn to check that every HA VM restarts elsewhere, counts how many more VMs of each class fit while the failover policy holds, finds the fewest nodes that repair it when it breaks and, with utilisation history, forecasts when the threshold is crossed and N+1 lost. Writes reports/<scenario>-<UTC time>/ (report.html, report.md, report.json, charts/*.png) all at once, and prints the verdicts and the folder.';
  static examples = ['<%= config.bin %> report', '<%= config.bin %> report --out reports/lab --format html,json', '<%= config.bin %> report --keep 8 --textfile /var/lib/node_exporter/textfile_collector/headroom.prom --fail-on policy,forecast'];
  static flags = {
    scenario: scenarioFlag,
    strategy: strategyFlag,
    ...reportFlags,
    threads: threadsFlag,
    'fail-on': failOnFlag,
    ...historyFlags,
    ...policyFlags,
  };

  async run(): Promise<ClusterReport> {
    const { flags } = await this.parse(Report);
    const [formats, keep] = [formatList(flags.format), keepCount(flags.keep)];
    const textfile = textfileTarget(flags.textfile);
    if (flags.out !== undefined) checkReportTarget('--out', flags.out, formats);
    const cluster = loadScenario(flags.scenario);
    const history = await loadHistoryIfNamed(flags, cluster);
    const gates = gateList(flags['fail-on'], history !== null);
    const [strategy, policy] = [flags.strategy ?? cluster.policy.strategy, policyOptions(flags, cluster.policy.failover)];
    const pairs = await reportPairs(planPlacement(cluster, strategy), strategy, flags.sweep as '1' | '2', threadCount(flags.threads), policy);
    const dayAhead = history === null ? undefined : await dayAheadForecasts(dayAheadTasks(cluster, history), threadCount(flags.threads));
    const report = withProgress('headroom per class', cluster.classes.length, (classes) => buildReport(cluster, strategy, policy, { history, dayAhead, pairs, onClass: () => classes.tick() }));
    const json = `${JSON.stringify(report, null, 2)}\n`;
    const now = new Date();
    const files = reportFiles(report, json, formats, now, progressBar);
    const folder = writeReportFolder('--out', flags.out ?? datedReportFolder(DEFAULT_REPORTS_ROOT, report.scenario, now), files);
    if (keep !== null) pruneReports(folder, report.scenario, keep);
    if (textfile !== null) writeFileAtomically(textfile, renderMetrics(report, Math.floor(now.getTime() / 1000)));
    if (flags.json) process.stdout.write(json);
    else this.log(`${flags.full ? renderReport(report, 'text') : renderVerdicts(reportVerdicts(report))}\n\nReport: ${folder}/ (${folderContents(files)})`);
    const broken = brokenGates(report, gates);
    if (broken.length > 0) {
      process.stderr.write(`headroom: gate(s) broken: ${broken.join(', ')}\n`);
      this.failGate();
    }
    return report;
  }
}
