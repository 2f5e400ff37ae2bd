/** Renders sizing results, one row per node model. */
import type { SizeResult } from '../../../engine/policy/size.js';
import { textTable } from '../tables.js';

export function renderSizes(results: readonly SizeResult[]): string {
  const rows = results.map((r) => [
    r.model,
    r.bestFound === null ? `[${r.lowerBound}, ?]` : r.optimal ? `${r.bestFound} (optimal)` : `[${r.lowerBound}, ${r.bestFound}]`,
    r.boundBy.map((b) => `${b.bound}${b.resource ? ` ${b.resource}` : ''} ${b.nodes}`).join(', '),
    r.strategy ?? (r.timedOut ? `time limit after ${r.triedUpTo}` : `none up to ${r.triedUpTo}`),
    r.unhostable.length === 0 ? '-' : `${r.unhostable.length}: ${r.unhostable.map((u) => u.vm).join(', ')}`,
  ]);
  const lines = [`Nodes needed per model (${results[0]?.policy ?? ''}):`, textTable(['model', 'nodes', 'lower bounds', 'found with', 'VMs it cannot host'], rows)];
  for (const r of results) for (const u of r.unhostable) lines.push(`  ${r.model}: ${u.vm} ${u.why}`);
  return lines.join('\n');
}
