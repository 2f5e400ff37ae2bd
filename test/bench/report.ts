/**
 * npm run bench:report [-- --nodes 1000 --vms 30000] [-- --case lab|generated]
 *
 * The whole `report`, phase by phase, on two clusters, each in its own child process so that
 * its peak RSS (process.resourceUsage().maxRSS, the high-water mark of the process) is its own:
 *
 *   lab        scenarios/lab.yaml as `headroom report` runs it: the scenario and its history
 *              (inputs.history, loaded as `report` loads it), the scenario's strategy and the
 *              command's default policy options (policyOptions with no flag: threshold on,
 *              no strict SPOF, no utilisation cap), the forecast included, the text rendered.
 *   generated  a generated cluster (generate-cluster.ts, 256 nodes / 8,000 VMs unless --nodes
 *              and --vms say otherwise; its VM sizes as the classes, on the shared pool, HA),
 *              the scenario's strategy (ffd) and policy (n+1), as `report --ignore-threshold`:
 *              the generator packs past the 85% threshold, which would stop every class at 0
 *              and leave nothing but the steady state to time. No history, so no forecast.
 *
 * Timed: each phase below, from the process that has its modules loaded, as wall seconds and
 * as the process's CPU seconds over the phases: loading, the report, and the folder (the JSON,
 * report.html, report.md, every PNG chart, written at once into a temporary folder). Not timed:
 * module loading (about a second), the progress bar, `--textfile`. The peak RSS is the whole
 * process's, module loading included.
 * A phase is one function of the context, so a step such as writing the report folder is one
 * more entry in a case's list.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { availableParallelism } from 'node:os';
import type { Cluster, VmClass } from '../../src/engine/model/cluster.js';
import type { History } from '../../src/engine/model/history.js';
import type { PolicyOptions } from '../../src/engine/policy/failover-policy.js';
import { buildReport, type ClusterReport } from '../../src/engine/report/report.js';
import { dayAheadTasks } from '../../src/engine/report/capacity-forecast.js';
import { dayAheadForecasts } from '../../src/workers/forecast-runner.js';
import { loadHistoryIfNamed } from '../../src/io/cli/history-flags.js';
import { policyOptions } from '../../src/io/cli/policy-flags.js';
import { loadScenario } from '../../src/io/loaders/scenario.js';
import { REPORT_FORMATS, reportFiles, writeReportFolder } from '../../src/io/output/report-folder.js';
import { generateCluster } from './generate-cluster.js';

const { values } = parseArgs({ options: { nodes: { type: 'string', default: '256' }, vms: { type: 'string', default: '8000' }, case: { type: 'string' } } });
const nodes = Number(values.nodes);
const vms = Number(values.vms);
const LAB = fileURLToPath(new URL('../../../scenarios/lab.yaml', import.meta.url));

/** What the phases of one case hand on to each other. */
interface Context {
  cluster?: Cluster;
  history?: History | null;
  strategy?: string;
  policy?: PolicyOptions;
  report?: ClusterReport;
  folder?: string;
}

interface Phase {
  name: string;
  run: (context: Context) => void | Promise<void>;
}

interface Case {
  name: string;
  phases: Phase[];
  describe: (context: Context) => string;
}

/** One class per VM size the generator uses. */
function withClasses(cluster: Cluster): Cluster {
  const classes = new Map<string, VmClass>();
  for (const vm of cluster.vms) {
    if (classes.has(vm.className)) continue;
    classes.set(vm.className, { name: vm.className, description: '', vcpus: vm.vcpus, memGiB: vm.memGiB, diskGiB: vm.diskGiB, pool: 'shared', gpus: 0, gpuModel: null, antiAffinity: null, affinity: null, ha: true, haPriority: 0 });
  }
  return { ...cluster, classes: [...classes.values()].sort((a, b) => a.name.localeCompare(b.name)) };
}

const build: Phase = {
  name: 'report',
  // As `report` makes it: the forecast's day-ahead paths on the worker pool (the machine's cores), then the report.
  run: async (c) => {
    const dayAhead = c.history ? await dayAheadForecasts(dayAheadTasks(c.cluster!, c.history), availableParallelism()) : undefined;
    c.report = buildReport(c.cluster!, c.strategy!, c.policy!, { history: c.history ?? null, dayAhead });
  },
};

/** What `report` writes: the JSON, every file of the folder (report.html, report.md, charts/*.png), written at once. */
const writeFolder: Phase = {
  name: 'folder',
  run: (c) => {
    const json = `${JSON.stringify(c.report!, null, 2)}\n`;
    const files = reportFiles(c.report!, json, REPORT_FORMATS, new Date(0));
    const folder = join(mkdtempSync(join(tmpdir(), 'headroom-bench-report-')), 'report');
    writeReportFolder('--out', folder, files);
    c.folder = `${files.length} files, ${(files.reduce((sum, f) => sum + f.content.length, 0) / 2 ** 20).toFixed(1)} MiB`;
    rmSync(dirname(folder), { recursive: true, force: true });
  },
};

const CASES: Record<string, Case> = {
  lab: {
    name: 'lab',
    phases: [
      {
        name: 'load',
        run: async (c) => {
          c.cluster = loadScenario(LAB);
          c.history = await loadHistoryIfNamed({ scenario: LAB, lookback: '30d', step: '5m' }, c.cluster);
          c.strategy = c.cluster.policy.strategy;
          c.policy = policyOptions({ 'strict-spof': false, 'ignore-threshold': false }, c.cluster.policy.failover);
        },
      },
      build,
      writeFolder,
    ],
    describe: (c) => `lab, ${c.cluster!.nodes.length} nodes / ${c.cluster!.vms.length} VMs, ${c.cluster!.classes.length} classes, ${c.history?.series.length ?? 0} history series, strategy ${c.strategy}, policy ${c.policy!.scenarios}; folder ${c.folder}`,
  },
  generated: {
    name: `${nodes}/${vms}`,
    phases: [
      {
        name: 'generate',
        run: (c) => {
          c.cluster = withClasses(generateCluster(nodes, vms, 7 + nodes));
          c.history = null;
          c.strategy = c.cluster.policy.strategy;
          c.policy = policyOptions({ 'strict-spof': false, 'ignore-threshold': true }, c.cluster.policy.failover);
        },
      },
      build,
      writeFolder,
    ],
    describe: (c) => {
      const report = c.report!;
      const counts = report.headroom.classes.map((fit) => `${fit.unit} ${fit.count} (fails at ${fit.proof.failsAt ?? 'beyond the search limit'})`).join(', ');
      const remedy = report.remedy === null ? 'no remedy needed or found' : `remedy ${report.remedy.added.length} like ${report.remedy.like}: ${report.remedy.headroom.map((fit) => `${fit.unit} ${fit.count}`).join(', ')}`;
      return `generated, ${nodes} nodes / ${vms} VMs, ${c.cluster!.classes.length} classes, strategy ${c.strategy}, policy ${c.policy!.scenarios} as --ignore-threshold; N+1 ${report.nPlusOne.holds ? 'holds' : 'breaks'}; headroom ${counts}; ${remedy} (${report.remedyChecked} checked); folder ${c.folder}`;
    },
  },
};

async function runCase(bench: Case): Promise<void> {
  const context: Context = {};
  const times: string[] = [];
  let total = 0;
  const cpuBefore = process.cpuUsage();
  for (const phase of bench.phases) {
    const started = performance.now();
    await phase.run(context);
    const seconds = (performance.now() - started) / 1000;
    total += seconds;
    times.push(`${phase.name} ${seconds.toFixed(2)} s`);
  }
  // CPU time (user + system, the collector's threads included) beside the wall time: on a
  // shared machine the wall time also counts the other work.
  const cpu = process.cpuUsage(cpuBefore);
  const rssMiB = process.resourceUsage().maxRSS / 1024;
  console.log(`  ${bench.describe(context)}`);
  console.log(`${bench.name.padEnd(12)} ${total.toFixed(2).padStart(7)} s   cpu ${((cpu.user + cpu.system) / 1e6).toFixed(2).padStart(7)} s   peak RSS ${rssMiB.toFixed(0).padStart(5)} MiB   (${times.join(', ')})`);
}

if (values.case !== undefined) {
  await runCase(CASES[values.case]!);
} else {
  console.log(`bench:report, node ${process.version}; each case in its own process`);
  for (const name of Object.keys(CASES)) {
    const args = [fileURLToPath(import.meta.url), '--case', name, '--nodes', String(nodes), '--vms', String(vms)];
    process.stdout.write(execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 }));
  }
}
