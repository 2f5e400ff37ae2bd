/**
 * `--prometheus URL`: utilisation history from prometheus-pve-exporter's metrics, one range
 * query per metric over `--lookback` at `--step` (prometheus-http.ts chunks and reports errors).
 *
 * Every value metric carries one label, `id` (`node/<node>`, `qemu/<vmid>`, `lxc/<vmid>`), so:
 * - several scrapes of one cluster (exporters behind `cluster=1` on each node) are deduplicated
 *   with `max by (id)`, and only samples of running entities (`pve_up == 1`) count as demand;
 * - a guest's name and node come from `pve_guest_info{id,node,name}`, the only place a guest's
 *   node appears; the node is the one of its last info sample (a migrated guest keeps its `id`,
 *   so its history is continuous). A guest without an info series is named by its `id`.
 * Nodes and guests the scenario does not name are kept: Prometheus sees the whole cluster.
 * Bytes become GiB (2^30 bytes). Points become a grid with grid.ts's gap rule, the same as
 * for CSV: a point Prometheus does not return is a missing sample. Bad input (exit 2): no series
 * for any of the scenario's nodes, or a series spanning less than two days.
 */
import type { Cluster } from '../../engine/model/cluster.js';
import { compareSeries, type History, type HistoryMetric, type HistorySeries } from '../../engine/model/history.js';
import { InputError, IssueCollector } from '../../errors.js';
import { longEnough, toGrid } from './grid.js';
import { queryRangeChunked, type PrometheusConnection, type RangeSeries, type TimeRange } from './prometheus-http.js';

const GIB = 2 ** 30;

/** The exporter's metric for each history metric, and the factor to its unit. */
export const PVE_METRICS: Readonly<Record<HistoryMetric, { name: string; scale: number }>> = {
  cpu: { name: 'pve_cpu_usage_ratio', scale: 1 },
  cpuLimit: { name: 'pve_cpu_usage_limit', scale: 1 },
  memGiB: { name: 'pve_memory_usage_bytes', scale: 1 / GIB },
  memSizeGiB: { name: 'pve_memory_size_bytes', scale: 1 / GIB },
  diskGiB: { name: 'pve_disk_usage_bytes', scale: 1 / GIB },
  diskSizeGiB: { name: 'pve_disk_size_bytes', scale: 1 / GIB },
};

const ENTITY_IDS = 'id=~"node/.+|qemu/.+|lxc/.+"';
const GUEST_INFO_QUERY = 'max by (id, node, name) (pve_guest_info)';

function valueQuery(metric: HistoryMetric): string {
  return `max by (id) (${PVE_METRICS[metric].name}{${ENTITY_IDS}}) and on (id) (max by (id) (pve_up{${ENTITY_IDS}}) == 1)`;
}

/** `--lookback 30d`, `--step 5m`, and 30 s for each request. */
export const PROMETHEUS_DEFAULTS = { lookbackSeconds: 30 * 86_400, stepSeconds: 300, timeoutMs: 30_000 };

export interface PrometheusHistoryOptions extends Omit<PrometheusConnection, 'timeoutMs'> {
  lookbackSeconds?: number;
  stepSeconds?: number;
  timeoutMs?: number;
  /** Unix seconds of the last point; default: now, rounded down to the step. */
  endSeconds?: number;
}

export async function readPrometheusHistory(cluster: Cluster, given: PrometheusHistoryOptions): Promise<History> {
  const stepSeconds = given.stepSeconds ?? PROMETHEUS_DEFAULTS.stepSeconds;
  const lookbackSeconds = given.lookbackSeconds ?? PROMETHEUS_DEFAULTS.lookbackSeconds;
  const options = { ...given, timeoutMs: given.timeoutMs ?? PROMETHEUS_DEFAULTS.timeoutMs };
  const endSeconds = given.endSeconds ?? Math.floor(Date.now() / 1000 / stepSeconds) * stepSeconds;
  const range: TimeRange = { startSeconds: endSeconds - lookbackSeconds, endSeconds, stepSeconds };
  const guests = latestGuestInfo(await queryRangeChunked(options, GUEST_INFO_QUERY, range));
  const issues = new IssueCollector();
  const series: HistorySeries[] = [];
  for (const metric of Object.keys(PVE_METRICS) as HistoryMetric[]) {
    for (const { metric: labels, points } of await queryRangeChunked(options, valueQuery(metric), range)) {
      const id = labels.id ?? '';
      const node = id.startsWith('node/');
      const entity = node ? id.slice('node/'.length) : (guests.get(id)?.name ?? id);
      const grid = toGrid(points.map(([seconds, value]) => ({ seconds, value: Number.isFinite(value) ? value * PVE_METRICS[metric].scale : Number.NaN })), stepSeconds);
      if (grid === null) continue;
      if (!longEnough(grid, stepSeconds)) issues.add({ file: options.url, field: `${entity}/${metric}`, value: `${((grid.values.length * stepSeconds) / 86_400).toFixed(2)} days`, expected: `at least 2 days of samples (two daily seasons) from ${valueQuery(metric)}` });
      series.push({ entity, kind: node ? 'node' : 'guest', metric, startSeconds: grid.startSeconds, stepSeconds, values: grid.values });
    }
  }
  rejectWithoutScenarioNodes(cluster, series, options.url);
  issues.throwIfAny();
  const guestNode = Object.fromEntries([...guests.values()].map(({ name, node }) => [name, node]).sort(([a], [b]) => (a! < b! ? -1 : 1)));
  return { series: series.sort(compareSeries), guestNode };
}

/** Each guest id's name and node at its last info point. */
function latestGuestInfo(info: readonly RangeSeries[]): Map<string, { name: string; node: string; at: number }> {
  const latest = new Map<string, { name: string; node: string; at: number }>();
  for (const { metric, points } of info) {
    const at = points[points.length - 1]?.[0] ?? -Infinity;
    const id = metric.id ?? '';
    if ((latest.get(id)?.at ?? -Infinity) < at) latest.set(id, { name: metric.name ?? id, node: metric.node ?? '', at });
  }
  return latest;
}

function rejectWithoutScenarioNodes(cluster: Cluster, series: readonly HistorySeries[], url: string): void {
  const found = new Set(series.filter((s) => s.kind === 'node').map((s) => s.entity));
  if (cluster.nodes.some((node) => found.has(node.name))) return;
  const names = cluster.nodes.map((node) => `node/${node.name}`).join(', ');
  throw new InputError({ file: url, field: 'query', value: valueQuery('cpu'), expected: `series with id ${names} (the scenario's nodes); got ${found.size === 0 ? 'no node series' : `only ${[...found].sort().join(', ')}`}` });
}
