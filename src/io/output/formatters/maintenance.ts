/** Renders a maintenance plan: the verdict, then each wave's migrations in order, what stops, and what blocks the guarantee. */
import type { MaintenancePlan } from '../../../engine/operations/maintenance.js';
import { maintenanceBlockerText, stopCauseText } from '../../../engine/report/explain.js';
import { textTable } from '../tables.js';

export function renderMaintenance(plan: MaintenancePlan): string {
  const guarantee = plan.keep === 'n+1' ? 'every HA VM survives one more node failure, quorum kept' : 'capacity and rules only';
  const lines = [
    `Maintenance of ${plan.scenario}: at most ${plan.maxParallel} node${plan.maxParallel > 1 ? 's' : ''} down at a time, keep ${plan.keep} (${guarantee}), strategy ${plan.strategy}.`,
    `${plan.holds ? 'HOLDS' : 'BREAKS'}: ${plan.totals.waves} waves (at least ${plan.waveLowerBound}), ${plan.totals.moves} moves, ${plan.totals.gibMoved} GiB moved, ${duration(plan.totals.durationSeconds)} in all.`,
  ];
  if (!plan.holds) lines.push(`No plan found keeps ${plan.keep} in every wave: the blockers of each wave follow, with what would unblock them.`);
  for (const wave of plan.waves) {
    lines.push(
      '',
      `Wave ${wave.wave}: ${wave.nodes.join(', ')}: ${verdict(plan.keep, wave.keepsGuarantee)}; evacuate ${duration(wave.evacuateSeconds)}, reboot ${duration(wave.rebootSeconds)}, return ${duration(wave.returnSeconds)}: ${duration(wave.durationSeconds)}, ${wave.gibMoved} GiB moved.`,
    );
    if (wave.moves.length > 0) {
      lines.push(
        textTable(
          ['#', 'vm', 'from', 'to', 'kind', 'GiB', 'seconds'],
          wave.moves.map((m, i) => [i + 1, m.vm, m.from, m.to ?? '(off)', m.parking ? `${m.kind}, parking` : m.kind, m.gib, m.seconds === null ? '?' : m.seconds]),
        ),
      );
    }
    for (const s of wave.stopped) lines.push(`- ${s.vm} (${s.ha ? 'HA' : 'not HA'}, on ${s.node}) stays off during the wave: ${stopCauseText(s.vm, s.cause)}`);
    for (const blocker of wave.blockers) lines.push(`- blocker: ${maintenanceBlockerText(blocker)}`);
  }
  if (plan.totals.durationSeconds === null) lines.push('', "'?': a node's bandwidth is unknown (netGbps empty in nodes.csv), so the time is too.");
  return lines.join('\n');
}

/** "keeps n+1" / "BREAKS n+1"; with keep none, whether capacity, rules and quorum hold. */
function verdict(keep: MaintenancePlan['keep'], kept: boolean): string {
  if (keep === 'n+1') return kept ? 'keeps n+1' : 'BREAKS n+1';
  return kept ? 'capacity, rules and quorum hold' : 'BREAKS capacity, rules or quorum';
}

/** 754.2 -> "12m 34s"; null -> "?". */
function duration(seconds: number | null): string {
  if (seconds === null) return '?';
  const whole = Math.round(seconds);
  const [h, m, s] = [Math.floor(whole / 3600), Math.floor((whole % 3600) / 60), whole % 60];
  return h > 0 ? `${h}h ${m}m` : m > 0 ? `${m}m ${s}s` : `${s}s`;
}
