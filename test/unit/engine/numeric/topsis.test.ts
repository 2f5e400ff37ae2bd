import { describe, expect, it } from 'vitest';
import { topsisCloseness } from '../../../../src/engine/numeric/topsis.js';

const minimise = (weight: number) => ({ weight, direction: 'minimise' as const });

describe('topsisCloseness', () => {
  it('weights decide between two mirrored alternatives', () => {
    // Rows A=[1,3], B=[3,1], C=[2,2]; both columns have norm sqrt(1+9+4) = sqrt(14) =: 1/k.
    // Weights 1:3 -> 0.25, 0.75. Best = [k, k], worst = [3k, 3k].
    // A: dBest = |0.75*2k| = 1.5k, dWorst = |0.25*2k| = 0.5k -> 0.5/(1.5+0.5) = 0.25
    // B: dBest = 0.5k, dWorst = 1.5k -> 0.75
    // C: dBest = dWorst = k*sqrt(0.25^2 + 0.75^2) -> 0.5
    const closeness = topsisCloseness([[1, 3], [3, 1], [2, 2]], [minimise(1), minimise(3)]);
    expect(closeness[0]).toBeCloseTo(0.25, 12);
    expect(closeness[1]).toBeCloseTo(0.75, 12);
    expect(closeness[2]).toBeCloseTo(0.5, 12);
  });

  it('leaves an all-zero column alone (its norm is 0)', () => {
    // Column 1: [3,4] / 5 = [0.6, 0.8]; column 2 stays [0,0]. Weights 0.5 each.
    // A: dBest = 0, dWorst = 0.5*0.2 = 0.1 -> 1; B: dBest = 0.1, dWorst = 0 -> 0
    expect(topsisCloseness([[3, 0], [4, 0]], [minimise(1), minimise(1)])).toEqual([1, 0]);
  });

  it('ranks a maximised criterion the other way round', () => {
    // [1] and [3] over norm sqrt(10): best = 3/sqrt(10), worst = 1/sqrt(10).
    expect(topsisCloseness([[1], [3]], [{ weight: 1, direction: 'maximise' }])).toEqual([0, 1]);
  });

  it('gives 0 to every alternative when all are equal', () => {
    expect(topsisCloseness([[1, 2], [1, 2]], [minimise(1), minimise(2)])).toEqual([0, 0]);
  });

  it('returns nothing for no alternatives and rejects ragged rows', () => {
    expect(topsisCloseness([], [minimise(1)])).toEqual([]);
    expect(() => topsisCloseness([[1, 2], [1]], [minimise(1), minimise(1)])).toThrow(RangeError);
  });
});
