/**
 * npm run bench:failover [-- --strategy balanced]
 * N-2 sweeps (every single and every pair of failed nodes) of generated clusters:
 * 64 nodes / 2,000 VMs (2,080 scenarios) and 256 nodes / 8,000 VMs (32,896 scenarios),
 * on 1 and 2 threads: scenarios per second, and the speed-up. Targets: the 256-node sweep in
 * under 30 s on 2 cores; 2 threads at least 1.7× faster than 1.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { combinationScenarios } from '../../src/engine/failure/scenarios.js';
import { planPlacement } from '../../src/engine/placement/plan.js';
import { runSweep } from '../../src/workers/sweep-runner.js';
import { generateCluster } from './generate-cluster.js';

const { values } = parseArgs({ options: { strategy: { type: 'string', default: 'balanced' } } });
const SIZES = [
  { nodes: 64, vms: 2000 },
  { nodes: 256, vms: 8000 },
];

console.log(`bench:failover, N-2 sweeps, strategy ${values.strategy}, node ${process.version}`);
console.log('nodes    VMs  scenarios  threads   seconds  scenarios/s  speed-up');
for (const { nodes, vms } of SIZES) {
  const placed = planPlacement(generateCluster(nodes, vms, 7 + nodes), values.strategy);
  const scenarios = combinationScenarios(placed.index, 2);
  let oneThread = 0;
  let firstJson = '';
  for (const threads of [1, 2]) {
    const started = performance.now();
    const result = await runSweep(placed, values.strategy, scenarios, 'k=2', threads, { strictSpof: false, maxUtilAfterFailover: null, threshold: false });
    const seconds = (performance.now() - started) / 1000;
    if (threads === 1) oneThread = seconds;
    const json = JSON.stringify(result);
    if (threads === 1) firstJson = json;
    else if (json !== firstJson) throw new Error('2-thread sweep differs from the 1-thread sweep');
    const speedUp = threads === 1 ? '' : `${(oneThread / seconds).toFixed(2)}x`;
    console.log(
      `${String(nodes).padStart(5)} ${String(vms).padStart(6)} ${String(scenarios.length).padStart(10)} ${String(threads).padStart(8)} ${seconds.toFixed(2).padStart(9)} ${Math.round(scenarios.length / seconds).toLocaleString('en-US').padStart(12)} ${speedUp.padStart(9)}`,
    );
  }
}
console.log('(1-thread and 2-thread results compared byte for byte: identical)');
