/**
 * The report as Prometheus metrics, in the text exposition format node_exporter's textfile
 * collector reads (https://prometheus.io/docs/instrumenting/exposition_formats/): a HELP and a
 * TYPE line per metric, then one sample per label set, label values escaped (\\, ", newline).
 * Every metric is a gauge labelled with the scenario, so several clusters can share a folder.
 */
import type { Resource } from '../../../engine/model/cluster.js';
import type { ClusterReport } from '../../../engine/report/report.js';

const RESOURCE_LABEL: Record<Resource, string> = { cpu: 'cpu', memGiB: 'memory', diskGiB: 'disk', gpus: 'gpus' };

interface Metric {
  name: string;
  help: string;
  samples: Array<{ labels: Record<string, string>; value: number }>;
}

export function renderMetrics(report: ClusterReport, timestampSeconds: number): string {
  const scenario = report.scenario;
  const metrics: Metric[] = [
    {
      name: 'headroom_policy_holds',
      help: 'Whether the failover policy holds on the cluster as placed (1) or breaks (0).',
      samples: [{ labels: { scenario, policy: report.verdict.policy }, value: report.verdict.holds ? 1 : 0 }],
    },
    {
      name: 'headroom_vms_remaining',
      help: 'How many more VMs of the class fit while the failover policy holds (0 when it breaks today).',
      samples: report.headroom.classes.map((fit) => ({ labels: { scenario, class: fit.unit }, value: fit.holdsToday ? fit.count : 0 })),
    },
    {
      name: 'headroom_node_utilisation_ratio',
      help: 'Used over capacity per node and resource (CPU in vCPUs after overcommit, memory after the host reservation, local disk, GPUs).',
      samples: report.placement.nodes.flatMap((node) =>
        (Object.keys(RESOURCE_LABEL) as Resource[])
          .filter((resource) => node.capacity[resource] > 0)
          .map((resource) => ({ labels: { scenario, node: node.name, resource: RESOURCE_LABEL[resource] }, value: node.used[resource] / node.capacity[resource] })),
      ),
    },
    {
      name: 'headroom_single_points_of_failure',
      help: 'HA VMs that some single node failure takes down whatever the capacity.',
      samples: [{ labels: { scenario }, value: new Set(report.nPlusOne.singlePointsOfFailure.map((d) => d.vm)).size }],
    },
    {
      // Prometheus names units in base units (promtool check metrics rejects "days"): seconds.
      name: 'headroom_time_to_threshold_seconds',
      help: 'Seconds from the last history sample until the sustained daily peak may cross the threshold (the 95% interval\'s upper edge, in whole days; +Inf when not within the forecast horizon). node="(cluster)" is the whole cluster.',
      samples: (report.forecast?.series ?? []).map((s) => ({ labels: { scenario, node: s.node ?? '(cluster)', resource: RESOURCE_LABEL[s.resource] }, value: s.daysToCrossing.earliest === null ? Infinity : s.daysToCrossing.earliest * 86_400 })),
    },
    {
      name: 'headroom_report_timestamp_seconds',
      help: 'When this report was made, in Unix seconds.',
      samples: [{ labels: { scenario }, value: timestampSeconds }],
    },
  ];
  return metrics.flatMap((metric) => [`# HELP ${metric.name} ${metric.help}`, `# TYPE ${metric.name} gauge`, ...metric.samples.map((s) => `${metric.name}{${labelText(s.labels)}} ${valueText(s.value)}`)]).join('\n') + '\n';
}

function labelText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}="${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`)
    .join(',');
}

function valueText(value: number): string {
  if (value === Infinity) return '+Inf';
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 1e6) / 1e6);
}
