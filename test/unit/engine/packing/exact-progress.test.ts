import { describe, expect, it } from 'vitest';
import { exactSearch } from '../../../../src/engine/packing/exact.js';
import type { VbpInstance } from '../../../../src/engine/packing/instance.js';
import { pack } from '../../../../src/engine/packing/strategies.js';
import { vbp } from './support.js';

/** n items of 150..449 in two dimensions, capacity 1000 each, from a Lehmer generator. */
function randomItems(n: number, seed: number): VbpInstance {
  let x = seed * 7919;
  const next = () => (x = (x * 48271) % 2147483647) % 300;
  return vbp([1000, 1000], ...Array.from({ length: n }, () => [150 + next(), 150 + next()]));
}

/** Every report: done within the bound, done never going back, the bound never growing. */
function expectHonest(reports: ReadonlyArray<readonly [number, number]>): void {
  for (const [i, [done, total]] of reports.entries()) {
    expect(done).toBeLessThanOrEqual(total);
    if (i === 0) continue;
    expect(done).toBeGreaterThanOrEqual(reports[i - 1]![0]);
    expect(total).toBeLessThanOrEqual(reports[i - 1]![1]);
  }
}

describe('the exact search reports its nodes against its budget', () => {
  // (20, 1): FFD packs 7 bins, the search proves 6 (one target, exhausted in about 135,000 nodes).
  // (30, 3): FFD packs 12, the search finds 11 in a few nodes, then spends the budget on 10.
  for (const [n, seed] of [[20, 1], [30, 3]] as const) {
    it(`${n} items (seed ${seed}): an honest bound, and the same packing as unheard`, () => {
      const instance = randomItems(n, seed);
      const reports: Array<[number, number]> = [];
      const heard = exactSearch(instance, { maxNodes: 200_000, onProgress: (done, total) => reports.push([done, total]) });
      expect(heard).toEqual(exactSearch(instance, { maxNodes: 200_000 }));
      expect(reports.length).toBeGreaterThan(10);
      expectHonest(reports);
      // The last target ends the search (exhausted, or out of budget): nothing is left to do.
      const [done, total] = reports.at(-1)!;
      expect(done).toBe(total);
    });
  }

  it('pack: the exact strategy reports, the best configuration (its own short search) does not; neither result depends on it', () => {
    // 140 items: the best configuration leaves 44 bins against a lower bound of 43, and the proof runs.
    const instance = randomItems(140, 1);
    const reports: Array<[number, number]> = [];
    const onProgress = (done: number, total: number) => void reports.push([done, total]);
    expect(pack(instance, 'best', { onProgress })).toEqual(pack(instance, 'best'));
    expect(reports).toEqual([]);
    expect(pack(instance, 'exact', { onProgress, exactNodes: 50_000 })).toEqual(pack(instance, 'exact', { exactNodes: 50_000 }));
    expect(reports.length).toBeGreaterThan(0);
    expectHonest(reports);
  });
});
