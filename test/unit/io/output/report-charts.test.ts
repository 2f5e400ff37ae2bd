/** The report's chart definitions (charts/definitions.ts): the numbers drawn, worked out by hand, and the conventions every chart keeps. */
import { describe, expect, it } from 'vitest';
import { buildReport, type ClusterReport } from '../../../../src/engine/report/report.js';
import type { SeriesForecast } from '../../../../src/engine/report/capacity-forecast.js';
import { reportCharts, type ChartDefinition, type Dataset } from '../../../../src/io/output/charts/definitions.js';
import { cluster, node, vm } from '../../../support/builders.js';

const POLICY = { scenarios: 'n+1', strictSpof: false, maxUtilAfterFailover: null, threshold: true } as const;

// a: 8 threads, 64 GiB with 4 reserved; b and c: 8 threads, 32 GiB. Two vCPUs per thread.
const threeNodes = () =>
  cluster()
    .nodes(node('a').threads(8).memGiB(64).reservedGiB(4), node('b').threads(8).memGiB(32), node('c').threads(8).memGiB(32))
    .policy({ cpuOvercommit: 2 });

function reportOf(built: ReturnType<typeof threeNodes>): ClusterReport {
  const c = built.build();
  return buildReport(c, c.policy.strategy, POLICY);
}

const chart = (charts: ChartDefinition[], id: string): ChartDefinition => charts.find((c) => c.id === id)!;
const dataset = (c: ChartDefinition, label: string): Dataset => c.config.data.datasets.find((d) => d.label === label)!;

describe('report charts', () => {
  const report = reportOf(threeNodes().vms(vm('web').vcpus(4).memGiB(20).on('a'), vm('db').vcpus(2).memGiB(16).on('a'), vm('app').vcpus(2).memGiB(8).on('b')));
  const charts = reportCharts(report);

  it('CPU per node: the VMs, the room left and the 85% mark, in vCPUs', () => {
    const cpu = chart(charts, 'load-cpu');
    expect(cpu.config.data.labels).toEqual(['a', 'b', 'c']);
    // a runs web 4 + db 2 = 6 vCPUs, b runs app 2; capacity 8 threads × 2 = 16 each.
    expect(dataset(cpu, 'VMs').data).toEqual([6, 2, 0]);
    expect(dataset(cpu, 'free').data).toEqual([10, 14, 16]);
    // 0.85 × 16 = 13.6
    expect(dataset(cpu, '85% threshold').data).toEqual([13.6, 13.6, 13.6]);
    expect(cpu.config.data.datasets.map((d) => d.label)).not.toContain('over capacity');
  });

  it("memory per node stacks the host's reserve on top; the threshold is of the capacity after it", () => {
    const memory = chart(charts, 'load-memory');
    // a: 64 − 4 = 60 GiB for VMs, web 20 + db 16 = 36 used, 24 free; b: 8 of 32; c: empty.
    expect(dataset(memory, 'VMs').data).toEqual([36, 8, 0]);
    expect(dataset(memory, 'free').data).toEqual([24, 24, 32]);
    expect(dataset(memory, 'reserved for the host').data).toEqual([4, 0, 0]);
    // 0.85 × 60 = 51; 0.85 × 32 = 27.2
    expect(dataset(memory, '85% threshold').data).toEqual([51, 27.2, 27.2]);
  });

  it('a VM running where it does not fit shows the part over capacity', () => {
    // 40 GiB on b (32): 32 drawn as VMs, 8 over, nothing free.
    const over = reportCharts(reportOf(threeNodes().vms(vm('big').memGiB(40).on('b'))));
    const memory = chart(over, 'load-memory');
    expect(dataset(memory, 'VMs').data[1]).toBe(32);
    expect(dataset(memory, 'over capacity').data[1]).toBe(8);
    expect(dataset(memory, 'free').data[1]).toBe(0);
  });

  it('each single failure: the HA VMs restarted; after the worst one, each node in percent', () => {
    const failover = chart(charts, 'failover');
    expect(failover.config.data.labels).toEqual(['a', 'b', 'c']);
    // a's web (20) and db (16) fit on b (24 free) and c (32 free) in either order; b's app
    // restarts; c runs nothing.
    expect(dataset(failover, 'HA VMs restarted elsewhere').data).toEqual([2, 1, 0]);
    expect(failover.config.data.datasets).toHaveLength(1);
    // No HA VM is lost anywhere, so the worst failure is the one leaving the fullest survivor.
    // a failing: web → b and db → c gives b 8 + 20 = 28/32 = 87.5%; web → c and db → b gives
    // b 8 + 16 = 24/32 = 75% (both on c, 36 > 32, cannot be). b failing: app on a is at most
    // 36 + 8 = 44/60 = 73.3%, and c failing moves nothing. So a, at 75% or more.
    const worst = chart(charts, 'after-worst-failure');
    expect(report.nPlusOne.worst!.failedNode).toBe('a');
    expect(worst.config.data.labels).toEqual(['a (failed)', 'b', 'c']);
    expect(dataset(worst, 'memory').data[0]).toBe(0);
    expect(Math.max(...(dataset(worst, 'memory').data as number[]))).toBeGreaterThanOrEqual(75);
  });

  it('every chart has a title, axis titles and a legend, and is plain JSON (report.html embeds the same object)', () => {
    for (const c of charts) {
      const options = c.config.options as { plugins: { title: { display: boolean; text: string }; legend: { display: boolean } }; scales: Record<string, { title: { display: boolean; text: string } }> };
      expect(options.plugins.title).toMatchObject({ display: true, text: c.title });
      expect(options.plugins.legend.display).toBe(true);
      for (const axis of ['x', 'y']) expect(options.scales[axis]!.title.text.length).toBeGreaterThan(0);
      expect(JSON.parse(JSON.stringify(c.config))).toEqual(c.config);
      if (c.config.type !== 'scatter') for (const d of c.config.data.datasets) expect(d.data).toHaveLength(c.config.data.labels.length);
    }
  });

  it('a colour keeps its meaning from chart to chart', () => {
    const colourOf = new Map<string, Set<unknown>>();
    for (const c of charts) for (const d of c.config.data.datasets) colourOf.set(d.label, (colourOf.get(d.label) ?? new Set()).add(d.backgroundColor));
    // 'VMs' and '85% threshold' appear in three charts each (CPU, memory, disk).
    expect(colourOf.get('VMs')!.size + colourOf.get('85% threshold')!.size).toBe(2);
    for (const [label, colours] of colourOf) expect([label, colours.size]).toEqual([label, 1]);
  });
});

describe('charts of a one-node cluster', () => {
  it('no failure leaves a survivor: the failover chart, and no chart of the load after it', () => {
    const c = cluster().nodes(node('solo').memGiB(32)).vms(vm('web').memGiB(8).on('solo')).build();
    const ids = reportCharts(buildReport(c, c.policy.strategy, POLICY)).map((chart) => chart.id);
    expect(ids).toEqual(['load-cpu', 'load-memory', 'load-disk', 'failover']);
  });
});

describe('the forecast chart', () => {
  // Two past days at 60% and 70%, three forecast days from 80% rising 10 points a day: the mean
  // reaches 85% on day 2; the 95% interval's upper edge (+15 points) on day 1.
  const series: SeriesForecast = {
    node: 'a',
    resource: 'memGiB',
    threshold: 0.85,
    lastPeak: 0.7,
    slopePerDay: 0.1,
    crossing: { earliest: '2026-01-03', likely: '2026-01-04', latest: null },
    daysToCrossing: { earliest: 1, likely: 2, latest: null },
    dailyPeaks: {
      pastDates: ['2026-01-01', '2026-01-02'],
      past: [0.6, 0.7],
      dates: ['2026-01-03', '2026-01-04', '2026-01-05'],
      mean: [0.8, 0.9, 1.0],
      lower80: [0.75, 0.85, 0.95],
      upper80: [0.85, 0.95, 1.05],
      lower95: [0.65, 0.75, 0.85],
      upper95: [0.95, 1.05, 1.15],
    },
    // Two measured steps of an hour (60%, 62%), then two forecast steps from 01-03 00:00.
    dayAhead: {
      start: '2026-01-03T00:00:00.000Z',
      stepSeconds: 3600,
      past: [0.6, 0.62],
      mean: [0.7, 0.8],
      lower80: [0.65, 0.74],
      upper80: [0.75, 0.86],
      lower95: [0.6, 0.7],
      upper95: [0.8, 0.9],
    },
  };
  const report = reportOf(threeNodes());
  const forecast = chart(reportCharts({ ...report, forecast: { scenario: 'test', lastSample: '2026-01-02T23:55:00.000Z', horizonDays: 3, series: [series], nPlusOneLoss: null } }), 'forecast-a-memory');

  it('history, then the forecast with its bands as floating bars, the threshold line and the crossings marked', () => {
    expect(forecast.config.data.labels).toEqual(['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04', '2026-01-05']);
    expect(dataset(forecast, 'sustained daily peak, measured').data).toEqual([60, 70, null, null, null]);
    expect(dataset(forecast, 'forecast (likely)').data).toEqual([null, null, 80, 90, 100]);
    expect(dataset(forecast, '80% interval').data).toEqual([null, null, [75, 85], [85, 95], [95, 105]]);
    expect(dataset(forecast, '95% interval').data).toEqual([null, null, [65, 95], [75, 105], [85, 115]]);
    expect(dataset(forecast, '85% threshold').data).toEqual([85, 85, 85, 85, 85]);
    // Day 2 is the 2 past days + 2 − 1 = index 3; day 1 index 2.
    expect(dataset(forecast, 'likely crossing 2026-01-04').data).toEqual([null, null, null, 85, null]);
    expect(dataset(forecast, 'earliest crossing 2026-01-03').data).toEqual([null, null, 85, null, null]);
  });
});

describe('the day-ahead chart', () => {
  const series = {
    node: null,
    resource: 'cpu',
    threshold: 0.85,
    dayAhead: { start: '2026-01-03T00:00:00.000Z', stepSeconds: 3600, past: [0.6, 0.62], mean: [0.7, 0.8], lower80: [0.65, 0.74], upper80: [0.75, 0.86], lower95: [0.6, 0.7], upper95: [0.8, 0.9] },
  } as unknown as SeriesForecast;
  const report = reportOf(threeNodes());
  const charts = reportCharts({ ...report, forecast: { scenario: 'test', lastSample: '2026-01-02T23:00:00.000Z', horizonDays: 1, series: [{ ...series, dailyPeaks: { pastDates: [], past: [], dates: [], mean: [], lower80: [], upper80: [], lower95: [], upper95: [] }, crossing: { earliest: null, likely: null, latest: null }, daysToCrossing: { earliest: null, likely: null, latest: null } }], nPlusOneLoss: null } });
  const dayAhead = chart(charts, 'day-ahead-cluster-cpu');

  it('follows its series\' long-horizon chart, in the forecast section', () => {
    expect(charts.map((c) => c.id).slice(-2)).toEqual(['forecast-cluster-cpu', 'day-ahead-cluster-cpu']);
    expect(dayAhead.section).toBe('forecast');
  });

  it('the last day measured, then the forecast steps with their bands, times in UTC, percentages', () => {
    // Steps at 3600 s: the past two end one step before 01-03 00:00, so 01-02 22:00 and 23:00.
    expect(dayAhead.config.data.labels).toEqual(['01-02 22:00', '01-02 23:00', '01-03 00:00', '01-03 01:00']);
    expect(dataset(dayAhead, 'measured').data).toEqual([60, 62, null, null]);
    expect(dataset(dayAhead, 'forecast (mean)').data).toEqual([null, null, 70, 80]);
    expect(dataset(dayAhead, '80% interval').data).toEqual([null, null, [65, 75], [74, 86]]);
    expect(dataset(dayAhead, '95% interval').data).toEqual([null, null, [60, 80], [70, 90]]);
    expect(dataset(dayAhead, '85% threshold').data).toEqual([85, 85, 85, 85]);
    expect(dayAhead.title).toBe('whole cluster, cpu: the last day and the next at 60-minute steps, forecast with 80% and 95% intervals');
  });
});

describe('the pair heat map (report --sweep 2)', () => {
  const summary = (failed: string[], haDown: number, breaks: boolean) => ({ label: failed.join('+'), failed, quorate: true, breaks, running: 0, restarted: 0, down: haDown, haDown, haDownForCapacity: 0, byReason: {} });
  const report = reportOf(threeNodes());
  // a alone: nothing down; b alone: 1; a and b: 2, which breaks the policy; the pairs with c: 5.
  const scenarios = [summary(['a'], 0, false), summary(['b'], 1, false), summary(['c'], 0, false), summary(['a', 'b'], 2, true), summary(['a', 'c'], 5, false), summary(['b', 'c'], 9, false)];
  const pairs: NonNullable<ClusterReport['pairs']> = { sweep: '2', strategy: 'first-fit', scenarioCount: 6, quorumLostIn: 0, capacityFailures: 1, breakingScenarios: 1, holds: false, steadyState: report.verdict.steadyState, scenarios, vmsDown: [] };
  const heat = chart(reportCharts({ ...report, pairs }), 'failover-pairs');
  const cells = (label: string) => dataset(heat, label).data;

  it('one square per ordered pair, the diagonal the node alone, shaded by HA VMs down, the breaks crossed', () => {
    expect(cells('no HA VM down')).toEqual([{ x: 'a', y: 'a' }, { x: 'c', y: 'c' }]);
    expect(cells('1 HA VM down')).toEqual([{ x: 'b', y: 'b' }]);
    expect(cells('2-3 HA VMs down')).toEqual([{ x: 'a', y: 'b' }, { x: 'b', y: 'a' }]);
    expect(cells('4-7 HA VMs down')).toEqual([{ x: 'a', y: 'c' }, { x: 'c', y: 'a' }]);
    expect(cells('8 or more HA VMs down')).toEqual([{ x: 'b', y: 'c' }, { x: 'c', y: 'b' }]);
    expect(cells('breaks the policy')).toEqual([{ x: 'a', y: 'b' }, { x: 'b', y: 'a' }]);
    // 3 × 3 cells, every one drawn once by its shade.
    expect(heat.config.data.datasets.filter((d) => d.label !== 'breaks the policy').reduce((n, d) => n + d.data.length, 0)).toBe(9);
  });
});
