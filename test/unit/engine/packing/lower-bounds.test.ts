import { describe, expect, it } from 'vitest';
import { columnGeneration } from '../../../../src/engine/packing/column-generation.js';
import { closeLpBound, columnGenerationBound } from '../../../../src/engine/packing/lower-bound-lp.js';
import { cliqueLowerBound } from '../../../../src/engine/packing/lower-bound-clique.js';
import { volumeLowerBound } from '../../../../src/engine/packing/lower-bound-volume.js';
import { firstFitDecreasing } from '../../../../src/engine/packing/first-fit-decreasing.js';
import { vbp } from './support.js';

describe('lower bounds, worked by hand', () => {
  it.each([
    // sum 12/10 -> 2; nothing larger than 1/2, so the DFFs add nothing.
    { name: 'plain volume', instance: vbp([10], [4], [4], [4]), volume: 2, clique: 1 },
    // Five items of 0.4: volume ceil(2.0) = 2. u_2 (q = 2): 3 * 0.4 = 1.2 is not an integer,
    // floor(1.2) / 2 = 0.5 per item -> 2.5 -> 3 (two such items per bin at most). No two conflict.
    { name: 'dual feasible function beats volume', instance: vbp([10], [4], [4], [4], [4], [4]), volume: 3, clique: 1 },
    // (6,1) (1,6) (6,6) (5,5): every pair except (6,1)+(1,6) exceeds 10 somewhere, so
    // {(6,6), (5,5), (6,1)} is a clique of 3. Volume: 18/10 -> 2 per dimension, but u_1 counts
    // items above 1/2 as 1 and 5/10 as 1/2 (2 * 0.5 is an integer): 1 + 0 + 1 + 0.5 -> 3.
    { name: 'clique of pairwise conflicts', instance: vbp([10, 10], [6, 1], [1, 6], [6, 6], [5, 5]), volume: 3, clique: 3 },
    // (6,0) (0,6) (5,5): (6,0)+(0,6) fit together, the others conflict with (5,5): clique 2.
    // Volume 11/10 -> 2.
    { name: 'clique equals volume', instance: vbp([10, 10], [6, 0], [0, 6], [5, 5]), volume: 2, clique: 2 },
  ])('$name', ({ instance, volume, clique }) => {
    expect(volumeLowerBound(instance)).toBe(volume);
    expect(cliqueLowerBound(instance)).toBe(clique);
  });

  it.each([
    {
      // 100,000 x 1 / 10 = 10,000. u_9: (9 + 1) x 1 = 10 is a multiple of 10, so each item counts
      // 1/10: 10,000 (summed in doubles, 100,000 terms of 0.1 came to 10,000.000000019, then 10,001).
      // u_10: floor(11 / 10) / 10 = 1/10 each, 10,000 too; the other q give 0. OPT = 10,000.
      name: '100,000 items of size 1 in bins of 10',
      instance: { dims: 1, capacity: [10], sizes: new Float64Array(100_000).fill(1) },
      volume: 10_000,
    },
    {
      // C = 2^40: four items of C/2 fill two bins, an item of 1 needs a third: (2C + 1) / C = 2 +
      // 2^-40, so ceil = 3 (a 1e-9 rounding slack took the 2^-40 away and said 2).
      name: 'a remainder of 1 in 2^40',
      instance: vbp([2 ** 40], [2 ** 39], [2 ** 39], [2 ** 39], [2 ** 39], [1]),
      volume: 3,
    },
    {
      // C = 2^53 - 1 = 6361 x 69431 x 20394401; s = C / 6361 = 1,416,003,655,831. 12,722 items of s
      // sum to 2C exactly, one more item of 1 to 2C + 1 (past 2^53: doubles hold it as 2C or
      // 2C + 2), so ceil((2C + 1) / C) = 3. No u_q helps (11 / 6361 < 1); no two items conflict.
      name: 'a volume past 2^53',
      instance: vbp([2 ** 53 - 1], ...Array.from({ length: 12_722 }, () => [1_416_003_655_831]), [1]),
      volume: 3,
    },
  ])('exact arithmetic: $name', ({ instance, volume }) => {
    expect(volumeLowerBound(instance)).toBe(volume);
  });

  it('the pattern LP bound closes a gap the volume, DFF and clique bounds leave', () => {
    // Capacity (10,10); items (5,3) (3,5) (4,4) (5,3) (3,5). Sums are 20 per dimension: volume 2.
    // Every pair fits (the largest pair sum is (10,6)) so the clique bound is 1, and the DFFs
    // stay at 2 (e.g. u_2 on dimension 0: .5 + 0 + .5 + .5 + 0 = 1.5). But every triple
    // exceeds 10 somewhere ((5,3)+(5,3)+(4,4) = (14,10), (5,3)+(3,5)+(4,4) = (12,12), ...), so
    // a bin holds at most 2 items: the LP puts weight on pairs only, z = 5/2, bound ceil(2.5) = 3.
    const instance = vbp([10, 10], [5, 3], [3, 5], [4, 4], [5, 3], [3, 5]);
    expect(volumeLowerBound(instance)).toBe(2);
    expect(cliqueLowerBound(instance)).toBe(1);
    const result = columnGenerationBound(instance, firstFitDecreasing(instance), {});
    expect(result.lowerBound).toBe(3);
    expect(result.packing.bins).toBe(3);
  });

  it('column generation from singletons reaches ceil(z_LP) and stops there', () => {
    // Same instance: only pairs fit, so z_LP = 5/2 (each item covered by pairs at weight 1/2)
    // and the bound is ceil(2.5) = 3. Every column priced (the best one and the incumbents
    // before it) is a fitting pattern, so none has more than 2 items.
    const instance = vbp([10, 10], [5, 3], [3, 5], [4, 4], [5, 3], [3, 5]);
    const result = columnGeneration(instance, Int32Array.of(0, 1, 2, 3, 4), [], {});
    expect(result.lowerBound).toBe(3);
    expect(result.patterns.every((pattern) => pattern.length <= 2)).toBe(true);
  });

  it('the closing round proves the same bound from a cold start, many columns per pricing', () => {
    // The instance above: ceil(z_LP) = ceil(5/2) = 3, whatever columns the pricing adds at once.
    const instance = vbp([10, 10], [5, 3], [3, 5], [4, 4], [5, 3], [3, 5]);
    expect(closeLpBound(instance, [], { bins: 4, binOf: Int32Array.of(0, 1, 2, 3, 3) }, {})).toBe(3);
  });
});
