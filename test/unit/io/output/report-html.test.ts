/** report.html (html/report-html.ts): self-contained, every verdict links to its evidence, the charts embedded as defined. */
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../../src/engine/report/report.js';
import { reportCharts } from '../../../../src/io/output/charts/definitions.js';
import { renderReportHtml } from '../../../../src/io/output/html/report-html.js';
import { chartJsSource } from '../../../../src/io/output/html/chart-js-source.js';
import { cluster, node, vm } from '../../../support/builders.js';

const c = cluster()
  .nodes(node('a').memGiB(64), node('b').memGiB(32))
  .vms(vm('web').memGiB(20).on('a'), vm('<db>').memGiB(40).on('a'))
  .build();
const report = { ...buildReport(c, c.policy.strategy, { scenarios: 'n+1', strictSpof: false, maxUtilAfterFailover: null, threshold: true }), scenario: 'lab & <test>' };
const charts = reportCharts(report);
const html = renderReportHtml({ report, charts, chartJs: chartJsSource(), generatedAt: '2026-12-04T00:00:00.000Z' });

describe('report.html', () => {
  it('asks for nothing from any host: no src or href but in-page anchors, chart.js inlined', () => {
    expect([...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]!).filter((target) => !target.startsWith('#'))).toEqual([]);
    expect(html).not.toMatch(/<link\b|@import|url\(/);
    expect(html).toContain(chartJsSource());
  });

  it('every verdict links to a section that exists', () => {
    const links = [...html.matchAll(/<li class="(?:ok|warn|fail|none)"><a href="#([\w-]+)"/g)].map((m) => m[1]!);
    // policy, single points of failure, threshold crossing, N+1 loss, headroom.
    expect(links).toEqual(['failover', 'spof', 'forecast', 'forecast-loss', 'headroom']);
    for (const id of links) expect(html).toContain(`id="${id}"`);
  });

  it('embeds the chart definitions as they are, one canvas each', () => {
    const data = /<script type="application\/json" id="headroom-charts">(.*?)<\/script>/s.exec(html)![1]!;
    expect(JSON.parse(data)).toEqual(charts.map(({ id, config }) => ({ id, config })));
    for (const chart of charts) expect(html).toContain(`<canvas id="chart-${chart.id}"`);
  });

  it('escapes what the inputs name', () => {
    expect(html).toContain('<title>headroom report: lab &amp; &lt;test&gt;</title>');
    expect(html).toContain('<td>&lt;db&gt;</td>');
    expect(html).not.toContain('<db>');
  });

  it('refuses a chart.js it cannot inline whole', () => {
    expect(() => renderReportHtml({ report, charts, chartJs: 'var s = "</script>";', generatedAt: '' })).toThrow(/closing script tag/);
  });
});
