/** Renders a rebalance: the objective before and after, the moves in order, and the side-by-side with the load-only balancers. */
import type { ObjectiveValues, RebalancePlan } from '../../../engine/operations/rebalance-plan.js';
import { textTable } from '../tables.js';

const STOPPED: Readonly<Record<string, string>> = {
  'max-moves': 'the move budget (--max-moves) is spent',
  'no-improving-move': 'no further move improves the objective',
  'below-threshold': 'imbalance under its threshold: nothing to do',
  'below-margin': 'the best move improves too little',
  'no-move': 'no move its rules allow',
};

export function renderRebalance(plan: RebalancePlan): string {
  const objectiveWords = plan.objective === 'n+1-margin' ? 'the N+1 margin' : 'balance';
  const valueOf = (v: ObjectiveValues): string => (plan.objective === 'n+1-margin' ? `${pct(v.nPlusOneMargin)} (${lost(v.lostForCapacity)})` : v.imbalance.toFixed(4));
  const gib = plan.moves.reduce((sum, m) => sum + m.gib, 0);
  const lines = [
    `Rebalance of ${plan.scenario} for ${objectiveWords} (strategy ${plan.strategy}), at most ${plan.maxMoves} moves.`,
    `${plan.objective === 'n+1-margin' ? 'N+1 margin' : 'Imbalance'} ${valueOf(plan.before)} -> ${valueOf(plan.after)} in ${plan.moves.length} move${plan.moves.length === 1 ? '' : 's'}, ${gib} GiB; stopped: ${STOPPED[plan.stoppedBy]}.`,
  ];
  if (plan.moves.length > 0) {
    lines.push(
      '',
      textTable(
        ['#', 'vm', 'from', 'to', 'kind', 'GiB', 'seconds', plan.objective === 'n+1-margin' ? 'margin after' : 'imbalance after'],
        plan.moves.map((m, i) => [i + 1, m.vm, m.from, m.to, m.kind, m.gib, m.seconds === null ? '?' : m.seconds, plan.objective === 'n+1-margin' ? pct(m.objectiveAfter) : m.objectiveAfter.toFixed(4)]),
      ),
    );
  }
  lines.push(
    '',
    `Side by side, the same budget of ${plan.maxMoves} moves (N+1 margin before: ${pct(plan.before.nPlusOneMargin)}, ${lost(plan.before.lostForCapacity)}; imbalance ${plan.before.imbalance.toFixed(4)}):`,
    textTable(
      ['method', 'moves', 'GiB', 'margin after', 'HA VMs lost', 'imbalance', 'margin gained per GiB', 'stopped'],
      plan.comparison.map((row) => [
        row.method,
        row.moves,
        row.gibMoved,
        pct(row.after.nPlusOneMargin),
        row.after.lostForCapacity,
        row.after.imbalance.toFixed(4),
        row.marginGainPerGib === null ? '-' : `${(row.marginGainPerGib * 100).toFixed(3)} pt`,
        STOPPED[row.stoppedBy] ?? row.stoppedBy,
      ]),
    ),
    'Margin: the smallest room left on any node (CPU or memory, share of its capacity) after the worst single failure; negative: what a lost HA VM lacks.',
  );
  return lines.join('\n');
}

function pct(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

function lost(count: number): string {
  return count === 0 ? 'no HA VM lost for capacity' : `${count} HA VM${count > 1 ? 's' : ''} lost for capacity`;
}
