import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Forecast from '../../src/commands/forecast.js';
import type { CapacityForecast } from '../../src/engine/report/capacity-forecast.js';
import { runCommand } from '../support/run-command.js';

describe('headroom forecast', () => {
  it('on the lab history: every node and resource and the cluster, and the N+1 loss', async () => {
    const run = await runCommand<CapacityForecast>(Forecast, ['--horizon', '60d', '--json']);
    expect(run.exitCode).toBe(0);
    const forecast = JSON.parse(run.stdout) as CapacityForecast;
    // data/lab/history ends 2026-11-28T23:55Z.
    expect(forecast.lastSample).toBe('2026-11-28T23:55:00.000Z');
    // 5 nodes and the cluster for CPU, memory and disk; node05 holds no local pool (its disk series
    // counts its guests' disk against no capacity), so disk has 4 nodes and the cluster.
    expect(forecast.series.map((s) => `${s.node ?? 'cluster'}/${s.resource}`).filter((s) => s.startsWith('cluster'))).toEqual(['cluster/cpu', 'cluster/memGiB', 'cluster/diskGiB']);
    for (const s of forecast.series) {
      expect(Object.keys(s)).toEqual(['node', 'resource', 'threshold', 'lastPeak', 'slopePerDay', 'crossing', 'daysToCrossing', 'dailyPeaks']);
      expect(s.threshold).toBe(0.85);
      // 35 days of history at 5-minute steps, the last whole day ending the series; one forecast
      // value per day of the 60-day horizon, each inside its 80% band, inside its 95% band.
      const path = s.dailyPeaks;
      expect(path.past.length).toBe(path.pastDates.length);
      expect([path.dates.length, path.mean.length, path.lower95.length]).toEqual([60, 60, 60]);
      for (let d = 0; d < 60; d++) expect(path.lower95[d]! <= path.lower80[d]! && path.lower80[d]! <= path.mean[d]! && path.mean[d]! <= path.upper80[d]! && path.upper80[d]! <= path.upper95[d]!).toBe(true);
      // Crossing dates are horizon dates: day k is dates[k - 1].
      if (s.daysToCrossing.likely !== null) expect(path.dates[s.daysToCrossing.likely - 1]).toBe(s.crossing.likely);
    }
    // The lab breaks n+1 today (node04: app1, see verdicts.test.ts), so the loss is day 1.
    expect(forecast.nPlusOneLoss).toMatchObject({ date: '2026-11-29', firstBreach: { day: 1, scenario: 'node04', vm: 'app1', reason: 'no-capacity' } });
  });

  it('--fail-within 30d is the timer\'s gate: the N+1 loss falls inside it, exit 1', async () => {
    const run = await runCommand(Forecast, ['--horizon', '30d', '--fail-within', '30d']);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('N+1: lost on 2026-11-29 (day 1): when node04 fails, app1 (no-capacity).');
  });

  const bad: Array<[string, string[], string]> = [
    ['a horizon in an unknown unit', ['--horizon', '10x'], "field '--horizon' has value '10x'"],
    ['a horizon that is not whole days', ['--horizon', '36h'], "field '--horizon' has value '36h': expected whole days"],
    ['a threshold above 1', ['--threshold', '1.5'], "field '--threshold' has value '1.5'"],
    ['a history folder that does not exist', ['--history', join(mkdtempSync(join(tmpdir(), 'headroom-fc-')), 'missing')], "field '--history'"],
  ];
  for (const [name, argv, message] of bad) {
    it(`rejects ${name}: exit 2, one message`, async () => {
      const run = await runCommand(Forecast, argv);
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    });
  }
});
