/** Renders sizing results, one row per node model; a fired time limit gets a line per model. */
import type { SizeResult } from '../../../engine/policy/size.js';
import { textTable } from '../tables.js';

export function renderSizes(results: readonly SizeResult[], timeLimitSeconds: number): string {
  const rows = results.map((r) => [
    r.model,
    r.bestFound === null ? `[${r.lowerBound}, ?]` : r.optimal ? `${r.bestFound} (optimal)` : `[${r.lowerBound}, ${r.bestFound}]`,
    r.boundBy.map((b) => `${b.bound}${b.resource ? ` ${b.resource}` : ''} ${b.nodes}`).join(', '),
    r.strategy ?? (r.timedOut ? `time limit after ${r.triedUpTo}` : `none up to ${r.triedUpTo}`),
    exactColumn(r.exact),
    r.unhostable.length === 0 ? '-' : `${r.unhostable.length}: ${r.unhostable.map((u) => u.vm).join(', ')}`,
  ]);
  const first = results[0];
  const lines = [
    `Nodes needed per model (${first?.policy ?? ''}, restarts by ${first?.restartStrategy ?? ''}):`,
    textTable(['model', 'nodes', 'lower bounds', 'found with', 'exact search', 'VMs it cannot host'], rows),
  ];
  for (const r of results) for (const u of r.unhostable) lines.push(`  ${r.model}: ${u.vm} ${u.why}`);
  for (const r of results) {
    if (r.timedOut) lines.push(`  ${r.model}: time limit of ${timeLimitSeconds} s hit (a safety net): a search stopped before its budget, so this interval may differ on another machine`);
  }
  return lines.join('\n');
}

/** `5 infeasible, 6 found`; an unknown says what stopped it. */
function exactColumn(exact: SizeResult['exact']): string {
  if (exact.vms > exact.maxVms) return `not run (${exact.vms} VMs > ${exact.maxVms})`;
  if (exact.tried.length === 0) return '-';
  return exact.tried.map((t) => `${t.nodes} ${t.outcome === 'unknown' ? `unknown (${t.stoppedBy === 'budget' ? `budget of ${exact.budget} search nodes` : 'time limit'})` : t.outcome}`).join(', ');
}
