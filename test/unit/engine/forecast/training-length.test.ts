import { describe, expect, it } from 'vitest';
import { backtestOrigins, backtestRuns } from '../../../../src/engine/forecast/backtest.js';
import { smeanDay, smedianDay, snaiveDay, sprofileDay } from '../../../../src/engine/forecast/models.js';
import { tabulate } from '../../../../src/engine/forecast/series.js';
import { rescaleToFinal } from '../../../../src/engine/forecast/training-length.js';
import { MinstdRand0 } from '../../../../src/engine/packing/minstd.js';

describe('backtest errors rescaled to the data the final fit sees', () => {
  // Season m = 4; 12 values are 3 whole seasons, 4 are 1, 8 are 2.
  const ramp = (length: number) => tabulate(length, (t) => t % 4);
  const [final, one, two] = [ramp(12), ramp(4), ramp(8)];

  it('a mean of K seasons: by sqrt((1 + 1/K_final) / (1 + 1/K_origin))', () => {
    const fits = [smeanDay.fit(one, [4]), smeanDay.fit(two, [4])];
    expect([smeanDay.errorVariance!(smeanDay.fit(final, [4])), smeanDay.errorVariance!(fits[0]!), smeanDay.errorVariance!(fits[1]!)]).toEqual([4 / 3, 2, 1.5]);
    // K 1 -> 3: sqrt((4/3) / 2) = sqrt(2/3) = 0.8164966; K 2 -> 3: sqrt((4/3) / 1.5) = sqrt(8/9) = 0.9428090.
    const scaled = rescaleToFinal(smeanDay, smeanDay.fit(final, [4]), fits, [Float64Array.of(2, -4), Float64Array.of(3)]);
    expect([...scaled[0]!].map((e) => Number(e.toFixed(7)))).toEqual([1.6329932, -3.2659863]);
    expect(Number(scaled[1]![0]!.toFixed(7))).toBe(2.8284271);
  });

  it('the smoothed mean profile declares the same; the median, the seasonal naive: errors as measured', () => {
    expect(sprofileDay.errorVariance!(sprofileDay.fit(two, [4]))).toBe(1.5);
    for (const model of [smedianDay, snaiveDay]) {
      const errors = [Float64Array.of(2, -4)];
      expect(model.errorVariance).toBeUndefined();
      expect(rescaleToFinal(model, model.fit(final, [4]), [model.fit(one, [4])], errors)).toEqual(errors);
    }
  });

  it('makes a weekly-style mean\'s one-season backtests as large as its two-season forecast errors (profile + noise)', () => {
    // 400 windows of 2 seasons (m = 48) of a fixed profile plus unit Gaussian noise, then a test
    // season. The origin at 96 - 24 = 72 sees one whole season: the naive's error variance 2.
    // The final fit averages two: 1 + 1/2 + 1/(2m) (the shift) = 1.51. Rescaled by sqrt(1.5/2)
    // the backtest's mean square is 2 x 0.75 = 1.5.
    const random = new MinstdRand0(17);
    const uniform = () => random.next() / 2_147_483_647;
    const gaussian = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    const origins = backtestOrigins(96, 24, 24, 1, 49);
    let [raw, rescaled, finalSquares, count] = [0, 0, 0, 0];
    for (let k = 0; k < 400; k++) {
      const y = tabulate(96 + 24, (t) => 5 * Math.sin((2 * Math.PI * t) / 48) + gaussian());
      const window = y.subarray(0, 96);
      const runs = backtestRuns(window, [48], smeanDay, origins);
      const finalFit = smeanDay.fit(window, [48]);
      const scaled = rescaleToFinal(smeanDay, finalFit, runs.fits, runs.errors);
      const path = smeanDay.forecast(finalFit, 24);
      for (let h = 0; h < 24; h++) {
        raw += runs.errors[0]![h]! ** 2;
        rescaled += scaled[0]![h]! ** 2;
        finalSquares += (y[96 + h]! - path[h]!) ** 2;
        count++;
      }
    }
    // 9,600 squared errors each: the standard error of a mean square near 1.5 is about 0.03.
    expect(raw / count).toBeGreaterThan(1.85);
    expect(Math.abs(rescaled / count - finalSquares / count)).toBeLessThan(0.12);
    expect(Math.abs(raw / count - finalSquares / count)).toBeGreaterThan(0.3);
  });
});
