/**
 * npm run bench:operations [-- --max-parallel 4]
 * The operations engine on generated clusters (generate-cluster.ts):
 *   - maintenance of 64 nodes / 2,000 VMs, keep n+1 and keep none (target: under 10 s each);
 *   - rebalance, 20 moves, on 256 nodes / 8,000 VMs (target: under 30 s).
 * Prints wall seconds, the plan's size, the peak RSS of this process and the load average
 * (other work on a shared machine inflates the figures: say so when quoting them).
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { planMaintenance } from '../../src/engine/operations/maintenance.js';
import { planRebalance } from '../../src/engine/operations/rebalance-plan.js';
import { generateCluster } from './generate-cluster.js';

const { values } = parseArgs({ options: { 'max-parallel': { type: 'string', default: '4' } } });
const maxParallel = Number(values['max-parallel']);

const timed = <T>(run: () => T): { result: T; seconds: number } => {
  const started = performance.now();
  const result = run();
  return { result, seconds: (performance.now() - started) / 1000 };
};
const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');

console.log(`bench:operations, node ${process.version}, load average before: ${load()}`);
const maintenanceCluster = generateCluster(64, 2000, 7 + 64);
for (const keep of ['n+1', 'none'] as const) {
  const { result, seconds } = timed(() => planMaintenance(maintenanceCluster, maintenanceCluster.policy.strategy, { maxParallel, keep, rebootSeconds: 300 }));
  console.log(
    `maintenance 64 nodes / 2,000 VMs, max-parallel ${maxParallel}, keep ${keep}: ${seconds.toFixed(2)} s; ${result.totals.waves} waves (at least ${result.waveLowerBound}), ${result.totals.moves} moves, ${result.totals.gibMoved} GiB, holds ${result.holds}`,
  );
}
const rebalanceCluster = generateCluster(256, 8000, 7 + 256);
for (const objective of ['n+1-margin', 'balance'] as const) {
  const { result, seconds } = timed(() => planRebalance(rebalanceCluster, rebalanceCluster.policy.strategy, { objective, maxMoves: 20 }));
  const rows = result.comparison.map((row) => `${row.method} ${row.moves} moves (${row.stoppedBy}) ${row.gibMoved} GiB margin ${row.after.nPlusOneMargin} lost ${row.after.lostForCapacity}`).join('; ');
  console.log(`rebalance 256 nodes / 8,000 VMs, ${objective}, 20 moves: ${seconds.toFixed(2)} s (comparison included); ${result.moves.length} moves, margin ${result.before.nPlusOneMargin} -> ${result.after.nPlusOneMargin}, lost ${result.before.lostForCapacity} -> ${result.after.lostForCapacity}, imbalance ${result.before.imbalance} -> ${result.after.imbalance}; ${rows}`);
}
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB; load average after: ${load()}`);
