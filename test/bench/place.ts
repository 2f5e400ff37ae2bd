/**
 * npm run bench:place [-- --sizes 50,500,5000 --strategies ffd,balanced]
 * Places generated clusters (about 20 VMs per node, 4 resources, anti-affinity groups) with
 * each strategy and prints VMs per second and how time grows with size. Target: 100,000 VMs
 * onto 5,000 nodes in under 5 s with ffd on a 2-core machine.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { planPlacement } from '../../src/engine/placement/plan.js';
import { STRATEGY_NAMES } from '../../src/engine/placement/strategies/index.js';
import { generateCluster } from './generate-cluster.js';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '50,500,5000' }, strategies: { type: 'string', default: STRATEGY_NAMES.join(',') } } });
const sizes = values.sizes.split(',').map(Number);
const strategies = values.strategies.split(',');
const VMS_PER_NODE = 20;

console.log(`bench:place, ${VMS_PER_NODE} VMs per node, node ${process.version}`);
console.log('strategy      nodes      VMs   placed    seconds      VMs/s   time ×  (size ×10)');
for (const strategy of strategies) {
  let previous: number | null = null;
  for (const nodes of sizes) {
    const cluster = generateCluster(nodes, nodes * VMS_PER_NODE, 42 + nodes);
    const started = performance.now();
    const { result } = planPlacement(cluster, strategy);
    const seconds = (performance.now() - started) / 1000;
    const growth = previous === null ? '' : `${(seconds / previous).toFixed(1)}`;
    previous = seconds;
    console.log(
      `${strategy.padEnd(12)} ${String(nodes).padStart(6)} ${String(cluster.vms.length).padStart(8)} ${String(result.placements.length).padStart(8)} ${seconds.toFixed(3).padStart(10)} ${Math.round(cluster.vms.length / seconds).toLocaleString('en-US').padStart(10)} ${growth.padStart(7)}`,
    );
  }
}
