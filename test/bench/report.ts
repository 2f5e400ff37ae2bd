/**
 * npm run bench:report [-- --nodes 1000 --vms 20000]
 * `report` on a generated cluster (generate-cluster.ts; its VM sizes as the classes, on the
 * shared pool, HA): the whole document, placement, N+1 table and the headroom of every class
 * (fit.ts, whose answers here run past 10,000 VMs), timed from the cluster in memory.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Cluster, VmClass } from '../../src/engine/model/cluster.js';
import { buildReport } from '../../src/engine/report/report.js';
import { generateCluster } from './generate-cluster.js';

const { values } = parseArgs({ options: { nodes: { type: 'string', default: '1000' }, vms: { type: 'string', default: '20000' } } });
const nodes = Number(values.nodes);
const vms = Number(values.vms);

/** One class per VM size the generator uses. */
function withClasses(cluster: Cluster): Cluster {
  const classes = new Map<string, VmClass>();
  for (const vm of cluster.vms) {
    if (classes.has(vm.className)) continue;
    classes.set(vm.className, { name: vm.className, description: '', vcpus: vm.vcpus, memGiB: vm.memGiB, diskGiB: vm.diskGiB, pool: 'shared', gpus: 0, gpuModel: null, antiAffinity: null, affinity: null, ha: true, haPriority: 0 });
  }
  return { ...cluster, classes: [...classes.values()].sort((a, b) => a.name.localeCompare(b.name)) };
}

const cluster = withClasses(generateCluster(nodes, vms, 7 + nodes));
console.log(`bench:report, ${nodes} nodes / ${vms} VMs, ${cluster.classes.length} classes, strategy ${cluster.policy.strategy}, policy ${cluster.policy.failover} on capacity (the generated cluster is packed past the 85% threshold, which would stop every class at 0), node ${process.version}`);
const started = performance.now();
const report = buildReport(cluster, cluster.policy.strategy, { scenarios: 'n+1', strictSpof: false, maxUtilAfterFailover: null, threshold: false });
const seconds = (performance.now() - started) / 1000;
for (const fit of report.headroom.classes) console.log(`  ${fit.unit.padEnd(8)} ${String(fit.count).padStart(7)} more (fails at ${fit.proof.failsAt ?? 'beyond the search limit'})`);
console.log(`report: ${seconds.toFixed(2)} s`);
