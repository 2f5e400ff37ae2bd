import { describe, expect, it } from 'vitest';
import { shrinkTowardEqual } from '../../../../src/engine/forecast/shrinkage.js';

const rounded = (weights: Float64Array) => [...weights].map((w) => Number(w.toFixed(12)));

describe('shrinkage toward equal weights', () => {
  it.each([
    // 3 origins of a 288-step horizon = 864 steps, prior 288: lambda = 288 / 1152 = 0.25;
    // kept k = 2: 0.75 * 0.8 + 0.25 / 2 = 0.725, 0.75 * 0.2 + 0.125 = 0.275, the trimmed one stays 0.
    ['three horizons of evidence', Float64Array.of(0.8, 0.2, 0), 864, 288, [0.725, 0.275, 0]],
    // 2 origins = 576 steps: lambda = 288 / 864 = 1/3; 2/3 * 0.8 + 1/6 = 0.7, 2/3 * 0.2 + 1/6 = 0.3.
    ['two horizons of evidence: shrunk further', Float64Array.of(0.8, 0.2, 0), 576, 288, [0.7, 0.3, 0]],
    // No backtest steps: lambda = 1, the plain average of the kept three (1/3 each).
    ['no evidence: the equal-weight average', Float64Array.of(0.5, 0.3, 0.2), 0, 288, [1 / 3, 1 / 3, 1 / 3]],
    ['no prior: unchanged', Float64Array.of(0.8, 0.2, 0), 864, 0, [0.8, 0.2, 0]],
    ['one kept model: unchanged', Float64Array.of(0, 1, 0), 864, 288, [0, 1, 0]],
  ] as const)('%s', (_, weights, steps, prior, expected) => {
    expect(rounded(shrinkTowardEqual(weights, steps, prior))).toEqual(expected.map((w) => Number(w.toFixed(12))));
  });
});
