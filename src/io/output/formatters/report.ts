/**
 * Renders the main report as terminal text or Markdown (report.md), from section builders that
 * report.html shares (html/report-html.ts), so every format says the same in the same words.
 */
import { breachText, downReasonText, steadyStateLines, fixesOmittedText, vmFixesText } from '../../../engine/report/explain.js';
import type { ClusterReport } from '../../../engine/report/report.js';
import { MAX_ADDED_NODES } from '../../../engine/policy/node-remedy.js';
import { markdownTable, textTable, type TableRenderer } from '../tables.js';
import { availabilityTable } from './availability.js';
import { fitTable } from './fit.js';
import { renderForecast } from './forecast.js';
import { LAYOUT_WORDS, renderPlacement, type Flavour } from './placement.js';

export function renderReport(report: ClusterReport, flavour: Flavour, chartLinks: ReadonlyArray<{ title: string; file: string }> = []): string {
  const heading = (text: string): string => (flavour === 'markdown' ? `## ${text}` : `== ${text} ==`);
  const table = flavour === 'text' ? textTable : markdownTable;
  const lines = [
    flavour === 'markdown' ? `# headroom report: ${report.scenario}` : `headroom report: ${report.scenario}`,
    '',
    LAYOUT_WORDS[report.placement.layout],
    policyLine(report),
    ...policyReasons(report).map((line) => `- ${line}`),
    spofLine(report),
    '',
    heading('Placement and load'),
    renderPlacement(report.placement, report.policy, flavour, false),
    '',
    heading(failuresHeading(report)),
    failureTable(report, table),
  ];
  for (const { title, entries } of downListings(report)) lines.push('', title, ...entries.map((entry) => `- ${entry}`));
  lines.push('', heading(headroomHeading(report)), ...headroomBlocks(report, table).flatMap((block, i) => (i === 0 ? [block] : ['', block])));
  if (report.forecast !== null) lines.push('', heading('Forecast'), renderForecast(report.forecast, table));
  lines.push('', heading('Availability'), availabilityIntro(report), availabilityTable(report.availability.services, table));
  if (chartLinks.length > 0) lines.push('', heading('Charts'), ...chartLinks.map((chart) => `![${chart.title}](${chart.file})`));
  return `${lines.join('\n')}\n`;
}

export function policyLine(report: ClusterReport): string {
  const { verdict } = report;
  return `Policy ${verdict.policy}: ${verdict.holds ? 'HOLDS' : 'BREAKS'} (${verdict.scenarioCount} failure scenarios checked; strategy ${report.placement.strategy}).`;
}

/** Why the policy breaks, one line per cause (empty when it holds). */
export function policyReasons(report: ClusterReport): string[] {
  const { verdict } = report;
  return [...steadyStateLines(verdict.steadyState), ...verdict.breaches.map((b) => `${b.scenario}: ${breachText(b)}`)];
}

export function spofLine(report: ClusterReport): string {
  const spof = report.nPlusOne.singlePointsOfFailure;
  return `Single points of failure: ${spof.length === 0 ? 'none' : `${new Set(spof.map((d) => d.vm)).size} HA VMs (listed below)`}.`;
}

export function failuresHeading(report: ClusterReport): string {
  return `Single node failures: the policy ${report.nPlusOne.holds ? 'holds after each' : 'breaks after some'}`;
}

export function failureTable(report: ClusterReport, table: TableRenderer): string {
  const rows = report.nPlusOne.nodes.map((row) => [
    row.node,
    row.policy === 'holds' ? 'holds' : 'BREAKS',
    row.haVms,
    row.restarted,
    countByReason(row.down.filter((d) => d.ha).map((d) => d.reason)),
    row.singlePointsOfFailure,
  ]);
  return table(['failed node', 'policy', 'its HA VMs', 'restarted', 'HA VMs down, by reason', 'single points of failure'], rows);
}

/** The VMs single failures take down, each with its reason in words, and the reasons' meanings. */
export function downListings(report: ClusterReport): Array<{ id: string; title: string; entries: string[] }> {
  const { nPlusOne } = report;
  const listings: Array<{ id: string; title: string; entries: string[] }> = [];
  const listing = (id: string, title: string, entries: typeof nPlusOne.singlePointsOfFailure): void => {
    if (entries.length === 0) return;
    listings.push({ id, title, entries: entries.map((d) => `${d.vm} (on ${d.ranOn}) when ${d.failedNode} fails: ${d.reason}, ${downReasonText(d.reason)}`) });
  };
  listing('spof-list', 'Single points of failure (HA VMs down whatever the capacity):', nPlusOne.singlePointsOfFailure);
  listing('lost-for-capacity', 'HA VMs lost for capacity (more room would save them):', nPlusOne.lostForCapacity);
  if (report.fixes.length + report.fixesOmitted > 0) {
    const entries = report.fixesOmitted > 0 ? [fixesOmittedText(report.fixesOmitted)] : report.fixes.map(vmFixesText);
    listings.push({ id: 'fixes', title: 'What would save them:', entries });
  }
  const notHa = nPlusOne.nodes.flatMap((c) => c.down.filter((d) => !d.ha).map((d) => `${d.vm} (${c.node}, ${d.reason})`));
  if (notHa.length > 0) listings.push({ id: 'not-ha', title: 'VMs without HA that a single failure stops:', entries: notHa });
  const reasons = [...new Set(nPlusOne.nodes.flatMap((c) => c.down.map((d) => d.reason)))].sort();
  if (reasons.length > 0) listings.push({ id: 'reasons', title: 'Reasons:', entries: reasons.map((reason) => `${reason}: ${downReasonText(reason)}`) });
  return listings;
}

export function headroomHeading(report: ClusterReport): string {
  return `Headroom: more VMs of each class while ${report.headroom.policy} holds`;
}

/** The headroom table (or why nothing fits), then the repair when the policy breaks. */
export function headroomBlocks(report: ClusterReport, table: TableRenderer): string[] {
  const { headroom, remedy } = report;
  if (headroom.holds) return [fitTable(headroom.classes, table)];
  const blocks = [`${headroom.policy} does not hold today, so nothing more fits.`];
  return remedy === null ? [...blocks, remedyText(report)!] : [...blocks, `${remedyText(report)} The headroom then:`, fitTable(remedy.headroom, table)];
}

/** The fewest nodes like an existing one that repair the policy, or that none does; null when it holds. */
export function remedyText(report: ClusterReport): string | null {
  const { headroom, remedy } = report;
  if (headroom.holds) return null;
  if (remedy === null) return `No addition of up to ${MAX_ADDED_NODES} nodes like an existing one makes ${headroom.policy} hold (${report.remedyChecked} changes checked).`;
  const nodes = remedy.added.length === 1 ? 'one node' : `${remedy.added.length} nodes`;
  return `Adding ${nodes} like ${remedy.like} makes ${headroom.policy} hold (check --add-node ${remedy.added.map((name) => `${name}=${remedy.like}`).join(' --add-node ')}).`;
}

/** "2 storage-lost, 1 no-capacity", or "-". */
function countByReason(reasons: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  const parts = [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).map(([reason, count]) => `${count} ${reason}`);
  return parts.join(', ') || '-';
}

export function availabilityIntro(report: ClusterReport): string {
  const services = report.availability.services;
  const worst = services.reduce<(typeof services)[number] | null>((a, b) => (a === null || b.analytic.downtimeMinutesPerYear > a.analytic.downtimeMinutesPerYear ? b : a), null);
  const lead = worst === null ? 'No services.' : `Expected downtime per service, minutes a year (analytic; \`headroom availability\` adds the Monte Carlo check and its 95% interval). Most: ${worst.name}, ${worst.analytic.downtimeMinutesPerYear} minutes.`;
  return lead;
}
