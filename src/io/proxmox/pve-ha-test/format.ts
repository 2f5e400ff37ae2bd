/**
 * Text rendering of replay decisions, one line each:
 * `t=  240  recover   vm:103  node3 -> node2`.
 */
import type { HaDecision } from '../../../engine/ha-sim/model.js';

export function formatDecisions(decisions: readonly HaDecision[]): string {
  if (decisions.length === 0) return 'no placement decisions\n';
  const sidWidth = Math.max(...decisions.map((decision) => decision.sid.length));
  const kindWidth = Math.max(...decisions.map((decision) => decision.kind.length));
  const lines = decisions.map(
    (decision) =>
      `t=${String(decision.time).padStart(5)}  ${decision.kind.padEnd(kindWidth)}  ${decision.sid.padEnd(sidWidth)}  ${decision.from} -> ${decision.to}  (${decision.cause})`,
  );
  return `${lines.join('\n')}\n`;
}
