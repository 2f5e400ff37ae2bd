/**
 * npm run bench:place [-- --sizes 50,500,5000 --strategies ffd,balanced --static-max-nodes 500]
 * Places generated clusters (about 20 VMs per node, 4 resources, anti-affinity groups) with
 * each registry strategy and prints wall seconds, the process's CPU seconds (on a shared
 * machine the wall time also counts other work), VMs per second, how time grows with size, and
 * the peak RSS so far. Target: 100,000 VMs onto 5,000 nodes in under 5 s with every strategy
 * on a 2-core machine. pve-static still ranks every node against every other per VM (TOPSIS
 * over all nodes, O(nodes²) per VM), so it runs only up to --static-max-nodes.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { planPlacement } from '../../src/engine/placement/plan.js';
import { ALL_STRATEGY_NAMES } from '../../src/engine/placement/strategies/index.js';
import { generateCluster } from './generate-cluster.js';

const { values } = parseArgs({
  options: { sizes: { type: 'string', default: '50,500,5000' }, strategies: { type: 'string', default: ALL_STRATEGY_NAMES.join(',') }, 'static-max-nodes': { type: 'string', default: '500' } },
});
const sizes = values.sizes.split(',').map(Number);
const strategies = values.strategies.split(',');
const staticMaxNodes = Number(values['static-max-nodes']);
const VMS_PER_NODE = 20;

console.log(`bench:place, ${VMS_PER_NODE} VMs per node, node ${process.version}`);
console.log('strategy      nodes      VMs   placed    seconds    cpu s      VMs/s   time ×  (size ×10)  peak RSS MiB');
for (const strategy of strategies) {
  let previous: number | null = null;
  for (const nodes of sizes) {
    if (strategy === 'pve-static' && nodes > staticMaxNodes) {
      console.log(`${strategy.padEnd(12)} ${String(nodes).padStart(6)}  skipped: O(nodes²) per VM (--static-max-nodes ${staticMaxNodes})`);
      continue;
    }
    const cluster = generateCluster(nodes, nodes * VMS_PER_NODE, 42 + nodes);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const { result } = planPlacement(cluster, strategy);
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const growth = previous === null ? '' : `${(seconds / previous).toFixed(1)}`;
    previous = seconds;
    console.log(
      `${strategy.padEnd(12)} ${String(nodes).padStart(6)} ${String(cluster.vms.length).padStart(8)} ${String(result.placements.length).padStart(8)} ${seconds.toFixed(3).padStart(10)} ${((cpu.user + cpu.system) / 1e6).toFixed(2).padStart(8)} ${Math.round(cluster.vms.length / seconds).toLocaleString('en-US').padStart(10)} ${growth.padStart(7)} ${(process.resourceUsage().maxRSS / 1024).toFixed(0).padStart(25)}`,
    );
  }
}
