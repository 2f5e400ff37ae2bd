import { describe, expect, it } from 'vitest';
import { drift } from '../../../../src/engine/forecast/drift.js';
import { snaiveDay, smeanDay } from '../../../../src/engine/forecast/models.js';

const series = (...values: number[]) => Float64Array.of(...values);

describe('seasonal naive', () => {
  it('repeats the last season and fits y[t - m]', () => {
    // m = 3, y = 1 2 3 | 4 5 6 | 7 8: the last season is 6 7 8 (y[5..7]); h = 1..4 -> 6 7 8 6.
    const y = series(1, 2, 3, 4, 5, 6, 7, 8);
    const fit = snaiveDay.fit(y, [3]);
    expect([...snaiveDay.forecast(fit, 4)]).toEqual([6, 7, 8, 6]);
    // fitted[3..7] = y[0..4] = 1..5, so every residual is 3.
    expect([...fit.residuals.subarray(3)]).toEqual([3, 3, 3, 3, 3]);
    expect(fit.fitted[2]).toBeNaN();
    expect(fit.params).toEqual({ lag: 3 });
  });
});

describe('seasonal mean', () => {
  it('averages the seasons and moves the profile to the last season level', () => {
    // m = 2, y = 1 3 | 3 5: profile = ((1+3)/2, (3+5)/2) = (2, 4); overall mean 3, last-season
    // mean 4, shift 1 -> forecast 3 5 3.
    const fit = smeanDay.fit(series(1, 3, 3, 5), [2]);
    expect([...smeanDay.forecast(fit, 3)]).toEqual([3, 5, 3]);
    expect(fit.params).toEqual({ period: 2, cycles: 2, shift: 1 });
    // fitted[2] = y[0] = 1, fitted[3] = y[1] = 3.
    expect([...fit.fitted.subarray(2)]).toEqual([1, 3]);
  });
});

describe('drift', () => {
  it('extends the line through the first and last values', () => {
    // slope = (10 - 2) / (5 - 1) = 2; forecast 10 + 2h = 12, 14, 16.
    const y = series(2, 5, 4, 9, 10);
    const fit = drift.fit(y, [2]);
    expect(fit.params.slope).toBe(2);
    expect([...drift.forecast(fit, 3)]).toEqual([12, 14, 16]);
    // fitted[1] = y[0] + 2 = 4, residual 5 - 4 = 1.
    expect(fit.residuals[1]).toBe(1);
  });
});
