import { describe, expect, it } from 'vitest';
import { thresholdCrossing } from '../../../../src/engine/forecast/threshold-crossing.js';

describe('threshold crossing of a daily-peak forecast', () => {
  // Last sample 2026-12-01T00:00Z = 1796083200 s. A peak growing 0.01 a day from 0.80, with an
  // 80% interval of ±0.02: mean_d = 0.80 + 0.01 d, upper = mean + 0.02, lower = mean - 0.02.
  const days = Array.from({ length: 30 }, (_, i) => i + 1);
  const mean = days.map((d) => 0.8 + 0.01 * d);
  const forecast = { lastSampleSeconds: 1796083200, days, mean, upper: mean.map((m) => m + 0.02), lower: mean.map((m) => m - 0.02), level: 0.8 };

  it('earliest from the upper edge, likely from the mean, latest from the lower edge', () => {
    // upper >= 0.85 when 0.82 + 0.01 d >= 0.85: d = 3; mean: d = 5; lower (0.78 + 0.01 d): d = 7.
    // (Each compared with a 1e-12 margin below: 0.80 + 0.05 is 0.8500000000000001 in floats.)
    const { daysToCrossing, crossing } = thresholdCrossing(forecast, 0.85 - 1e-12);
    expect(daysToCrossing).toEqual({ earliest: 3, likely: 5, latest: 7 });
    // 2026-12-01 + 3 days = 2026-12-04, + 5 = 12-06, + 7 = 12-08.
    expect(crossing).toEqual({ earliest: '2026-12-04', likely: '2026-12-06', latest: '2026-12-08' });
  });

  it('not within the horizon is null', () => {
    // The upper edge ends at 0.80 + 0.30 + 0.02 = 1.12 < 2.
    expect(thresholdCrossing(forecast, 2)).toEqual({ crossing: { earliest: null, likely: null, latest: null }, daysToCrossing: { earliest: null, likely: null, latest: null } });
  });
});
