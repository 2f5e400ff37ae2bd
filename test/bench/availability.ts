/**
 * npm run bench:availability [-- --lab-years 1000000 --generated-years 200 --nodes 256 --vms 5120]
 *
 * Simulated cluster-years per second of `headroom availability` (runAvailability: the analytic
 * figures, then the Monte Carlo chunks, on the piscina pool for 2 threads), at 1 and 2 threads:
 *
 *   lab        scenarios/lab.yaml as shipped (its services and availability: section), 1,000,000
 *              years. Target: under 10 s on 2 cores; 2 threads at least 1.7× faster than 1.
 *   generated  a generated cluster (generate-cluster.ts, 256 nodes / 5,120 VMs, racks of 16 nodes,
 *              the default availability figures), 200 years.
 *
 * Each run is its own child process, so its peak RSS (process.resourceUsage().maxRSS) is its own
 * (the worker threads are in it). Timed: runAvailability from a placed cluster to the result
 * (setup, analytic, every chunk, pool start and stop); not timed: module loading, placement.
 * Printed: wall seconds, CPU seconds, cluster-years per second, peak RSS; then the speed-up of
 * 2 threads over 1, and `uptime`, since other work on the machine inflates the figures.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadScenario } from '../../src/io/loaders/scenario.js';
import { planPlacement } from '../../src/engine/placement/plan.js';
import { runAvailability } from '../../src/workers/availability-runner.js';
import { generateCluster } from './generate-cluster.js';

const { values } = parseArgs({
  options: {
    'lab-years': { type: 'string', default: '1000000' },
    'generated-years': { type: 'string', default: '200' },
    nodes: { type: 'string', default: '256' },
    vms: { type: 'string', default: '5120' },
    case: { type: 'string' },
    threads: { type: 'string' },
  },
});
const LAB = fileURLToPath(new URL('../../../scenarios/lab.yaml', import.meta.url));

async function runCase(name: string, threads: number): Promise<void> {
  const cluster = name === 'lab' ? loadScenario(LAB) : generateCluster(Number(values.nodes), Number(values.vms), 7);
  const years = Number(name === 'lab' ? values['lab-years'] : values['generated-years']);
  const placed = planPlacement(cluster, cluster.policy.strategy);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = await runAvailability(placed, cluster.policy.strategy, { years, seed: 1, threads, targetPercent: null });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const rssMiB = process.resourceUsage().maxRSS / 1024;
  const worst = result.services.reduce((a, b) => (b.monteCarlo.downtimeMinutesPerYear > a.monteCarlo.downtimeMinutesPerYear ? b : a));
  console.log(
    `${`${name} (${cluster.nodes.length} nodes / ${cluster.vms.length} VMs)`.padEnd(30)} threads ${threads}  ${years.toLocaleString('en-US').padStart(9)} years  ${seconds.toFixed(2).padStart(7)} s  cpu ${((cpu.user + cpu.system) / 1e6).toFixed(2).padStart(7)} s  ${Math.round(years / seconds).toLocaleString('en-US').padStart(9)} cluster-years/s  peak RSS ${rssMiB.toFixed(0).padStart(5)} MiB  (${result.services.length} services; worst ${worst.name} ${worst.monteCarlo.downtimeMinutesPerYear} min/yr)`,
  );
  console.log(`SECONDS ${seconds}`);
}

if (values.case !== undefined) {
  await runCase(values.case, Number(values.threads));
} else {
  console.log(`bench:availability, node ${process.version}; each run in its own process`);
  for (const name of ['lab', 'generated']) {
    const seconds: number[] = [];
    for (const threads of [1, 2]) {
      const args = [fileURLToPath(import.meta.url), '--case', name, '--threads', String(threads), ...Object.entries(values).filter(([key]) => key !== 'case' && key !== 'threads').flatMap(([key, value]) => [`--${key}`, String(value)])];
      const output = execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
      const [line, timing] = output.trim().split('\n').slice(-2);
      console.log(line);
      seconds.push(Number(timing!.split(' ')[1]));
    }
    console.log(`${name}: 2 threads ${(seconds[0]! / seconds[1]!).toFixed(2)}× faster than 1`);
  }
  console.log(`load: ${execFileSync('uptime', { encoding: 'utf8' }).trim()}`);
}
