/** Renders what `validate` read. */
import type { ClusterSummary } from '../../../engine/model/summary.js';
import { droppedRuleText } from '../../../engine/report/explain.js';
import { textTable } from '../tables.js';

export function renderSummary(summary: ClusterSummary): string {
  const { policy, requested } = summary;
  const domains = Object.entries(summary.failureDomains).map(([kind, names]) => `${kind}: ${names.join(', ')}`);
  return [
    `Scenario ${summary.scenario}: valid.`,
    `Nodes: ${summary.nodes} (${summary.cpuThreads} threads, ${summary.memGiB} GiB memory of which ${summary.memReservedGiB} GiB reserved for hosts, ${summary.gpus} GPUs)`,
    `VMs: ${summary.vms} in ${summary.classes} classes, ${summary.haVms} HA-managed; requested ${requested.vcpus} vCPU, ${requested.memGiB} GiB memory, ${requested.diskGiB} GiB disk, ${requested.gpus} GPUs`,
    `Anti-affinity groups: ${summary.antiAffinityGroups.join(', ') || '-'}`,
    `Failure domains: ${domains.join('; ') || '-'}`,
    `HA: crs ${summary.ha.crs ?? '-'}, ${summary.ha.rules} rule(s)`,
    ...summary.ha.dropped.map((rule) => `  ${droppedRuleText(rule)}`),
    `Policy: threshold cpu ${policy.threshold.cpu}, memory ${policy.threshold.memGiB}, disk ${policy.threshold.diskGiB}; ${policy.cpuOvercommit} vCPU per thread; memory overcommit ${policy.memOvercommit}; strategy ${policy.strategy}; failover ${policy.failover}`,
    '',
    textTable(
      ['pool', 'kind', 'capacity GiB', 'served by'],
      summary.pools.map((pool) => [pool.name, pool.kind, pool.capacityGiB, pool.servedBy ?? '-']),
    ),
  ].join('\n');
}
