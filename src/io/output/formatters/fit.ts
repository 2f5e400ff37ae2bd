/** Renders fit results: one with its proof, or a table for every class. */
import type { Binding, FitResult } from '../../../engine/policy/fit.js';
import { aggregateRejections, downReasonText } from '../../../engine/report/explain.js';
import { textTable } from '../tables.js';

export function bindingText(binding: Binding | null): string {
  if (binding === null) return 'nothing binds within the search bound';
  if (binding.kind === 'placement') return `${binding.resource === 'rule' ? 'a placement rule' : binding.resource} (${aggregateRejections(binding.vm, binding.rejections)})`;
  const what = binding.vm === null ? binding.reason : `${binding.vm} ${binding.reason}${binding.reason in REASONS ? '' : ''}`;
  return `${binding.resource ?? binding.reason} when ${binding.scenario} fails (${what})`;
}

const REASONS = {};

export function renderFits(results: readonly FitResult[]): string {
  if (results.length === 1) {
    const r = results[0]!;
    const lines = [
      `${r.count} more ${r.unit}${r.vmsPerUnit > 1 ? ` units (${r.vmsPerUnit} VMs each)` : ''} fit while ${r.policy} holds (strategy ${r.strategy}).`,
      r.holdsToday ? '' : `The policy does not hold today: nothing more fits. Binding: ${bindingText(r.proof.binding)}.`,
    ];
    if (r.holdsToday) {
      lines.push(
        `Proof: with ${r.proof.holdsAt} added, all ${r.proof.scenariosChecked} failure scenarios hold; with ${r.proof.failsAt}, ${bindingText(r.proof.binding)}.`,
      );
      if (r.proof.binding?.kind === 'failover' && r.proof.binding.vm !== null) lines.push(`  (${downReasonText(r.proof.binding.reason as never)})`);
      if (r.placements.length > 0) lines.push('', textTable(['new VM', 'node'], r.placements.map((p) => [p.vm, p.node])));
    }
    return lines.filter((line, i) => line !== '' || i > 1).join('\n');
  }
  return textTable(
    ['class', 'more that fit', 'binds at the next one'],
    results.map((r) => [r.unit, r.holdsToday ? r.count : 0, r.holdsToday ? bindingText(r.proof.binding) : `policy broken today: ${bindingText(r.proof.binding)}`]),
  );
}
