/**
 * `headroom forecast`: from utilisation history to dates. Per node and resource, and for the
 * whole cluster, the sustained daily peak is forecast over the horizon (forecast/peak-trend.ts)
 * and the day each edge of its 95% interval and its mean reach the threshold is read off
 * (forecast/threshold-crossing.ts: earliest from the upper edge, the cautious answer).
 *
 * Utilisation as a fraction of what Proxmox reports the node has: CPU use over its threads (the
 * `cpu` series), memory in use over its memory (`memSizeGiB` when the history has it, else the
 * scenario's `memGiB`), disk in use over its size (`diskSizeGiB`, else its local pools). The
 * cluster's series is the sum of the nodes' use over the sum of their sizes, sample by sample,
 * on the samples every node has.
 *
 * Per node and resource, and for the cluster, the next day at the history's step too
 * (forecast/day-ahead.ts: the short-horizon combination with its intervals): day 1 at the step,
 * then the daily peaks for every day of the horizon. Only the daily peaks move dates.
 *
 * The N+1 loss: each VM's vCPUs and memory grow as its own daily peak is forecast to (a
 * guest's series over its last day's peak; a VM without history takes its node's factor), and
 * the policy is judged at every day of the horizon (policy/policy-timeline.ts).
 */
import { InvariantError } from '../../errors.js';
import type { Cluster, Resource } from '../model/cluster.js';
import type { History, HistoryMetric, HistorySeries } from '../model/history.js';
import { dayAhead, dayAheadTask, type DayAhead, type DayAheadTask } from '../forecast/day-ahead.js';
import { peakTrend, wholeDaySeries, type PeakTrend } from '../forecast/peak-trend.js';
import { thresholdCrossing, type CrossingDates, type CrossingDays } from '../forecast/threshold-crossing.js';
import type { PolicyOptions } from '../policy/failover-policy.js';
import { policyTimeline, type DemandStep, type PolicyTimeline } from '../policy/policy-timeline.js';

export type ForecastResource = Extract<Resource, 'cpu' | 'memGiB' | 'diskGiB'>;

export interface SeriesForecast {
  /** null for the whole cluster. */
  node: string | null;
  resource: ForecastResource;
  threshold: number;
  /** The last whole day's sustained peak, as a fraction. */
  lastPeak: number;
  slopePerDay: number;
  crossing: CrossingDates;
  daysToCrossing: CrossingDays;
  /** The sustained daily peaks behind the dates, as fractions rounded to 1e-4 (what the report's charts draw). */
  dailyPeaks: DailyPeakPath;
  /** The next day at the history's step, as fractions rounded to 1e-4. */
  dayAhead: DayAheadPath;
}

export interface DayAheadPath {
  /** ISO time of the first forecast step (one step after `lastSample`), and the step. */
  start: string;
  stepSeconds: number;
  /** The last whole day measured, at the step, ending one step before `start`. */
  past: number[];
  /** One value per step of the day from `start`: the forecast and its 80% and 95% intervals. */
  mean: number[];
  lower80: number[];
  upper80: number[];
  lower95: number[];
  upper95: number[];
}

export interface DailyPeakPath {
  /** ISO date of each past whole day, oldest first, and its sustained peak. */
  pastDates: string[];
  past: number[];
  /** Per day of the horizon (day 1 first, dated as `crossing` is): the forecast and its 80% and 95% intervals. */
  dates: string[];
  mean: number[];
  lower80: number[];
  upper80: number[];
  lower95: number[];
  upper95: number[];
}

export interface CapacityForecast {
  scenario: string;
  /** ISO time of the last sample the forecast starts from. */
  lastSample: string;
  horizonDays: number;
  series: SeriesForecast[];
  nPlusOneLoss: (PolicyTimeline & { date: string | null }) | null;
}

export interface ForecastOptions {
  horizonDays: number;
  /** One threshold for every resource, or null for the scenario's own per resource. */
  threshold: number | null;
  strategy: string;
  policy: PolicyOptions;
  /** `done` series forecast of `total` (nodes, the cluster, the VMs' own): a progress bar, nothing depends on it. */
  onProgress?: (done: number, total: number) => void;
  /** The day-ahead forecasts of dayAheadTasks(cluster, history), in its order, made on workers; made here when absent. */
  dayAhead?: readonly DayAhead[];
}

const DAY_SECONDS = 86_400;
const MIN_GUEST_HISTORY_SECONDS = 3 * DAY_SECONDS;
const USE: Record<ForecastResource, HistoryMetric> = { cpu: 'cpu', memGiB: 'memGiB', diskGiB: 'diskGiB' };
const SIZE: Record<ForecastResource, HistoryMetric | null> = { cpu: null, memGiB: 'memSizeGiB', diskGiB: 'diskSizeGiB' };

type ForecastInput = { node: string | null; resource: ForecastResource; series: TimeSeries; source: string };

/** Per resource, each node's use over its size, then the cluster's (with two nodes or more). */
function forecastInputs(cluster: Cluster, history: History): ForecastInput[] {
  const find = (entity: string, metric: HistoryMetric) => history.series.find((s) => s.entity === entity && s.metric === metric);
  const inputs: ForecastInput[] = [];
  for (const resource of Object.keys(USE) as ForecastResource[]) {
    const perNode = cluster.nodes.flatMap((node) => {
      const use = find(node.name, USE[resource]);
      const size = sizeOf(cluster, node.name, resource, SIZE[resource] === null ? undefined : find(node.name, SIZE[resource]!));
      return use === undefined || size <= 0 ? [] : [{ node: node.name, use, size }];
    });
    for (const { node, use, size } of perNode) inputs.push({ node, resource, series: ratioSeries([use], [size]), source: `${node}/${USE[resource]}` });
    if (perNode.length < 2) continue;
    const common = ratioSeries(perNode.map((p) => p.use), perNode.map((p) => p.size));
    if (common.values.length > 0) inputs.push({ node: null, resource, series: common, source: `cluster/${resource}` });
  }
  return inputs;
}

/** The day-ahead forecast each node and cluster series needs, in the order capacityForecast reports them. */
export function dayAheadTasks(cluster: Cluster, history: History): DayAheadTask[] {
  return forecastInputs(cluster, history).map(({ series, source }) => {
    const whole = wholeDaySeries(series.values, series.startSeconds, series.stepSeconds);
    return dayAheadTask(whole.y, whole.lastSampleSeconds, series.stepSeconds, source);
  });
}

export function capacityForecast(cluster: Cluster, history: History, options: ForecastOptions): CapacityForecast {
  const inputs = forecastInputs(cluster, history);
  // The VMs' own series feed the N+1 loss, judged only when some node or cluster series exists.
  const guests = inputs.length === 0 ? [] : guestSeries(cluster, history);
  let done = 0;
  const forecastOne = (series: TimeSeries, source: string): PeakTrend => {
    const trend = peakTrend(series.values, series.startSeconds, series.stepSeconds, options.horizonDays, source);
    options.onProgress?.(++done, inputs.length + guests.length);
    return trend;
  };
  const trends = inputs.map(({ node, resource, series, source }) => ({ node, resource, trend: forecastOne(series, source) }));
  // After every peak trend, so a series too short is refused by the same check wherever it is forecast.
  const nextDays = options.dayAhead ?? dayAheadTasks(cluster, history).map(dayAhead);
  // Day-ahead forecasts made for other inputs are a caller's bug.
  if (nextDays.length !== inputs.length) throw new InvariantError('one day-ahead forecast per series', { series: inputs.length, dayAhead: nextDays.length });
  const guestTrends = new Map(guests.map(({ source, series }) => [source, forecastOne(series, source)]));
  const series = trends.map(({ node, resource, trend }, i): SeriesForecast => {
    const threshold = options.threshold ?? cluster.policy.threshold[resource];
    const band = { lastSampleSeconds: trend.lastSampleSeconds, days: dayList(options.horizonDays), mean: trend.dailyPeak.mean, lower: trend.dailyPeak.lower[1]!, upper: trend.dailyPeak.upper[1]!, level: trend.dailyPeak.level[1]! };
    return { node, resource, threshold, lastPeak: round(trend.lastPeak), slopePerDay: round(trend.slopePerDay), ...thresholdCrossing(band, threshold), dailyPeaks: pathOf(trend, options.horizonDays), dayAhead: stepPathOf(nextDays[i]!) };
  });
  const last = Math.max(...trends.map((t) => t.trend.lastSampleSeconds));
  const timeline = trends.length === 0 ? null : policyTimeline(cluster, options.strategy, options.policy, demandSteps(cluster, guestTrends, trends, options.horizonDays));
  const date = (day: number | null) => (day === null ? null : new Date((last + day * DAY_SECONDS) * 1000).toISOString().slice(0, 10));
  return {
    scenario: cluster.name,
    lastSample: new Date(last * 1000).toISOString(),
    horizonDays: options.horizonDays,
    series,
    nPlusOneLoss: timeline && { ...timeline, date: date(timeline.firstBreach?.day ?? null) },
  };
}

type TimeSeries = Pick<HistorySeries, 'values' | 'startSeconds' | 'stepSeconds'>;

/** Σ use / Σ size, sample by sample, over the samples all series have (they share one step). */
function ratioSeries(uses: readonly HistorySeries[], sizes: readonly number[]): TimeSeries {
  const stepSeconds = uses[0]?.stepSeconds ?? 0;
  if (uses.some((s) => s.stepSeconds !== stepSeconds)) return { values: new Float64Array(0), startSeconds: 0, stepSeconds };
  const start = Math.max(...uses.map((s) => s.startSeconds));
  const end = Math.min(...uses.map((s) => s.startSeconds + (s.values.length - 1) * s.stepSeconds));
  const length = Math.max(0, Math.floor((end - start) / stepSeconds) + 1);
  const total = sizes.reduce((a, b) => a + b, 0);
  const values = new Float64Array(length);
  // The cpu series is a fraction of the node's threads: weigh it by them; the others are GiB.
  const weight = uses.map((s, k) => (s.metric === 'cpu' ? sizes[k]! : 1));
  for (let i = 0; i < length; i++) {
    let used = 0;
    uses.forEach((s, k) => (used += s.values[(start - s.startSeconds) / stepSeconds + i]! * weight[k]!));
    values[i] = used / total;
  }
  return { values, startSeconds: start, stepSeconds };
}

/** What the node has of a resource: CPU threads (the `cpu` series is already a fraction), memory, local disk. */
function sizeOf(cluster: Cluster, node: string, resource: ForecastResource, size: HistorySeries | undefined): number {
  const spec = cluster.nodes.find((n) => n.name === node)!;
  if (resource === 'cpu') return spec.cpuThreads;
  if (size !== undefined) return size.values[size.values.length - 1]!;
  if (resource === 'memGiB') return spec.memGiB;
  return cluster.pools.reduce((sum, pool) => sum + (pool.kind === 'local' ? (pool.capacityGiBByNode[node] ?? 0) : 0), 0);
}

function dayList(days: number): number[] {
  return Array.from({ length: days }, (_, i) => i + 1);
}

/** The VMs' own CPU and memory series, each named `vm/metric`; a guest with under three days of history (added lately) has none. */
function guestSeries(cluster: Cluster, history: History): Array<{ source: string; series: HistorySeries }> {
  return cluster.vms.flatMap((vm) =>
    (['cpu', 'memGiB'] as const).flatMap((metric) => {
      const series = history.series.find((s) => s.entity === vm.name && s.metric === metric);
      return series === undefined || series.values.length * series.stepSeconds < MIN_GUEST_HISTORY_SECONDS ? [] : [{ source: `${vm.name}/${metric}`, series }];
    }),
  );
}

/** Each VM's growth per day: its own forecast peak over its last day's (guestTrends, by `vm/metric`), or its node's. */
function demandSteps(cluster: Cluster, guestTrends: ReadonlyMap<string, PeakTrend>, nodeTrends: ReadonlyArray<{ node: string | null; resource: ForecastResource; trend: PeakTrend }>, horizonDays: number): DemandStep[] {
  const growthOf = (trend: PeakTrend | undefined) => (day: number) => (trend === undefined || trend.lastPeak <= 0 ? 1 : Math.max(0, trend.dailyPeak.mean[day - 1]! / trend.lastPeak));
  const nodeGrowth = (node: string | null, resource: ForecastResource) => growthOf(nodeTrends.find((t) => t.node === node && t.resource === resource && node !== null)?.trend);
  const perVm = cluster.vms.map((vm) => {
    const own = (metric: HistoryMetric, resource: ForecastResource) => {
      const trend = guestTrends.get(`${vm.name}/${metric}`);
      return trend === undefined ? nodeGrowth(vm.currentNode, resource) : growthOf(trend);
    };
    return { cpu: own('cpu', 'cpu'), mem: own('memGiB', 'memGiB') };
  });
  return dayList(horizonDays).map((day) => ({ day, cpu: Float64Array.from(perVm, (g) => g.cpu(day)), mem: Float64Array.from(perVm, (g) => g.mem(day)) }));
}

const four = (values: ArrayLike<number>) => Array.from(values, (v) => Math.round(v * 1e4) / 1e4);

function pathOf(trend: PeakTrend, horizonDays: number): DailyPeakPath {
  const { dailyPeak, pastPeaks, lastSampleSeconds } = trend;
  const dateOf = (day: number) => new Date((lastSampleSeconds + day * DAY_SECONDS) * 1000).toISOString().slice(0, 10);
  const level = (wanted: number) => dailyPeak.level.indexOf(wanted);
  return {
    // The last past day ends at the last sample (day 0); horizon day k is dated as thresholdCrossing dates it.
    pastDates: Array.from(pastPeaks, (_, d) => dateOf(d + 1 - pastPeaks.length)),
    past: four(pastPeaks),
    dates: dayList(horizonDays).map(dateOf),
    mean: four(dailyPeak.mean),
    lower80: four(dailyPeak.lower[level(0.8)]!),
    upper80: four(dailyPeak.upper[level(0.8)]!),
    lower95: four(dailyPeak.lower[level(0.95)]!),
    upper95: four(dailyPeak.upper[level(0.95)]!),
  };
}

function stepPathOf(next: DayAhead): DayAheadPath {
  const { forecast } = next;
  const level = (wanted: number) => forecast.level.indexOf(wanted);
  return {
    start: new Date(next.startSeconds * 1000).toISOString(),
    stepSeconds: next.stepSeconds,
    past: four(next.past),
    mean: four(forecast.mean),
    lower80: four(forecast.lower[level(0.8)]!),
    upper80: four(forecast.upper[level(0.8)]!),
    lower95: four(forecast.lower[level(0.95)]!),
    upper95: four(forecast.upper[level(0.95)]!),
  };
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/**
 * `--fail-within D`: what falls inside the next D days, judged on the cautious side: a series
 * whose earliest crossing (the 95% interval's upper edge) comes within D days, and the N+1 loss.
 */
export function dueWithin(forecast: CapacityForecast, days: number): { crossings: SeriesForecast[]; nPlusOneLoss: boolean } {
  return {
    crossings: forecast.series.filter((s) => s.daysToCrossing.earliest !== null && s.daysToCrossing.earliest <= days),
    nPlusOneLoss: forecast.nPlusOneLoss?.firstBreach != null && forecast.nPlusOneLoss.firstBreach.day <= days,
  };
}
