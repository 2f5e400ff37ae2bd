/** Renders one failure scenario or a sweep for the terminal. */
import type { Policy } from '../../../engine/model/cluster.js';
import type { FailoverResult } from '../../../engine/policy/failover.js';
import type { SweepResult } from '../../../engine/policy/sweep.js';
import { aggregateRejections, breachText, downReasonText, steadyStateLines, fixesOmittedText, vmFixesText } from '../../../engine/report/explain.js';
import { textTable } from '../tables.js';
import { LOAD_LEGEND, nodeLoadTable } from './placement.js';

const SHOWN_SCENARIOS = 20;
const SHOWN_CAUSES = 6;

export function renderFailover(result: FailoverResult, policy: Policy): string {
  const { counts, verdict } = result;
  const rows = result.vms.map((v) => {
    if (v.state === 'running') return [v.vm, 'running', v.node, ''];
    if (v.state === 'restarted') return [v.vm, 'restarted', v.node, `from ${v.from}${v.dataLossWindowMinutes ? `, up to ${v.dataLossWindowMinutes} min of writes lost` : ''}`];
    return [v.vm, `down: ${v.reason}`, '-', downReasonText(v.reason)];
  });
  const lines = [
    `Failure of ${result.scenario.label} (${result.scenario.failed.join(', ')}), strategy ${result.strategy}: ${result.quorate ? 'quorum kept' : 'QUORUM LOST'}.`,
    `${counts.running} running, ${counts.restarted} restarted, ${counts.down} down.`,
    '',
    textTable(['vm', 'outcome', 'node', 'detail'], rows),
  ];
  for (const v of result.vms) if (v.state === 'down' && v.rejections) lines.push(`  ${aggregateRejections(v.vm, v.rejections)}`);
  lines.push('', 'Load after recovery:', nodeLoadTable(result.nodesAfter, policy, textTable), LOAD_LEGEND, '');
  const because = [...steadyStateLines(verdict.steadyState).filter((line) => !line.startsWith('warning')).map((line) => `before the failure, ${line}`), ...(verdict.breach === null ? [] : [breachText(verdict.breach)])];
  lines.push(
    verdict.holds
      ? 'Verdict: the policy holds (quorum kept, no HA VM lost for capacity, no node over capacity).'
      : `Verdict: the policy BREAKS: ${because.join('; ')}.`,
  );
  if (verdict.singlePointsOfFailure.length > 0) {
    lines.push(`Single points of failure (HA VMs down whatever the capacity): ${verdict.singlePointsOfFailure.map((s) => `${s.vm} (${s.reason})`).join(', ')}.`);
  }
  if (verdict.nodesOverThreshold.length > 0) lines.push(`Warning: nodes at or over the alert threshold after recovery: ${verdict.nodesOverThreshold.join(', ')}.`);
  for (const fixes of verdict.fixes) lines.push(vmFixesText(fixes));
  if (verdict.fixesOmitted > 0) lines.push(fixesOmittedText(verdict.fixesOmitted));
  return lines.join('\n');
}

export function renderSweep(result: SweepResult): string {
  const reasons = (byReason: Record<string, number | undefined>): string =>
    Object.entries(byReason).map(([reason, count]) => `${count} ${reason}`).join(', ') || '-';
  const lines = [
    `Sweep of ${result.scenarioCount} scenarios (${result.sweep}), strategy ${result.strategy}.`,
    `The policy ${result.holds ? 'holds' : 'BREAKS'}: ${result.breakingScenarios} of ${result.scenarioCount} scenario(s) break it (quorum lost in ${result.quorumLostIn}, an HA VM lost for capacity in ${result.capacityFailures}).`,
    ...steadyStateLines(result.steadyState).map((line) => `Before any failure: ${line}.`),
    '',
    `Worst scenarios${result.scenarios.length > SHOWN_SCENARIOS ? ` (first ${SHOWN_SCENARIOS} of ${result.scenarios.length})` : ''}:`,
    textTable(
      ['failed', 'policy', 'quorum', 'running', 'restarted', 'down', 'HA down', 'down by reason'],
      result.scenarios.slice(0, SHOWN_SCENARIOS).map((s) => [s.label, s.breaks ? 'BREAKS' : 'holds', s.quorate ? 'kept' : 'LOST', s.running, s.restarted, s.down, s.haDown, reasons(s.byReason)]),
    ),
  ];
  if (result.vmsDown.length > 0) {
    lines.push(
      '',
      'VMs down in some scenario, with the smallest failures that take them down:',
      textTable(
        ['vm', 'HA', 'scenarios', 'reasons', 'minimal causes'],
        result.vmsDown.map((v) => [
          v.vm,
          v.ha ? 'yes' : 'no',
          v.downIn,
          reasons(v.byReason),
          v.minimalCauses.slice(0, SHOWN_CAUSES).join(' ') + (v.minimalCauses.length > SHOWN_CAUSES ? ` (+${v.minimalCauses.length - SHOWN_CAUSES} more)` : ''),
        ]),
      ),
    );
  }
  return lines.join('\n');
}
