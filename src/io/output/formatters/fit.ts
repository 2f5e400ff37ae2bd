/** Renders fit results: one with its proof, or a table for every class. */
import type { Binding, FitResult } from '../../../engine/policy/fit.js';
import { DOWN_REASONS, type DownReason } from '../../../engine/failure/outcome.js';
import { aggregateRejections, downReasonText, steadyStateLines } from '../../../engine/report/explain.js';
import { textTable } from '../tables.js';

export function bindingText(binding: Binding | null): string {
  if (binding === null) return 'nothing binds within the search bound';
  if (binding.kind === 'steady-state') return steadyStateLines(binding.steadyState).filter((line) => !line.startsWith('warning')).join('; ');
  if (binding.kind === 'placement') return `${binding.resource === 'rule' ? 'a placement rule' : binding.resource} (${aggregateRejections(binding.vm, binding.rejections)})`;
  const what = binding.vm === null ? binding.reason : `${binding.vm} ${binding.reason}`;
  return `${binding.resource ?? binding.reason} when ${binding.scenario} fails (${what})`;
}

export function renderFits(results: readonly FitResult[]): string {
  if (results.length === 1) {
    const r = results[0]!;
    const head = `${r.proof.failsAt === null ? 'at least ' : ''}${r.count} more ${r.unit}${r.vmsPerUnit > 1 ? ` units (${r.vmsPerUnit} VMs each)` : ''} fit while ${r.policy} holds (strategy ${r.strategy}).`;
    if (!r.holdsToday) return `${head}\nThe policy does not hold today: nothing more fits. Binding: ${bindingText(r.proof.binding)}.`;
    const next = r.proof.failsAt === null ? `the search stops there, at its limit of ${(r.count * r.vmsPerUnit).toLocaleString('en-US')} new VMs, so more may fit` : `with ${r.proof.failsAt}, ${bindingText(r.proof.binding)}`;
    const lines = [head, `Proof: with ${r.proof.holdsAt} added, all ${r.proof.scenariosChecked} failure scenarios hold; ${next}.`];
    const binding = r.proof.binding;
    if (binding?.kind === 'failover' && binding.vm !== null && isDownReason(binding.reason)) lines.push(`  (${downReasonText(binding.reason)})`);
    if (r.placements.length > 0) lines.push('', textTable(['new VM', 'node'], r.placements.map((p) => [p.vm, p.node])));
    return lines.join('\n');
  }
  return fitTable(results, textTable);
}

/** One row per class: how many more fit, and what binds at the next one. */
export function fitTable(results: readonly FitResult[], table: typeof textTable): string {
  return table(
    ['class', 'more that fit', 'binds at the next one'],
    results.map((r) => [r.unit, r.proof.failsAt === null ? `at least ${r.count}` : r.count, r.holdsToday ? bindingText(r.proof.binding) : `policy broken today: ${bindingText(r.proof.binding)}`]),
  );
}

function isDownReason(reason: string): reason is DownReason {
  return (DOWN_REASONS as readonly string[]).includes(reason);
}
