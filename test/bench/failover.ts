/**
 * npm run bench:failover [-- --strategy balanced] [-- --sizes 64x2000,256x8000,1000x30000]
 * N-2 sweeps (every single and every pair of failed nodes) of generated clusters, by default
 * 64 nodes / 2,000 VMs (2,080 scenarios), 256 / 8,000 (32,896) and 1,000 / 30,000 (500,500),
 * on 1 and 2 threads: wall seconds, the main thread's CPU seconds (the workers' are not in it),
 * scenarios per second, the speed-up, and the peak RSS of the process (the workers included).
 * Targets: the 1,000-node sweep in under 60 s on 2 threads on a 2-core machine, 2 threads at
 * least 1.8× faster than 1, the two results byte-identical.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { combinationScenarios } from '../../src/engine/failure/scenarios.js';
import { planPlacement } from '../../src/engine/placement/plan.js';
import { runSweep } from '../../src/workers/sweep-runner.js';
import { generateCluster } from './generate-cluster.js';

const { values } = parseArgs({ options: { strategy: { type: 'string', default: 'balanced' }, sizes: { type: 'string', default: '64x2000,256x8000,1000x30000' } } });
const SIZES = values.sizes.split(',').map((size) => {
  const [nodes, vms] = size.split('x').map(Number);
  return { nodes: nodes!, vms: vms! };
});

console.log(`bench:failover, N-2 sweeps, strategy ${values.strategy}, node ${process.version}`);
console.log('nodes    VMs  scenarios  threads   seconds  main cpu s  scenarios/s  speed-up  peak RSS MiB');
for (const { nodes, vms } of SIZES) {
  const placed = planPlacement(generateCluster(nodes, vms, 7 + nodes), values.strategy);
  const scenarios = combinationScenarios(placed.index, 2);
  let oneThread = 0;
  let firstJson = '';
  for (const threads of [1, 2]) {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const result = await runSweep(placed, values.strategy, scenarios, 'k=2', threads, { strictSpof: false, maxUtilAfterFailover: null, threshold: false });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    if (threads === 1) oneThread = seconds;
    const json = JSON.stringify(result);
    if (threads === 1) firstJson = json;
    else if (json !== firstJson) throw new Error('2-thread sweep differs from the 1-thread sweep');
    const speedUp = threads === 1 ? '' : `${(oneThread / seconds).toFixed(2)}x`;
    console.log(
      `${String(nodes).padStart(5)} ${String(vms).padStart(6)} ${String(scenarios.length).padStart(10)} ${String(threads).padStart(8)} ${seconds.toFixed(2).padStart(9)} ${((cpu.user + cpu.system) / 1e6).toFixed(2).padStart(11)} ${Math.round(scenarios.length / seconds).toLocaleString('en-US').padStart(12)} ${speedUp.padStart(9)} ${(process.resourceUsage().maxRSS / 1024).toFixed(0).padStart(13)}`,
    );
  }
}
console.log('(1-thread and 2-thread results compared byte for byte: identical)');
