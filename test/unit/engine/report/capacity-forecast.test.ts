import { describe, expect, it } from 'vitest';
import type { History } from '../../../../src/engine/model/history.js';
import { capacityForecast, dueWithin } from '../../../../src/engine/report/capacity-forecast.js';
import { cluster, node, vm } from '../../../support/builders.js';

const STEP = 300;
const PER_DAY = 288;
const DAYS = 21;
const START = 1_795_478_400; // 2026-11-24T00:00Z, a day boundary

/**
 * One 100 GiB node whose memory in use grows 1 GiB a day from 50 GiB, with a daily swing of
 * ±4 GiB: use(t) = 50 + t/288 + 4 sin(2π t / 288). The sustained (1-hour) daily peak is about
 * 50 + d + 4 on day d (the hour around the crest averages 4 × 0.99); the last day is d = 20, so
 * the peak reaches 85 GiB (85%) when 54 + d = 85, d = 31: 11 days after the last sample.
 */
function growingHistory(): History {
  const values = Float64Array.from({ length: DAYS * PER_DAY }, (_, t) => 50 + t / PER_DAY + 4 * Math.sin((2 * Math.PI * t) / PER_DAY));
  const cpu = Float64Array.from({ length: DAYS * PER_DAY }, () => 0.2);
  return {
    series: [
      { entity: 'a', kind: 'node', metric: 'cpu', startSeconds: START, stepSeconds: STEP, values: cpu },
      { entity: 'a', kind: 'node', metric: 'memGiB', startSeconds: START, stepSeconds: STEP, values },
    ],
    guestNode: {},
  };
}

const oneNode = cluster().nodes(node('a').threads(16).memGiB(100)).vms(vm('v').memGiB(8).on('a')).build();
const options = { horizonDays: 60, threshold: 0.85, strategy: 'first-fit', policy: { scenarios: [] as const, strictSpof: false, maxUtilAfterFailover: null, threshold: false } };

describe('capacity forecast', () => {
  it('dates the crossing of a series with known growth: about 11 days after the last sample', () => {
    const result = capacityForecast(oneNode, growingHistory(), options);
    const memory = result.series.find((s) => s.node === 'a' && s.resource === 'memGiB')!;
    expect(memory.slopePerDay).toBeCloseTo(0.01, 3);
    expect(memory.daysToCrossing.likely).toBeGreaterThanOrEqual(10);
    expect(memory.daysToCrossing.likely).toBeLessThanOrEqual(12);
    expect(memory.daysToCrossing.earliest!).toBeLessThanOrEqual(memory.daysToCrossing.likely!);
    expect(memory.daysToCrossing.latest!).toBeGreaterThanOrEqual(memory.daysToCrossing.likely!);
    // 2026-11-24 + 21 days = 2026-12-14T23:55Z, the last sample.
    expect(result.lastSample).toBe('2026-12-14T23:55:00.000Z');
    // A flat 20% CPU never reaches 85%.
    expect(result.series.find((s) => s.resource === 'cpu')!.crossing).toEqual({ earliest: null, likely: null, latest: null });
  });

  it('reports one unit per series forecast, of all it forecasts, and the result does not depend on it', () => {
    // Node a's CPU and memory (one node: no cluster series); v has no history of its own.
    const reports: string[] = [];
    const heard = capacityForecast(oneNode, growingHistory(), { ...options, onProgress: (done, total) => reports.push(`${done}/${total}`) });
    expect(heard).toEqual(capacityForecast(oneNode, growingHistory(), options));
    expect(reports).toEqual(['1/2', '2/2']);
  });

  it('--fail-within takes the earliest crossing: inside 30 days, not inside 5', () => {
    const result = capacityForecast(oneNode, growingHistory(), options);
    expect(dueWithin(result, 30).crossings.map((s) => `${s.node}/${s.resource}`)).toEqual(['a/memGiB']);
    expect(dueWithin(result, 5)).toEqual({ crossings: [], nPlusOneLoss: false });
  });
});
