import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../../../src/engine/numeric/random-stream.js';
import { studentT975 } from '../../../../src/engine/numeric/student-t.js';

const draws = (stream: RandomStream, n: number): number[] => Array.from({ length: n }, () => stream.uniform());

describe('random streams', () => {
  it('the same seed and stream give the same draws; another stream or seed, others', () => {
    const first = draws(new RandomStream(42, 3), 5);
    expect(draws(new RandomStream(42, 3), 5)).toEqual(first);
    expect(draws(new RandomStream(42, 4), 5)).not.toEqual(first);
    expect(draws(new RandomStream(43, 3), 5)).not.toEqual(first);
  });

  it('uniform draws lie in [0, 1) with mean near 1/2; exponential draws have the mean asked for', () => {
    const stream = new RandomStream(1, 0);
    const u = draws(stream, 100_000);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    // Mean of 100,000 uniforms: 0.5 ± 1.96 × sqrt(1/12 / 100,000) = 0.5 ± 0.0018.
    expect(Math.abs(u.reduce((a, b) => a + b, 0) / u.length - 0.5)).toBeLessThan(0.0018);
    // Mean of 100,000 exponentials of mean 600: 600 ± 1.96 × 600 / sqrt(100,000) = 600 ± 3.7.
    const e = Array.from({ length: 100_000 }, () => stream.exponential(600));
    expect(Math.abs(e.reduce((a, b) => a + b, 0) / e.length - 600)).toBeLessThan(3.7);
  });
});

describe("Student's t, 97.5% quantile", () => {
  it.each([
    [1, 12.706], // NIST/SEMATECH table 1.3.6.7.2
    [30, 2.042],
    [35, 2.042], // between 30 and 40: the smaller df's, larger value
    [99, 1.99], // between 80 and 100
    [100, 1.984],
    [5000, 1.984], // never below the last tabulated value
  ])('df %i: %f', (df, t) => {
    expect(studentT975(df)).toBe(t);
  });
});
