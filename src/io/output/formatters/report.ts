/** Renders the main report as terminal text or Markdown (report.md). */
import { downReasonText } from '../../../engine/report/explain.js';
import type { ClusterReport } from '../../../engine/report/report.js';
import { markdownTable, textTable } from '../tables.js';
import { renderPlacement, type Flavour } from './placement.js';

export function renderReport(report: ClusterReport, flavour: Flavour): string {
  const heading = (text: string): string => (flavour === 'markdown' ? `## ${text}` : `== ${text} ==`);
  const table = flavour === 'text' ? textTable : markdownTable;
  const { nPlusOne } = report;
  const nodeRows = nPlusOne.nodes.map((check) => [
    check.node,
    check.holds ? 'yes' : 'NO',
    check.haVms,
    check.restarted,
    countByReason(check.down.filter((d) => d.ha).map((d) => d.reason)),
  ]);
  const downDetails = nPlusOne.nodes.flatMap((check) => check.down.map((d) => ({ ...d, failed: check.node })));
  const lines = [
    flavour === 'markdown' ? `# headroom report: ${report.scenario}` : `headroom report: ${report.scenario}`,
    '',
    heading('Placement and load'),
    renderPlacement(report.placement, report.policy, flavour),
    '',
    heading(`N+1: ${nPlusOne.holds ? 'every HA VM restarts after any single node failure' : 'some HA VMs stay down after a single node failure'}`),
    table(['failed node', 'holds', 'its HA VMs', 'restarted', 'HA VMs down, by reason'], nodeRows),
  ];
  if (downDetails.length > 0) {
    lines.push('', 'VMs down after a single node failure:');
    for (const d of downDetails) {
      const where = d.ranOn === d.failed ? 'ran there' : `on ${d.ranOn}`;
      lines.push(`- ${d.failed} fails: ${d.vm} (${d.ha ? 'HA' : 'not HA'}, ${where}): ${d.reason}, ${downReasonText(d.reason)}`);
    }
  }
  const reasons = [...new Set(nPlusOne.nodes.flatMap((c) => c.down.map((d) => d.reason)))].sort();
  if (reasons.length > 0) {
    lines.push('', 'Reasons:');
    for (const reason of reasons) lines.push(`- ${reason}: ${downReasonText(reason)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** "2 storage-lost, 1 no-capacity", or "-". */
function countByReason(reasons: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  const parts = [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).map(([reason, count]) => `${count} ${reason}`);
  return parts.join(', ') || '-';
}
