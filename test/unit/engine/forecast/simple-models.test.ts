import { describe, expect, it } from 'vitest';
import { drift } from '../../../../src/engine/forecast/drift.js';
import { smeanDay, smedianDay, snaiveDay, sprofileDay } from '../../../../src/engine/forecast/models.js';

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

describe('smoothed profile', () => {
  // m = 24 (so r = round(24 / 48) = 1: a moving average of 3), three seasons y[24k + p] = p + c_k
  // with c = (0, 9, 3): the mean profile is p + 4 and the median profile p + 3.
  const offsets = [0, 9, 3];
  const y = Float64Array.from({ length: 72 }, (_, t) => (t % 24) + offsets[Math.floor(t / 24)]!);

  it('averages the seasons at each phase and smooths along the phase', () => {
    const fit = sprofileDay.fit(y, [24]);
    // Interior phases keep p + 4; phase 0 averages phases 23, 0, 1: (23 + 0 + 1) / 3 + 4 = 12;
    // phase 23 averages 22, 23, 0: (22 + 23 + 0) / 3 + 4 = 19.
    expect([...sprofileDay.forecast(fit, 3)]).toEqual([12, 5, 6]);
    expect(sprofileDay.forecast(fit, 24)[23]).toBe(19);
    expect(fit.params).toEqual({ period: 24, cycles: 3, halfWidth: 1 });
    // fitted for season 1 is season 0 smoothed: phase 0 -> (23 + 0 + 1) / 3 = 8, phase 5 -> 5;
    // for season 2, the mean of seasons 0 and 1 (p + 4.5) smoothed: phase 5 -> 9.5.
    expect(fit.fitted[23]).toBeNaN();
    expect([fit.fitted[24], fit.fitted[29], fit.fitted[53]]).toEqual([8, 5, 9.5]);
  });

  it('takes the median of the seasons with the median centre', () => {
    // median of (0, 9, 3) = 3: phase 1 -> (0 + 1 + 2) / 3 + 3 = 4, phase 0 -> 8 + 3 = 11.
    expect([...smedianDay.forecast(smedianDay.fit(y, [24]), 2)]).toEqual([11, 4]);
  });
});
