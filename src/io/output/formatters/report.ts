/** Renders the main report as terminal text or Markdown (report.md). */
import { breachText, downReasonText, steadyStateLines } from '../../../engine/report/explain.js';
import type { ClusterReport } from '../../../engine/report/report.js';
import { MAX_ADDED_NODES } from '../../../engine/policy/node-remedy.js';
import { markdownTable, textTable } from '../tables.js';
import { fitTable } from './fit.js';
import { renderForecast } from './forecast.js';
import { LAYOUT_WORDS, renderPlacement, type Flavour } from './placement.js';

export function renderReport(report: ClusterReport, flavour: Flavour): string {
  const heading = (text: string): string => (flavour === 'markdown' ? `## ${text}` : `== ${text} ==`);
  const table = flavour === 'text' ? textTable : markdownTable;
  const { nPlusOne } = report;
  const nodeRows = nPlusOne.nodes.map((row) => [
    row.node,
    row.policy === 'holds' ? 'holds' : 'BREAKS',
    row.haVms,
    row.restarted,
    countByReason(row.down.filter((d) => d.ha).map((d) => d.reason)),
    row.singlePointsOfFailure,
  ]);
  const { verdict } = report;
  const because = [...steadyStateLines(verdict.steadyState), ...verdict.breaches.map((b) => `${b.scenario}: ${breachText(b)}`)];
  const lines = [
    flavour === 'markdown' ? `# headroom report: ${report.scenario}` : `headroom report: ${report.scenario}`,
    '',
    LAYOUT_WORDS[report.placement.layout],
    `Policy ${verdict.policy}: ${verdict.holds ? 'HOLDS' : 'BREAKS'} (${verdict.scenarioCount} failure scenarios checked; strategy ${report.placement.strategy}).`,
    ...because.map((line) => `- ${line}`),
    `Single points of failure: ${nPlusOne.singlePointsOfFailure.length === 0 ? 'none' : `${new Set(nPlusOne.singlePointsOfFailure.map((d) => d.vm)).size} HA VMs (listed below)`}.`,
    '',
    heading('Placement and load'),
    renderPlacement(report.placement, report.policy, flavour, false),
    '',
    heading(`Single node failures: the policy ${nPlusOne.holds ? 'holds after each' : 'breaks after some'}`),
    table(['failed node', 'policy', 'its HA VMs', 'restarted', 'HA VMs down, by reason', 'single points of failure'], nodeRows),
  ];
  const listing = (title: string, entries: typeof nPlusOne.singlePointsOfFailure): void => {
    if (entries.length === 0) return;
    lines.push('', title);
    for (const d of entries) lines.push(`- ${d.vm} (on ${d.ranOn}) when ${d.failedNode} fails: ${d.reason}, ${downReasonText(d.reason)}`);
  };
  listing('Single points of failure (HA VMs down whatever the capacity):', nPlusOne.singlePointsOfFailure);
  listing('HA VMs lost for capacity (more room would save them):', nPlusOne.lostForCapacity);
  const notHa = nPlusOne.nodes.flatMap((c) => c.down.filter((d) => !d.ha).map((d) => `${d.vm} (${c.node}, ${d.reason})`));
  if (notHa.length > 0) lines.push('', `VMs without HA that a single failure stops: ${notHa.join(', ')}.`);
  const reasons = [...new Set(nPlusOne.nodes.flatMap((c) => c.down.map((d) => d.reason)))].sort();
  if (reasons.length > 0) {
    lines.push('', 'Reasons:');
    for (const reason of reasons) lines.push(`- ${reason}: ${downReasonText(reason)}`);
  }
  const { headroom, remedy } = report;
  lines.push('', heading(`Headroom: more VMs of each class while ${headroom.policy} holds`));
  if (headroom.holds) lines.push(fitTable(headroom.classes, table));
  else lines.push(`${headroom.policy} does not hold today, so nothing more fits.`);
  if (!headroom.holds && remedy !== null) {
    const nodes = remedy.added.length === 1 ? 'one node' : `${remedy.added.length} nodes`;
    lines.push('', `Adding ${nodes} like ${remedy.like} makes ${headroom.policy} hold (check --add-node ${remedy.added.map((name) => `${name}=${remedy.like}`).join(' --add-node ')}); the headroom then:`, '', fitTable(remedy.headroom, table));
  } else if (!headroom.holds) {
    lines.push('', `No addition of up to ${MAX_ADDED_NODES} nodes like an existing one makes ${headroom.policy} hold (${report.remedyChecked} changes checked).`);
  }
  if (report.forecast !== null) lines.push('', heading('Forecast'), renderForecast(report.forecast, table));
  return `${lines.join('\n')}\n`;
}

/** "2 storage-lost, 1 no-capacity", or "-". */
function countByReason(reasons: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  const parts = [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).map(([reason, count]) => `${count} ${reason}`);
  return parts.join(', ') || '-';
}
