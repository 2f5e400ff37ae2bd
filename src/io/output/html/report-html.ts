/**
 * report.html: one self-contained page (chart.js and the data inlined, no request to any other
 * host), so it opens from a mail attachment offline. The verdicts come first, each a link to
 * its evidence below; the sections reuse the text and Markdown report's builders
 * (formatters/report.ts), and the charts are the very definitions png.ts draws
 * (charts/definitions.ts). Readable on a phone (one column, tables scroll sideways) and in
 * print (a print stylesheet: no shadows, colours kept, charts not split across pages).
 */
import type { ClusterReport } from '../../../engine/report/report.js';
import { InvariantError } from '../../../errors.js';
import type { ChartDefinition, ChartSection } from '../charts/definitions.js';
import { COLOURS, FONT_FAMILY } from '../charts/palette.js';
import { fitTable } from '../formatters/fit.js';
import { forecastIntro, forecastTable, nPlusOneLossText } from '../formatters/forecast.js';
import { LAYOUT_WORDS, LOAD_LEGEND, nodeLoadTable, placementProblems, poolTable, vmTable } from '../formatters/placement.js';
import { availabilityTable } from '../formatters/availability.js';
import { availabilityIntro, downListings, failureTable, failuresHeading, headroomHeading, policyLine, policyReasons, remedyText } from '../formatters/report.js';
import { reportVerdicts, type Verdict } from '../formatters/verdicts.js';
import { escapeHtml, htmlTable } from '../tables.js';

export interface HtmlInputs {
  report: ClusterReport;
  charts: readonly ChartDefinition[];
  /** chart.js's UMD build, inlined as it is. */
  chartJs: string;
  /** When the report was made, for the page's header (ISO, UTC). */
  generatedAt: string;
}

export function renderReportHtml({ report, charts, chartJs, generatedAt }: HtmlInputs): string {
  if (/<\/script/i.test(chartJs)) throw new InvariantError('chart.js cannot be inlined: it contains a closing script tag', chartJs.length);
  const canvases = (section: ChartSection) => charts.filter((c) => c.section === section).map(canvas).join('\n');
  const body = [
    `<header><h1>headroom report: ${escapeHtml(report.scenario)}</h1><p class="meta">Made ${escapeHtml(generatedAt)} · strategy ${escapeHtml(report.placement.strategy)} · ${escapeHtml(LAYOUT_WORDS[report.placement.layout])}</p></header>`,
    section('verdicts', 'Verdicts', verdictList(reportVerdicts(report))),
    section('load', 'Load per node against capacity', [nodeLoadTable(report.placement.nodes, report.policy, htmlTable), paragraph(LOAD_LEGEND), canvases('load'), poolTable(report.placement, htmlTable)].join('\n')),
    section('placement', 'Placement: which VM runs where', [vmTable(report.placement, htmlTable), ...problemLists(report)].join('\n')),
    section('failover', failuresHeading(report), [paragraph(policyLine(report)), list(policyReasons(report)), failureTable(report, htmlTable), canvases('failover')].join('\n')),
    section('spof', 'Single points of failure and VMs lost for capacity', downBlocks(report)),
    section('headroom', headroomHeading(report), headroomBody(report, canvases('headroom'))),
    section('forecast', 'Forecast', forecastBody(report, canvases('forecast'))),
    section('availability', 'Availability', [paragraph(availabilityIntro(report)), availabilityTable(report.availability.services, htmlTable), canvases('availability')].join('\n')),
  ].join('\n');
  const data = JSON.stringify(charts.map(({ id, config }) => ({ id, config }))).replaceAll('<', '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>headroom report: ${escapeHtml(report.scenario)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
<script>${chartJs}</script>
<script type="application/json" id="headroom-charts">${data}</script>
<script>${DRAW}</script>
</body>
</html>
`;
}

function section(id: string, title: string, content: string): string {
  return `<section id="${id}"><h2>${escapeHtml(title)}</h2>\n${content}\n</section>`;
}

function paragraph(text: string, id?: string): string {
  return `<p${id === undefined ? '' : ` id="${id}"`}>${escapeHtml(text)}</p>`;
}

function list(items: readonly string[]): string {
  return items.length === 0 ? '' : `<ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
}

function canvas(chart: ChartDefinition): string {
  return `<figure class="chart" style="aspect-ratio: ${chart.width} / ${chart.height}"><canvas id="chart-${chart.id}" role="img" aria-label="${escapeHtml(chart.title)}"></canvas></figure>`;
}

function verdictList(verdicts: readonly Verdict[]): string {
  const word: Record<Verdict['status'], string> = { ok: 'ok', warn: 'soon', fail: 'fail', none: 'no data' };
  const items = verdicts.map((v) => `<li class="${v.status}"><a href="#${v.evidence}"><span class="tag">${word[v.status]}</span> ${escapeHtml(v.text)}</a></li>`);
  return `<ul class="verdicts">${items.join('\n')}</ul>`;
}

function problemLists(report: ClusterReport): string[] {
  const problems = placementProblems(report.placement);
  return problems.length === 0 ? [paragraph(`All ${report.placement.vms.length} VMs are placed, none against its rules.`)] : [`<pre>${escapeHtml(problems.join('\n'))}</pre>`];
}

function downBlocks(report: ClusterReport): string {
  const listings = downListings(report);
  if (listings.length === 0) return paragraph('No single node failure takes a VM down.');
  const spof = report.nPlusOne.singlePointsOfFailure.length === 0 ? [paragraph('Single points of failure: none.', 'spof-list')] : [];
  return [...spof, ...listings.map((l) => `<h3 id="${l.id}">${escapeHtml(l.title)}</h3>${list(l.entries)}`)].join('\n');
}

function headroomBody(report: ClusterReport, charts: string): string {
  const { headroom, remedy } = report;
  const parts = [headroom.holds ? fitTable(headroom.classes, htmlTable) : paragraph(`${headroom.policy} does not hold today, so nothing more fits.`), charts];
  const repair = remedyText(report);
  if (repair !== null) parts.push(paragraph(remedy === null ? repair : `${repair} The headroom then:`, 'remedy'));
  if (remedy !== null) parts.push(fitTable(remedy.headroom, htmlTable));
  return parts.join('\n');
}

function forecastBody(report: ClusterReport, charts: string): string {
  const forecast = report.forecast;
  if (forecast === null) return `${paragraph('No utilisation history was given (--history, --prometheus, or inputs.history in the scenario), so there is no forecast.')}<p id="forecast-loss"></p>`;
  return [paragraph(forecastIntro(forecast)), forecastTable(forecast, htmlTable), paragraph(nPlusOneLossText(forecast), 'forecast-loss'), `<div class="grid">${charts}</div>`].join('\n');
}

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font-family: ${FONT_FAMILY}; color: #1a1a1a; background: #fff; line-height: 1.45; }
main { max-width: 1180px; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; margin: 0.5rem 0; }
h2 { font-size: 1.25rem; border-bottom: 2px solid ${COLOURS.vms}; padding-bottom: 0.2rem; margin-top: 2rem; }
h3 { font-size: 1rem; margin: 1rem 0 0.3rem; }
.meta { color: #555; margin: 0; }
.verdicts { list-style: none; padding: 0; }
.verdicts li { margin: 0.4rem 0; border-left: 6px solid #999; background: #f6f6f6; }
.verdicts li.ok { border-left-color: ${COLOURS.restarted}; }
.verdicts li.fail { border-left-color: ${COLOURS.threshold}; }
.verdicts li.warn { border-left-color: ${COLOURS.afterChange}; border-left-style: dashed; }
.verdicts a { display: block; padding: 0.5rem 0.7rem; color: inherit; text-decoration: none; }
.verdicts a:hover { text-decoration: underline; }
.tag { display: inline-block; min-width: 4.5em; font-weight: bold; text-transform: uppercase; font-size: 0.8rem; }
.fail .tag { color: ${COLOURS.threshold}; }
.table { overflow-x: auto; margin: 0.6rem 0; }
table { border-collapse: collapse; font-size: 0.9rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; white-space: nowrap; }
th { background: #eee; }
td.num, th.num { text-align: right; }
.chart { margin: 1rem 0; width: 100%; max-height: 70vh; position: relative; }
.chart canvas { width: 100% !important; height: 100% !important; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 0 1rem; }
pre { white-space: pre-wrap; background: #f6f6f6; padding: 0.5rem; }
@media (max-width: 640px) {
  main { padding: 0.5rem; }
  .grid { grid-template-columns: 1fr; }
  .chart { aspect-ratio: 4 / 3 !important; }
}
@media print {
  main { max-width: none; padding: 0; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { break-after: avoid; }
  .chart, table, .verdicts li { break-inside: avoid; }
  .grid { grid-template-columns: 1fr 1fr; }
  .table { overflow: visible; }
  a { color: inherit; text-decoration: none; }
}
`;

/**
 * Draws every chart definition on its canvas; redrawn before printing so print gets the paper's
 * width. The threshold marks ('line' points) and the heat map's squares ('cells' across) were
 * sized for the PNG: here they follow the width the page gives (0.38 of a bar's category either
 * side; a square filling 95% of its cell).
 */
const DRAW = `
(function () {
  Chart.defaults.font.family = ${JSON.stringify(FONT_FAMILY)};
  Chart.register({
    id: 'thresholdMarks',
    beforeDatasetsDraw: function (chart) {
      var area = chart.chartArea, labels = chart.data.labels.length || 1;
      var radius = Math.max(3, Math.floor(((area.right - area.left) / labels) * 0.38));
      var side = Math.min(area.right - area.left, area.bottom - area.top);
      chart.data.datasets.forEach(function (dataset, i) {
        var r = dataset.cells ? Math.max(1, Math.floor((side / dataset.cells) * 0.95 / Math.SQRT2)) : dataset.pointStyle === 'line' ? radius : null;
        if (r === null) return;
        chart.getDatasetMeta(i).data.forEach(function (point) { point.options.radius = r; });
      });
    }
  });
  var charts = JSON.parse(document.getElementById('headroom-charts').textContent);
  var drawn = charts.map(function (chart) {
    var config = chart.config;
    config.options.responsive = true;
    config.options.maintainAspectRatio = false;
    return new Chart(document.getElementById('chart-' + chart.id), config);
  });
  window.addEventListener('beforeprint', function () { drawn.forEach(function (c) { c.resize(); }); });
})();
`;
