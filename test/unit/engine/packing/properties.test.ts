import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isFeasible, type VbpInstance } from '../../../../src/engine/packing/instance.js';
import { pack, STRATEGY_NAMES } from '../../../../src/engine/packing/strategies.js';

// Random instances: 1-3 dimensions, capacities 1-20, 0-14 items each within capacity.
const instances = fc
  .record({ capacity: fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 3 }), count: fc.integer({ min: 0, max: 14 }), seed: fc.integer() })
  .chain(({ capacity, count }) =>
    fc.array(fc.tuple(...capacity.map((cap) => fc.integer({ min: 0, max: cap }))), { minLength: count, maxLength: count }).map(
      (items): VbpInstance => ({ dims: capacity.length, capacity, sizes: Float64Array.from(items.flat()) }),
    ),
  );

describe('every strategy on random instances', () => {
  it.each(STRATEGY_NAMES)('%s packs every item once, within capacity, never below its bound, deterministically', (strategy) => {
    fc.assert(
      fc.property(instances, (instance) => {
        const first = pack(instance, strategy);
        expect(isFeasible(instance, first)).toBe(true);
        expect(first.bins).toBeGreaterThanOrEqual(first.lowerBound);
        expect(first.optimal).toBe(first.bins === first.lowerBound);
        expect(Array.from(pack(instance, strategy).binOf)).toEqual(Array.from(first.binOf));
      }),
      { numRuns: 60, seed: 20_260_601 },
    );
  });
});
