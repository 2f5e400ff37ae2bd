/**
 * The report's charts as chart.js configurations of plain JSON (no functions), built once from
 * the typed report: report.html embeds these very objects and draws them in the browser, and
 * png.ts draws them on @napi-rs/canvas, so the page and the PNG files never disagree.
 *
 * Conventions: every chart has a title, axis titles with units and a legend; colours come from
 * palette.ts and keep their meaning from chart to chart. Thresholds are drawn as a short
 * horizontal mark per bar (per node the threshold is its own capacity × threshold) or a dashed
 * line (when it is one percentage). Forecast bands are floating bars, one per day (one per step
 * in the day-ahead chart), so the legend holds one entry per band.
 */
import type { ClusterReport } from '../../../engine/report/report.js';
import type { SeriesForecast } from '../../../engine/report/capacity-forecast.js';
import type { NodeUsage } from '../../../engine/model/usage.js';
import { DOWN_REASONS } from '../../../engine/failure/outcome.js';
import type { SweepResult } from '../../../engine/policy/sweep.js';
import { COLOURS, DOWN_COLOURS, FONT_FAMILY } from './palette.js';

type Value = number | null | [number, number] | { x: string; y: string };

export interface Dataset {
  type: 'bar' | 'line' | 'scatter';
  label: string;
  data: Value[];
  [option: string]: unknown;
}

export interface ChartConfig {
  type: 'bar' | 'line' | 'scatter';
  data: { labels: string[]; datasets: Dataset[] };
  options: Record<string, unknown>;
}

export type ChartSection = 'load' | 'failover' | 'headroom' | 'forecast' | 'availability';

export interface ChartDefinition {
  /** The PNG's file name (charts/<id>.png) and the canvas's id in report.html. */
  id: string;
  section: ChartSection;
  title: string;
  /** Pixels, for the PNG (the page scales the chart to its column). */
  width: number;
  height: number;
  config: ChartConfig;
}

const RESOURCE_WORDS = { cpu: 'CPU', memGiB: 'Memory', diskGiB: 'Disk' } as const;

export function reportCharts(report: ClusterReport): ChartDefinition[] {
  const charts = [loadChart(report, 'cpu'), loadChart(report, 'memGiB')];
  if (report.placement.pools.length > 0) charts.push(poolChart(report));
  if (report.nPlusOne.nodes.length > 0) charts.push(failoverChart(report));
  if (report.pairs !== null) charts.push(pairsChart(report, report.pairs));
  if (report.nPlusOne.worst !== null) charts.push(afterWorstChart(report, report.nPlusOne.worst));
  if (report.headroom.classes.length > 0) charts.push(headroomChart(report));
  for (const series of report.forecast?.series ?? []) charts.push(forecastChart(series), dayAheadChart(series));
  if (report.availability.services.length > 0) charts.push(availabilityChart(report));
  return charts;
}

function loadChart(report: ClusterReport, resource: 'cpu' | 'memGiB'): ChartDefinition {
  const nodes = report.placement.nodes;
  const { policy } = report;
  const threshold = policy.threshold[resource];
  const width = widthFor(nodes.length);
  const datasets = stackedLoad(nodes.map((n) => ({ used: n.used[resource], capacity: n.capacity[resource] })), threshold, width);
  if (resource === 'memGiB') {
    const reserve = new Map(report.hardware.map((h) => [h.node, h.memReservedGiB]));
    datasets.splice(datasets.length - 1, 0, bar('reserved for the host', nodes.map((n) => reserve.get(n.name) ?? 0), COLOURS.reserved, 'load'));
  }
  const title =
    resource === 'cpu'
      ? `CPU per node: vCPUs of the VMs against capacity (threads × ${policy.cpuOvercommit}) and the ${percent(threshold)} threshold`
      : `Memory per node: the VMs' memory against capacity (after the host's reserve${policy.memOvercommit === 1 ? '' : `, × ${policy.memOvercommit}`}) and the ${percent(threshold)} threshold`;
  return {
    id: `load-${resource === 'cpu' ? 'cpu' : 'memory'}`,
    section: 'load',
    title,
    width,
    height: 420,
    config: barConfig(title, nodes.map((n) => n.name), datasets, { x: 'node', y: resource === 'cpu' ? 'vCPUs' : 'GiB', stacked: true }),
  };
}

function poolChart(report: ClusterReport): ChartDefinition {
  const pools = report.placement.pools;
  const threshold = report.policy.threshold.diskGiB;
  const width = widthFor(pools.length);
  const title = `Disk per storage pool: the VMs' disks against capacity and the ${percent(threshold)} threshold`;
  const labels = pools.map((p) => (p.kind === 'local' && p.node !== null ? `${p.pool} (${p.node})` : p.node === null ? p.pool : `${p.pool} (served by ${p.node})`));
  const datasets = stackedLoad(pools.map((p) => ({ used: p.usedGiB, capacity: p.capacityGiB })), threshold, width);
  return { id: 'load-disk', section: 'load', title, width, height: 420, config: barConfig(title, labels, datasets, { x: 'storage pool', y: 'GiB', stacked: true }) };
}

/** VMs (up to capacity), over capacity, free, and the threshold mark: one stack per bar. */
function stackedLoad(bars: ReadonlyArray<{ used: number; capacity: number }>, threshold: number, width: number): Dataset[] {
  const datasets = [bar('VMs', bars.map((b) => round(Math.min(b.used, b.capacity))), COLOURS.vms, 'load')];
  if (bars.some((b) => b.used > b.capacity + 1e-9)) datasets.push(bar('over capacity', bars.map((b) => round(Math.max(0, b.used - b.capacity))), COLOURS.over, 'load'));
  datasets.push({ ...bar('free', bars.map((b) => round(Math.max(0, b.capacity - b.used))), COLOURS.free, 'load'), borderColor: '#8c8c8c', borderWidth: 1 });
  datasets.push(thresholdMarks(`${percent(threshold)} threshold`, bars.map((b) => round(b.capacity * threshold)), width, bars.length));
  return datasets;
}

function failoverChart(report: ClusterReport): ChartDefinition {
  const rows = report.nPlusOne.nodes;
  const present = DOWN_REASONS.filter((reason) => rows.some((row) => row.down.some((d) => d.reason === reason)));
  const datasets = [
    bar('HA VMs restarted elsewhere', rows.map((row) => row.restarted), COLOURS.restarted, 'vms'),
    ...present.map((reason) => bar(`down: ${reason}`, rows.map((row) => row.down.filter((d) => d.reason === reason).length), DOWN_COLOURS[reason], 'vms')),
  ];
  const title = 'Each single node failure: the HA VMs restarted elsewhere and the VMs down, by reason';
  return { id: 'failover', section: 'failover', title, width: widthFor(rows.length), height: 420, config: barConfig(title, rows.map((row) => row.node), datasets, { x: 'failed node', y: 'VMs', stacked: true, counts: true }) };
}

/** Upper bounds of the heat map's classes of "HA VMs down", each darker than the last. */
const PAIR_CLASSES: ReadonlyArray<{ upTo: number; label: string; colour: string }> = [
  { upTo: 0, label: 'no HA VM down', colour: '#f7f7f7' },
  { upTo: 1, label: '1 HA VM down', colour: '#fdd49e' },
  { upTo: 3, label: '2-3 HA VMs down', colour: '#fc8d59' },
  { upTo: 7, label: '4-7 HA VMs down', colour: '#d7301f' },
  { upTo: Infinity, label: '8 or more HA VMs down', colour: '#7f0000' },
];

/** `--sweep 2`: HA VMs down for every pair of failed nodes (the diagonal: the node alone), the policy's breaks crossed. */
function pairsChart(report: ClusterReport, pairs: SweepResult): ChartDefinition {
  const nodes = report.placement.nodes.map((n) => n.name);
  const cells = pairs.scenarios.filter((s) => s.failed.length <= 2).flatMap((s) => {
    const [a, b = a] = s.failed as [string, string?];
    return a === b ? [{ x: a, y: a, s }] : [{ x: a, y: b, s }, { x: b, y: a, s }];
  });
  const width = Math.min(2400, Math.max(720, 200 + nodes.length * 44));
  const height = width - 40;
  // A 'rect' point of radius r is a square of side r·√2: fill 95% of a cell.
  const radius = Math.max(1, Math.floor((((Math.min(width, height) - 200) / nodes.length) * 0.95) / Math.SQRT2));
  const square = (label: string, points: typeof cells, colour: string, style = 'rect'): Dataset => ({
    type: 'scatter',
    label,
    data: points.map(({ x, y }) => ({ x, y })),
    backgroundColor: colour,
    borderColor: style === 'rect' ? '#bdbdbd' : COLOURS.history,
    borderWidth: style === 'rect' ? 1 : 2,
    pointStyle: style,
    pointRadius: radius,
    pointHoverRadius: radius,
    cells: nodes.length,
  });
  let floor = -1;
  const datasets = PAIR_CLASSES.map((level) => {
    const inLevel = cells.filter(({ s }) => s.haDown > floor && s.haDown <= level.upTo);
    floor = level.upTo;
    return square(level.label, inLevel, level.colour);
  }).filter((d) => d.data.length > 0);
  const broken = cells.filter(({ s }) => s.breaks);
  // chart.js draws lower `order` last: the crosses go over the squares.
  if (broken.length > 0) datasets.push({ ...square('breaks the policy', broken, 'rgba(0, 0, 0, 0)', 'crossRot'), order: -1 });
  const title = `Pairs of failed nodes: HA VMs down (diagonal: the node alone)${broken.length > 0 ? ', × breaks the policy' : ''}`;
  const axis = (text: string, reverse: boolean) => ({ type: 'category', labels: nodes, offset: true, reverse, title: { display: true, text, font: { family: FONT_FAMILY } }, ticks: { font: { family: FONT_FAMILY }, autoSkip: true, maxTicksLimit: 40 }, grid: { display: false } });
  return {
    id: 'failover-pairs',
    section: 'failover',
    title,
    width,
    height,
    config: {
      type: 'scatter',
      data: { labels: nodes, datasets },
      options: {
        animation: false,
        plugins: { title: { display: true, text: title, font: { family: FONT_FAMILY, size: 15 } }, legend: { display: true, position: 'bottom', labels: { font: { family: FONT_FAMILY } } } },
        scales: { x: axis('first failed node', false), y: axis('second failed node', true) },
      },
    },
  };
}

function afterWorstChart(report: ClusterReport, worst: { failedNode: string; nodesAfter: NodeUsage[] }): ChartDefinition {
  const nodes = worst.nodesAfter;
  const labels = nodes.map((n) => (n.up ? n.name : `${n.name} (failed)`));
  const { threshold } = report.policy;
  const lines = [line('capacity (100%)', nodes.map(() => 100), COLOURS.capacity, [2, 3])];
  if (threshold.cpu === threshold.memGiB) lines.push(line(`${percent(threshold.cpu)} threshold`, nodes.map(() => threshold.cpu * 100), COLOURS.threshold, [8, 4]));
  else {
    lines.push(line(`CPU threshold ${percent(threshold.cpu)}`, nodes.map(() => threshold.cpu * 100), COLOURS.threshold, [8, 4]));
    lines.push(line(`memory threshold ${percent(threshold.memGiB)}`, nodes.map(() => threshold.memGiB * 100), COLOURS.threshold, [3, 3]));
  }
  const datasets = [bar('CPU', nodes.map((n) => (n.up ? n.percent.cpu : 0)), COLOURS.vms, 'cpu'), bar('memory', nodes.map((n) => (n.up ? n.percent.memGiB : 0)), COLOURS.memory, 'memory'), ...lines];
  const title = `After the worst single failure (${worst.failedNode}): each node's load against capacity`;
  return { id: 'after-worst-failure', section: 'failover', title, width: widthFor(nodes.length), height: 420, config: barConfig(title, labels, datasets, { x: 'node', y: '% of capacity', stacked: false }) };
}

function headroomChart(report: ClusterReport): ChartDefinition {
  const { headroom, remedy } = report;
  const classes = headroom.classes;
  const labels = classes.map((fit) => (fit.proof.failsAt === null ? `${fit.unit} (at least)` : fit.unit));
  const datasets = [bar(`today, while ${headroom.policy} holds`, classes.map((fit) => (headroom.holds ? fit.count : 0)), COLOURS.vms, 'today')];
  if (remedy !== null) {
    const count = new Map(remedy.headroom.map((fit) => [fit.unit, fit.count]));
    datasets.push(bar(`with ${remedy.added.length} more node(s) like ${remedy.like}`, classes.map((fit) => count.get(fit.unit) ?? 0), COLOURS.afterChange, 'remedy'));
  }
  const title = headroom.holds ? `More VMs of each class that fit while ${headroom.policy} holds` : `More VMs of each class: none today (${headroom.policy} breaks)${remedy === null ? '' : ', and after the repair'}`;
  const config = barConfig(title, labels, datasets, { x: 'more VMs', y: 'class', stacked: false, counts: true });
  config.options.indexAxis = 'y';
  return { id: 'headroom', section: 'headroom', title, width: 900, height: Math.max(260, 90 + classes.length * (remedy === null ? 28 : 44)), config };
}

/** Expected downtime per service (analytic), one bar each, with the three-nines line (525.96 minutes a year). */
function availabilityChart(report: ClusterReport): ChartDefinition {
  const services = report.availability.services;
  const title = 'Expected downtime per service, minutes a year (analytic), against 99.9% (525.96 minutes)';
  const datasets = [
    bar('expected downtime', services.map((s) => s.analytic.downtimeMinutesPerYear), COLOURS.vms, 'downtime'),
    line('99.9% availability', services.map(() => THREE_NINES_MINUTES), COLOURS.threshold, [6, 4]),
  ];
  const config = barConfig(title, services.map((s) => `${s.name} (${s.rule})`), datasets, { x: 'service', y: 'minutes a year', stacked: false });
  return { id: 'availability', section: 'availability', title, width: widthFor(services.length), height: 420, config };
}

/** 0.1% of 525,960 minutes. */
const THREE_NINES_MINUTES = 525.96;

function forecastChart(series: SeriesForecast): ChartDefinition {
  const path = series.dailyPeaks;
  const labels = [...path.pastDates, ...path.dates];
  const past = path.past.length;
  const thresholdPercent = round(series.threshold * 100);
  const datasets = measuredThenForecast(labels, path.pastDates.length, path.dates.length, path, series.threshold, { measured: 'sustained daily peak, measured', measuredWidth: 2, forecast: 'forecast (likely)' });
  const marker = (label: string, day: number | null, style: string): void => {
    if (day === null) return;
    const at = past + day - 1;
    datasets.push({ ...line(label, labels.map((_, i) => (i === at ? thresholdPercent : null)), COLOURS.threshold, []), showLine: false, pointStyle: style, pointRadius: 8, pointBackgroundColor: COLOURS.threshold });
  };
  marker(`likely crossing ${series.crossing.likely}`, series.daysToCrossing.likely, 'triangle');
  marker(`earliest crossing ${series.crossing.earliest}`, series.daysToCrossing.earliest, 'rectRot');
  const who = series.node ?? 'whole cluster';
  const title = `${who}, ${RESOURCE_WORDS[series.resource].toLowerCase()}: sustained daily peak, forecast with 80% and 95% intervals, ${percent(series.threshold)} threshold`;
  const config = barConfig(title, labels, datasets, { x: 'date (UTC)', ticks: 14, y: yAxisOf(series), stacked: false });
  config.type = 'line';
  return { id: `forecast-${series.node ?? 'cluster'}-${resourceSlug(series)}`, section: 'forecast', title, width: 900, height: 380, config };
}

interface ForecastPath {
  past: readonly number[];
  mean: readonly number[];
  lower80: readonly number[];
  upper80: readonly number[];
  lower95: readonly number[];
  upper95: readonly number[];
}

/**
 * The datasets both forecast charts draw over `labels` (the past steps, then the forecast ones):
 * the measured line, the forecast line, the 80% and 95% bands and the threshold, in percent.
 */
function measuredThenForecast(labels: readonly string[], pastSteps: number, forecastSteps: number, path: ForecastPath, threshold: number, words: { measured: string; measuredWidth: number; forecast: string }): Dataset[] {
  const blanks = (count: number): null[] => Array.from({ length: count }, () => null);
  const inPercent = (values: readonly number[]): number[] => values.map((v) => round(v * 100));
  const band = (label: string, lower: readonly number[], upper: readonly number[], colour: string): Dataset => ({
    ...bar(label, [...blanks(pastSteps), ...lower.map((lo, i): [number, number] => [round(lo * 100), round(upper[i]! * 100)])], colour, label),
    grouped: false,
    barPercentage: 1,
    categoryPercentage: 1,
  });
  const thresholdPercent = round(threshold * 100);
  return [
    { ...line(words.measured, [...inPercent(path.past), ...blanks(forecastSteps)], COLOURS.history, []), borderWidth: words.measuredWidth },
    { ...line(words.forecast, [...blanks(pastSteps), ...inPercent(path.mean)], COLOURS.forecast, [6, 3]), borderWidth: 2 },
    band('80% interval', path.lower80, path.upper80, COLOURS.band80),
    band('95% interval', path.lower95, path.upper95, COLOURS.band95),
    line(`${percent(threshold)} threshold`, labels.map(() => thresholdPercent), COLOURS.threshold, [8, 4]),
  ];
}

/** The last day measured and the next day at the history's step (dayAhead), with the same bands and threshold as forecastChart. */
function dayAheadChart(series: SeriesForecast): ChartDefinition {
  const path = series.dayAhead;
  const start = Date.parse(path.start);
  const steps = path.past.length + path.mean.length;
  // "MM-DD HH:MM" (UTC) of each step, the past day first.
  const labels = Array.from({ length: steps }, (_, i) => new Date(start + (i - path.past.length) * path.stepSeconds * 1000).toISOString().slice(5, 16).replace('T', ' '));
  const datasets = measuredThenForecast(labels, path.past.length, path.mean.length, path, series.threshold, { measured: 'measured', measuredWidth: 1.5, forecast: 'forecast (mean)' });
  const who = series.node ?? 'whole cluster';
  const minutes = path.stepSeconds / 60;
  const title = `${who}, ${RESOURCE_WORDS[series.resource].toLowerCase()}: the last day and the next at ${minutes}-minute steps, forecast with 80% and 95% intervals`;
  const config = barConfig(title, labels, datasets, { x: 'time (UTC)', ticks: 16, y: yAxisOf(series), stacked: false });
  config.type = 'line';
  return { id: `day-ahead-${series.node ?? 'cluster'}-${resourceSlug(series)}`, section: 'forecast', title, width: 900, height: 320, config };
}

function yAxisOf(series: SeriesForecast): string {
  return `% of the ${series.node === null ? "cluster's" : "node's"} ${series.resource === 'cpu' ? 'threads' : series.resource === 'memGiB' ? 'memory' : 'disk'}`;
}

function resourceSlug(series: SeriesForecast): string {
  return series.resource === 'memGiB' ? 'memory' : series.resource === 'diskGiB' ? 'disk' : 'cpu';
}

/** `counts`: the value axis counts VMs, so its ticks are whole numbers. */
function barConfig(title: string, labels: string[], datasets: Dataset[], axes: { x: string; y: string; stacked: boolean; ticks?: number; counts?: boolean }): ChartConfig {
  const font = { family: FONT_FAMILY };
  const axis = (text: string) => ({ title: { display: true, text, font }, stacked: axes.stacked, ticks: { font, autoSkip: true, maxTicksLimit: axes.ticks ?? 40, ...(axes.counts ? { precision: 0 } : {}) } });
  return {
    type: 'bar',
    data: { labels, datasets },
    options: {
      animation: false,
      plugins: {
        title: { display: true, text: title, font: { ...font, size: 15 } },
        legend: { display: true, position: 'bottom', labels: { font } },
      },
      scales: { x: axis(axes.x), y: { ...axis(axes.y), beginAtZero: true } },
    },
  };
}

function bar(label: string, data: Value[], colour: string, stack: string): Dataset {
  return { type: 'bar', label, data, backgroundColor: colour, borderColor: colour, stack };
}

function line(label: string, data: Value[], colour: string, dash: number[]): Dataset {
  return { type: 'line', label, data, borderColor: colour, backgroundColor: colour, borderDash: dash, borderWidth: 2, pointRadius: 0, fill: false, spanGaps: false };
}

/** A short horizontal mark on each bar at its own threshold (a line dataset of 'line'-shaped points). */
function thresholdMarks(label: string, data: number[], width: number, bars: number): Dataset {
  // Half a bar's width either side: a bar is about 70% of its category.
  const radius = Math.max(3, Math.floor(((width - 140) / Math.max(1, bars)) * 0.38));
  return { type: 'line', label, data, showLine: false, pointStyle: 'line', pointRadius: radius, pointHoverRadius: radius, pointBorderWidth: 3, borderColor: COLOURS.threshold, backgroundColor: COLOURS.threshold, stack: 'threshold', order: -1 };
}

/** Wide enough for one labelled bar per node, within what a page or mail shows. */
function widthFor(bars: number): number {
  return Math.min(2400, Math.max(900, 160 + bars * 26));
}

function percent(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10}%`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
