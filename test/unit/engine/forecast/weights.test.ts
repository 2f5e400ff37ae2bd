import { describe, expect, it } from 'vitest';
import { InvariantError } from '../../../../src/errors.js';
import { empiricalIntervals } from '../../../../src/engine/forecast/intervals.js';
import { quantileSorted } from '../../../../src/engine/forecast/quantile.js';
import { combinationWeights } from '../../../../src/engine/forecast/weights.js';

// Two models, one origin each: errors (1, -1) -> MSE 1, MAE 1; (2, -2) -> MSE 4, MAE 2; (4, 4) -> MSE 16.
const errors = [[Float64Array.of(1, -1)], [Float64Array.of(2, -2)], [Float64Array.of(4, 4)]];

describe('combination weights', () => {
  it.each([
    // 1/1 : 1/4 : 1/16 = 16 : 4 : 1 over 21
    ['inverse-mse keeps all three', 'inverse-mse', 3, [16 / 21, 4 / 21, 1 / 21]],
    // trimmed to two: 1 : 1/4 -> 4/5, 1/5
    ['inverse-mse trimmed to two', 'inverse-mse', 2, [0.8, 0.2, 0]],
    // 1/1 : 1/2 : 1/4 = 4 : 2 : 1 over 7
    ['inverse-mae keeps all three', 'inverse-mae', 3, [4 / 7, 2 / 7, 1 / 7]],
    ['best takes the lowest', 'best', 3, [1, 0, 0]],
  ] as const)('%s', (_, weighting, keep, expected) => {
    expect([...combinationWeights(errors, weighting, keep)].map((w) => Number(w.toFixed(12)))).toEqual(expected.map((w) => Number(w.toFixed(12))));
  });
});

describe('quantile type 7', () => {
  it('interpolates between order statistics', () => {
    // x = 1 2 3 4, p = 0.5: h = 3 * 0.5 = 1.5 -> 2 + 0.5 * (3 - 2) = 2.5; p = 0.9: h = 2.7 -> 3.7.
    const x = Float64Array.of(1, 2, 3, 4);
    expect(quantileSorted(x, 0.5)).toBe(2.5);
    expect(quantileSorted(x, 0.9)).toBeCloseTo(3.7, 12);
    expect(quantileSorted(x, 1)).toBe(4);
  });
});

describe('empirical intervals', () => {
  it('are the mean plus and minus the quantile of the absolute errors', () => {
    // |errors| pooled = 0 1 2 3 4; type 7 at 0.8: h = 3.2 -> 3.2.
    const forecast = empiricalIntervals(Float64Array.of(10, 20), [Float64Array.of(0, -1), Float64Array.of(2, -3, 4)], [0.8]);
    expect([...forecast.lower[0]!].map((v) => Number(v.toFixed(9)))).toEqual([6.8, 16.8]);
    expect([...forecast.upper[0]!].map((v) => Number(v.toFixed(9)))).toEqual([13.2, 23.2]);
  });

  it('multiply the half-widths by the widening factor', () => {
    // The same errors widened by 1.5: 3.2 * 1.5 = 4.8 -> 10 - 4.8 = 5.2 and 20 + 4.8 = 24.8.
    const forecast = empiricalIntervals(Float64Array.of(10, 20), [Float64Array.of(0, -1), Float64Array.of(2, -3, 4)], [0.8], 1, 1.5);
    expect([...forecast.lower[0]!].map((v) => Number(v.toFixed(9)))).toEqual([5.2, 15.2]);
    expect([...forecast.upper[0]!].map((v) => Number(v.toFixed(9)))).toEqual([14.8, 24.8]);
  });

  it('take one width per bucket of forecast steps', () => {
    // Horizon 4, 2 buckets: steps 0-1 and 2-3. Bucket 0 |errors| = 1 2 1 2 -> sorted 1 1 2 2,
    // type 7 at 0.5: h = 1.5 -> 1 + 0.5 * (2 - 1) = 1.5. Bucket 1: 3 4 3 4 -> 3 3 4 4 -> 3.5.
    const errors = [Float64Array.of(1, -2, 3, -4), Float64Array.of(-1, 2, -3, 4)];
    const forecast = empiricalIntervals(Float64Array.of(10, 20, 30, 40), errors, [0.5], 2);
    expect([...forecast.lower[0]!]).toEqual([8.5, 18.5, 26.5, 36.5]);
    expect([...forecast.upper[0]!]).toEqual([11.5, 21.5, 33.5, 43.5]);
  });

  it('give a bucket no backtest error reaches the width of all the errors', () => {
    // Level 0.5 needs 2 / (1 - 0.5) = 4 errors a bucket: 16 errors allow the 3 buckets asked for.
    // Horizon 6: steps 0-1, 2-3, 4-5. Four origins of 4 steps |e| = 1 1 3 3: bucket 0 = eight 1s
    // -> 1, bucket 1 = eight 3s -> 3, bucket 2 has none: all 16 at 0.5, h = 7.5 -> 1 + 0.5 * 2 = 2.
    const errors = Array.from({ length: 4 }, () => Float64Array.of(1, -1, 3, -3));
    const forecast = empiricalIntervals(new Float64Array(6), errors, [0.5], 3);
    expect([...forecast.upper[0]!]).toEqual([1, 1, 3, 3, 2, 2]);
  });

  it('split an uneven horizon at floor(b * H / B)', () => {
    // H = 5, B = 2: buckets are steps 0-1 (floor(5 / 2) = 2) and 2-4; |errors| 1 1 1 1 | 5 (six).
    const errors = [Float64Array.of(1, -1, 5, -5, 5), Float64Array.of(-1, 1, 5, 5, -5)];
    const forecast = empiricalIntervals(new Float64Array(5), errors, [0.5], 2);
    expect([...forecast.upper[0]!]).toEqual([1, 1, 5, 5, 5]);
  });

  it('use fewer buckets when there are too few errors for the widest level', () => {
    // Level 0.5 needs 4 errors a bucket; 4 errors allow floor(4 / 4) = 1 bucket, not the 2 asked
    // for: all |e| = 1 1 3 3 at 0.5, h = 1.5 -> 1 + 0.5 * (3 - 1) = 2 at every step.
    const forecast = empiricalIntervals(new Float64Array(4), [Float64Array.of(1, -1, 3, -3)], [0.5], 2);
    expect([...forecast.upper[0]!]).toEqual([2, 2, 2, 2]);
  });

  it.each([0, 1.5])('throw an InvariantError for %s buckets', (buckets) => {
    expect(() => empiricalIntervals(new Float64Array(2), [Float64Array.of(1, 2)], [0.8], buckets)).toThrowError(InvariantError);
  });
});
