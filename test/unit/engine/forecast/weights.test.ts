import { describe, expect, it } from 'vitest';
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
});
