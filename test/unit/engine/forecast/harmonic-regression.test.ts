import { describe, expect, it } from 'vitest';
import { harmonicRegression } from '../../../../src/engine/forecast/harmonic-regression.js';
import { leastSquares } from '../../../../src/engine/forecast/least-squares.js';
import { tabulate } from '../../../../src/engine/forecast/series.js';

describe('least squares', () => {
  it('solves a small exact system', () => {
    // y = 1 + 2x at x = 0, 1, 2, 3: the normal equations [[4, 6], [6, 14]] b = [16, 34] give b = (1, 2).
    const coefficients = leastSquares([Float64Array.of(1, 1, 1, 1), Float64Array.of(0, 1, 2, 3)], Float64Array.of(1, 3, 5, 7));
    expect(coefficients[0]).toBeCloseTo(1, 12);
    expect(coefficients[1]).toBeCloseTo(2, 12);
  });
});

describe('harmonic regression', () => {
  it('recovers known Fourier coefficients and trend, and extrapolates them', () => {
    // y = 5 + 3 t/n + 2 sin(2 pi t / 24) - cos(4 pi t / 24) + 0.5 sin(2 pi t / 168), n = 336 (two
    // "weeks" of 168): columns are [1, t/n, then sin, cos per k]. No noise, so the coefficients
    // are exact and the AR(1) residuals are 0 (phi falls back to 0).
    const n = 336;
    const truth = (t: number) => 5 + (3 * t) / n + 2 * Math.sin((2 * Math.PI * t) / 24) - Math.cos((4 * Math.PI * t) / 24) + 0.5 * Math.sin((2 * Math.PI * t) / 168);
    const fit = harmonicRegression.fit(tabulate(n, truth), [24, 168]);
    const [intercept, trend, sin1, cos1, sin2, cos2] = fit.coefficients;
    expect([intercept, trend, sin1, cos1, sin2, cos2].map((v) => Number(v!.toFixed(6)))).toEqual([5, 3, 2, 0, 0, -1]);
    // Weekly terms come after the 10 daily pairs: index 2 + 20 = 22 is the weekly sin k = 1.
    expect(fit.coefficients[22]).toBeCloseTo(0.5, 6);
    const path = harmonicRegression.forecast(fit, 30);
    expect(Math.max(...path.map((v, h) => Math.abs(v - truth(n + h))))).toBeLessThan(1e-6);
  });
});
