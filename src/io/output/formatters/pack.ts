/** Renders a `pack` result as one line; a fired time limit gets a second one. */
import type { PackReport } from '../../../engine/packing/strategies.js';

export function renderPack(result: Omit<PackReport, 'binOf'>, timeLimitSeconds: number): string {
  const proof = result.optimal ? 'proven optimal' : 'optimality not proven';
  const line = `${result.bins} bins (${result.strategy}), lower bound ${result.lowerBound}, ${proof}`;
  if (!result.timeLimitHit) return line;
  return `${line}\ntime limit of ${timeLimitSeconds} s hit (a safety net): a search stopped before its budget, so this result may differ on another machine`;
}
