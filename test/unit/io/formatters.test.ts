import { describe, expect, it } from 'vitest';
import type { SizeResult } from '../../../src/engine/policy/size.js';
import { renderPack } from '../../../src/io/output/formatters/pack.js';
import { renderSizes } from '../../../src/io/output/formatters/size.js';

const packed = { strategy: 'best' as const, bins: 9, lowerBound: 8, optimal: false };
const sized: SizeResult = {
  model: 'node01', policy: 'n+1', restartStrategy: 'balanced', lowerBound: 5, boundBy: [{ bound: 'capacity', resource: 'memGiB', nodes: 5 }],
  bestFound: 6, optimal: false, strategy: 'first-fit', unhostable: [], triedUpTo: 6, timedOut: false,
  exact: { vms: 17, maxVms: 40, budget: 10, tried: [{ nodes: 5, outcome: 'unknown', stoppedBy: 'budget', searchNodes: 10 }] },
};
const safetyNet = 'time limit of 60 s hit (a safety net): a search stopped before its budget, so this';

describe('the time limit is a safety net, and output says when it fired', () => {
  it.each([
    { name: 'pack, within its budgets', text: renderPack({ ...packed, timeLimitHit: false }, 60), fired: false },
    { name: 'pack, cut by the time limit', text: renderPack({ ...packed, timeLimitHit: true }, 60), fired: true },
    { name: 'size, within its budgets', text: renderSizes([sized], 60), fired: false },
    // A best found by a strategy, yet the exact search was cut: still said.
    { name: 'size, cut by the time limit', text: renderSizes([{ ...sized, timedOut: true }], 60), fired: true },
  ])('$name', ({ text, fired }) => {
    expect(text.includes(safetyNet)).toBe(fired);
  });

  it('pack prints one line within its budgets', () => {
    expect(renderPack({ ...packed, timeLimitHit: false }, 60)).toBe('9 bins (best), lower bound 8, optimality not proven');
  });
});
