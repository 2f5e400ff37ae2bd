/** Renders a change check: the verdict, what broke or was fixed, the HA rules changed, expected downtime per service, and the load before and after. */
import type { ChangeCheck } from '../../../engine/policy/check.js';
import type { HaDifference } from '../../../engine/policy/ha-difference.js';
import { breachText, droppedRuleText, steadyStateLines, fixesOmittedText, vmFixesText } from '../../../engine/report/explain.js';
import { textTable } from '../tables.js';

export function renderCheck(check: ChangeCheck): string {
  const { before, after, difference } = check;
  const pct = (value: number | null): string => (value === null ? '-' : value.toFixed(1));
  const lines = [
    `${check.holds ? 'HOLDS' : 'BREAKS'}: ${check.policy} after the change (strategy ${before.strategy === after.strategy ? after.strategy : `${before.strategy} -> ${after.strategy}`}); before the change it ${before.holds ? 'held' : 'was already broken'}.`,
    `VMs ${before.vms} -> ${after.vms}, nodes ${before.nodes} -> ${after.nodes}, failure scenarios checked ${after.policy.scenarioCount}.`,
  ];
  const ha = haLines(difference.ha);
  if (ha.length > 0) lines.push('', ...ha);
  const steady = steadyStateLines(after.policy.steadyState);
  if (steady.length > 0) lines.push('', 'After the change, before any failure:', ...steady.map((line) => `- ${line}`));
  if (after.policy.breaches.length > 0) {
    lines.push('', 'Scenarios that break the policy after the change:');
    for (const breach of after.policy.breaches) lines.push(`- ${breach.scenario}${difference.newBreaches.includes(breach.scenario) ? ' (new)' : ''}: ${breachText(breach)}`);
  }
  if (difference.fixedBreaches.length > 0) lines.push('', `Fixed by the change: ${difference.fixedBreaches.join(', ')}.`);
  if (difference.newlyUnplaced.length > 0) lines.push('', `No longer placeable: ${difference.newlyUnplaced.join(', ')}.`);
  if (check.fixes.length + check.fixesOmitted > 0) lines.push('', ...check.fixes.map(vmFixesText), ...(check.fixesOmitted > 0 ? [fixesOmittedText(check.fixesOmitted)] : []));
  if (difference.moved.length > 0) lines.push('', `Moved: ${difference.moved.map((m) => `${m.vm} ${m.from} -> ${m.to}`).join(', ')}.`);
  lines.push('', ...downtimeLines(difference.downtime));
  lines.push(
    '',
    textTable(
      ['node', 'CPU % before', 'after', 'memory % before', 'after'],
      difference.load.map((n) => [n.node, pct(n.cpuPercent[0]), pct(n.cpuPercent[1]), pct(n.memPercent[0]), pct(n.memPercent[1])]),
    ),
  );
  return lines.join('\n');
}

/** The services whose expected downtime the change moves, largest change first; those only on one side named in a line each. */
function downtimeLines(downtime: ChangeCheck['difference']['downtime']): string[] {
  const changed = downtime.filter((d) => d.changeMinutesPerYear !== null);
  const named = (what: string, services: readonly string[]): string[] =>
    services.length === 0 ? [] : [`${what}: ${services.slice(0, MAX_NAMED).join(', ')}${services.length > MAX_NAMED ? ` and ${services.length - MAX_NAMED} more` : ''}.`];
  const lines =
    changed.length === 0
      ? ['Expected downtime per service (analytic): no service changes.']
      : [
          'Expected downtime per service, minutes a year (analytic), where the change moves it:',
          textTable(['service', 'rule', 'before', 'after', 'change'], changed.map((d) => [d.service, d.rule, d.beforeMinutesPerYear!.toFixed(1), d.afterMinutesPerYear!.toFixed(1), `${d.changeMinutesPerYear! > 0 ? '+' : ''}${d.changeMinutesPerYear!.toFixed(1)}`])),
        ];
  return [
    ...lines,
    ...named('New services', downtime.filter((d) => d.beforeMinutesPerYear === null).map((d) => `${d.service} (${d.afterMinutesPerYear!.toFixed(1)} min/yr)`)),
    ...named('Services gone', downtime.filter((d) => d.afterMinutesPerYear === null).map((d) => d.service)),
  ];
}

/** Services named one by one in a line before "and N more". */
const MAX_NAMED = 10;

/** One line for the rule changes, then Proxmox's words for each rule it would now drop. */
function haLines(ha: HaDifference): string[] {
  const parts = [
    ha.crs[0] === ha.crs[1] ? null : `crs ${ha.crs[0] ?? '-'} -> ${ha.crs[1] ?? '-'}`,
    ...(
      [
        ['added', ha.added],
        ['removed', ha.removed],
        ['disabled', ha.disabled],
        ['enabled', ha.enabled],
        ['changed', ha.changed],
      ] as const
    ).map(([what, ids]) => (ids.length === 0 ? null : `rules ${what} ${ids.join(', ')}`)),
  ].filter((part) => part !== null);
  return [
    ...(parts.length === 0 ? [] : [`HA: ${parts.join('; ')}.`]),
    ...ha.newlyDropped.map(droppedRuleText),
  ];
}
