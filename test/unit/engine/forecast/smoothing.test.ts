import { describe, expect, it } from 'vitest';
import { dampedTrend } from '../../../../src/engine/forecast/damped-trend.js';
import { holtWinters } from '../../../../src/engine/forecast/holt-winters.js';
import { nelderMead } from '../../../../src/engine/forecast/nelder-mead.js';
import { tabulate } from '../../../../src/engine/forecast/series.js';

describe('Nelder-Mead', () => {
  it('finds the minimum of a shifted quadratic bowl', () => {
    // f = (x - 1)^2 + 10 (y + 2)^2 has its minimum at (1, -2).
    const [x, y] = nelderMead(([a, b]) => (a! - 1) ** 2 + 10 * (b! + 2) ** 2, [0, 0], { step: 1, maxEvaluations: 400, tolerance: 1e-14 });
    expect(x).toBeCloseTo(1, 4);
    expect(y).toBeCloseTo(-2, 4);
  });
});

describe('damped trend', () => {
  it('forecasts a constant series as that constant', () => {
    // level = y[0] = 5 and trend = y[1] - y[0] = 0 stay put for any alpha, beta, phi.
    const fit = dampedTrend.fit(new Float64Array(50).fill(5), [10]);
    expect([...dampedTrend.forecast(fit, 3)]).toEqual([5, 5, 5]);
  });

  it('damps the slope of a line: each step adds phi^h times the last trend', () => {
    // On y = 2t the one-step errors are 0 from the start (level 0, trend 2), so the states stay
    // exact: level = 2 * 99 = 198, trend 2; yhat(h) = 198 + 2 (phi + ... + phi^h).
    const fit = dampedTrend.fit(tabulate(100, (t) => 2 * t), [10]);
    const phi = fit.params.phi!;
    const path = dampedTrend.forecast(fit, 2);
    expect(path[0]).toBeCloseTo(198 + 2 * phi, 9);
    expect(path[1]).toBeCloseTo(198 + 2 * (phi + phi * phi), 9);
  });
});

describe('additive Holt-Winters', () => {
  it('recovers a pure seasonal series', () => {
    // y = 10 + [0, 3, -1, -2] repeated: the mean profile start is exact, so every one-step error
    // is 0 and the forecast continues the pattern.
    const pattern = [0, 3, -1, -2];
    const y = tabulate(40, (t) => 10 + pattern[t % 4]!);
    const fit = holtWinters.fit(y, [4]);
    expect([...holtWinters.forecast(fit, 6)].map((v) => Number(v.toFixed(9)))).toEqual([10, 13, 9, 8, 10, 13]);
    expect(Math.max(...fit.residuals.subarray(4).map(Math.abs))).toBeLessThan(1e-9);
  });
});
