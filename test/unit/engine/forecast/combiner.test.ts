import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coverage } from '../../../../src/engine/forecast/accuracy/mase.js';
import { backtestErrors, backtestOrigins } from '../../../../src/engine/forecast/backtest.js';
import { forecastSeries, type CombinerSettings } from '../../../../src/engine/forecast/combiner.js';
import { holtWinters } from '../../../../src/engine/forecast/holt-winters.js';
import { tabulate } from '../../../../src/engine/forecast/series.js';
import { InputError } from '../../../../src/errors.js';
import { MinstdRand0 } from '../../../../src/engine/packing/minstd.js';

const DAY = 12;
const settings: CombinerSettings = { horizon: DAY, levels: [0.8, 0.95], backtests: 3, stride: DAY / 2, weighting: 'inverse-mse', keep: 3, priorHorizons: 1, intervalBuckets: 4 };

function gaussianSeries(seed: number, length: number): Float64Array {
  const random = new MinstdRand0(seed);
  const uniform = () => random.next() / 2_147_483_647;
  return tabulate(length, (t) => 10 + 2 * Math.sin((2 * Math.PI * t) / DAY) + Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()));
}

describe('backtest origins', () => {
  it('steps back from the last full horizon while enough data stays before it', () => {
    // n = 40, horizon 12, stride 6: origins 28, 22, 16, then 10 < minTrain 13 stops.
    expect(backtestOrigins(40, 12, 6, 5, 13).map((o) => o.origin)).toEqual([28, 22, 16]);
  });
});

describe('the combiner sees no data after its origin', () => {
  const origin = 8 * DAY;
  const arbitrary = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: DAY, maxLength: DAY });

  it('gives the same forecast whatever follows the window', () => {
    const base = gaussianSeries(7, origin + DAY);
    const reference = forecastSeries(base.slice(0, origin), [DAY, 2 * DAY], settings);
    fc.assert(
      fc.property(arbitrary, (future) => {
        const y = base.slice();
        y.set(future, origin);
        const forecast = forecastSeries(y.subarray(0, origin), [DAY, 2 * DAY], settings);
        expect([...forecast.mean]).toEqual([...reference.mean]);
        expect([...forecast.upper[1]!]).toEqual([...reference.upper[1]!]);
      }),
      { numRuns: 25 },
    );
  });

  it('backtests forecast from the data before each origin only', () => {
    // yhat = y - error at each origin must not move when the values after it change.
    const y = gaussianSeries(11, 6 * DAY);
    const origins = backtestOrigins(y.length, DAY, DAY, 2, DAY + 1);
    const paths = (series: Float64Array) =>
      backtestErrors(series, [DAY], holtWinters, origins).map((errors, j) => [...errors].map((e, h) => series[origins[j]!.origin + h]! - e));
    const reference = paths(y);
    fc.assert(
      fc.property(arbitrary, (future) => {
        const changed = y.slice();
        changed.set(future, y.length - DAY);
        expect(paths(changed)[1]).toEqual(reference[1]);
      }),
      { numRuns: 25 },
    );
  });
});

describe('interval coverage', () => {
  it('is near nominal on a seeded seasonal series with Gaussian noise', () => {
    // 40 forecasts of one day from 8-day windows; each covers 12 steps, so 480 checks per level.
    const y = gaussianSeries(2026, 50 * DAY);
    const covered = [0, 0];
    const forecasts = 40;
    for (let k = 0; k < forecasts; k++) {
      const origin = (9 + k) * DAY;
      const forecast = forecastSeries(y.subarray(origin - 8 * DAY, origin), [DAY, 2 * DAY], settings);
      const actual = y.subarray(origin, origin + DAY);
      for (const i of [0, 1]) covered[i] += coverage(actual, forecast.lower[i]!, forecast.upper[i]!) / forecasts;
    }
    expect(covered[0]).toBeGreaterThan(0.72);
    expect(covered[0]).toBeLessThan(0.88);
    expect(covered[1]).toBeGreaterThan(0.9);
    expect(covered[1]).toBeLessThan(0.99);
  });
});

describe('bad input', () => {
  it.each([
    ['shorter than two seasons', new Float64Array(3 * DAY).fill(1), 'length'],
    ['a non-finite value', Float64Array.from(gaussianSeries(3, 8 * DAY), (v, t) => (t === 17 ? Number.NaN : v)), 'values[17]'],
  ])('throws an InputError for a series %s', (_, y, field) => {
    expect(() => forecastSeries(y, [DAY, 2 * DAY], settings, undefined, 'node1.csv')).toThrowError(InputError);
    try {
      forecastSeries(y, [DAY, 2 * DAY], settings, undefined, 'node1.csv');
    } catch (error) {
      expect((error as InputError).issues[0]).toMatchObject({ file: 'node1.csv', field });
    }
  });
});
