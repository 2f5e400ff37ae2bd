import { describe, expect, it } from 'vitest';
import { bestFitDecreasing } from '../../../../src/engine/packing/best-fit-decreasing.js';
import { dotProduct } from '../../../../src/engine/packing/dot-product.js';
import { firstFit } from '../../../../src/engine/packing/first-fit.js';
import { firstFitDecreasing } from '../../../../src/engine/packing/first-fit-decreasing.js';
import { minimumBinSlack } from '../../../../src/engine/packing/minimum-bin-slack.js';
import { vbp } from './support.js';

// Capacity (10, 10); items A(9,1) B(2,9) C(6,6) D(1,1).
// L2 norms of s/C: B sqrt(.04+.81)=.922, A sqrt(.81+.01)=.906, C sqrt(.72)=.849, D .141,
// so the decreasing order is B, A, C, D.
const crossed = vbp([10, 10], [9, 1], [2, 9], [6, 6], [1, 1]);

describe('greedy packers on hand-worked instances', () => {
  it.each([
    {
      name: 'first fit in input order',
      // A -> bin 0 (r 1,9); B: 2 > 1 -> bin 1 (r 8,1); C: bin 0 no (6 > 1), bin 1 no (6 > 1) -> bin 2;
      // D(1,1): bin 0 has r (1,9) -> bin 0.
      pack: () => firstFit(crossed),
      expected: { bins: 3, binOf: [0, 1, 2, 0] },
    },
    {
      name: 'first fit decreasing by L2',
      // B -> bin 0 (r 8,1); A: 9 > 8 -> bin 1 (r 1,9); C -> bin 2 (r 4,4); D: bin 0 (8,1) fits first.
      pack: () => firstFitDecreasing(crossed, 'l2'),
      expected: { bins: 3, binOf: [1, 0, 2, 0] },
    },
    {
      name: 'best fit decreasing picks the tightest bin, not the first',
      // Same first three as FFD. D's slack after placing: bin 0 (7,0) -> .7, bin 1 (0,8) -> .8,
      // bin 2 (3,3) -> .6: bin 2 is tightest.
      pack: () => bestFitDecreasing(crossed),
      expected: { bins: 3, binOf: [1, 0, 2, 2] },
    },
  ])('$name', ({ pack, expected }) => {
    const packing = pack();
    expect({ bins: packing.bins, binOf: Array.from(packing.binOf) }).toEqual(expected);
  });

  it('first fit loses a bin that first fit decreasing saves (1-D classic)', () => {
    // Capacity 10; items 3, 3, 7, 7. FF: 3,3 share bin 0 (r 4), each 7 needs its own bin: 3 bins.
    // FFD: 7 -> bin 0, 7 -> bin 1, then one 3 beside each 7: 2 bins.
    const items = vbp([10], [3], [3], [7], [7]);
    expect(firstFit(items).bins).toBe(3);
    expect(Array.from(firstFitDecreasing(items).binOf)).toEqual([0, 1, 0, 1]);
  });

  it('dot product with dynamic weights fills one bin at a time', () => {
    // Capacity (10,10); A(5,1) B(1,5) C(5,5) D(4,4); x = s/10.
    // Bin 0, residual (1,1), weights = column sums (1.5, 1.5):
    //   A .9, B .9, C 1.5, D 1.2 -> C. Residual (.5,.5), weights (1, 1):
    //   B .05+.25 = .3, A .3, D .2+.2 = .4 -> D. Residual (.1,.1): nothing fits -> bin 1.
    // Bin 1, weights (.6,.6): A .3+.06 = .36, B .36, tie kept by the first in the list (A).
    // Then B fits (1 <= 5, 5 <= 9).
    const packing = dotProduct(vbp([10, 10], [5, 1], [1, 5], [5, 5], [4, 4]));
    expect({ bins: packing.bins, binOf: Array.from(packing.binOf) }).toEqual({ bins: 2, binOf: [1, 1, 0, 0] });
  });

  it('minimum bin slack finds the perfect-fit bins that FFD misses', () => {
    // Capacity 10; items 5,5,4,4,3,3,3,3 (sum 30, so 3 bins at best).
    // FFD: {5,5}, {4,4}, {3,3,3}, {3} = 4 bins. MBS': bin 0 = 5 + best subset of the rest in 5
    // -> {5} (slack 0); bin 1 = 4 + best in 6 -> {3,3} (slack 0); bin 2 = 4,3,3: 3 bins.
    const items = vbp([10], [5], [5], [4], [4], [3], [3], [3], [3]);
    expect(firstFitDecreasing(items).bins).toBe(4);
    expect(Array.from(minimumBinSlack(items).binOf)).toEqual([0, 0, 1, 2, 1, 1, 2, 2]);
  });
});
