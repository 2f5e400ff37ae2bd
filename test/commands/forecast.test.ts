import { mkdtempSync, readFileSync } from 'node:fs';
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
      expect(Object.keys(s)).toEqual(['node', 'resource', 'threshold', 'lastPeak', 'slopePerDay', 'crossing', 'daysToCrossing', 'dailyPeaks', 'dayAhead']);
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

  it('dayAhead: the next day at the history\'s 5-minute step, after the last whole day measured', async () => {
    const run = await runCommand<CapacityForecast>(Forecast, ['--horizon', '7d', '--json']);
    const forecast = JSON.parse(run.stdout) as CapacityForecast;
    for (const { dayAhead } of forecast.series) {
      // One step after the last sample (2026-11-28T23:55Z); 86400 / 300 = 288 steps a day.
      expect([dayAhead.start, dayAhead.stepSeconds]).toEqual(['2026-11-29T00:00:00.000Z', 300]);
      expect([dayAhead.past, dayAhead.mean, dayAhead.lower80, dayAhead.upper80, dayAhead.lower95, dayAhead.upper95].map((a) => a.length)).toEqual([288, 288, 288, 288, 288, 288]);
      for (let t = 0; t < 288; t++) expect(dayAhead.lower95[t]! <= dayAhead.lower80[t]! && dayAhead.lower80[t]! <= dayAhead.mean[t]! && dayAhead.mean[t]! <= dayAhead.upper80[t]! && dayAhead.upper80[t]! <= dayAhead.upper95[t]!).toBe(true);
    }
    // node01's CPU series is already a fraction of its threads: `past` is the CSV's last 288
    // values of node01/cpu (2026-11-28 00:00 to 23:55), read here straight from the file.
    const rows = readFileSync('data/lab/history/node01.csv', 'utf8').trim().split('\n');
    const column = rows[0]!.split(',').indexOf('node01/cpu');
    const lastDay = rows.slice(-288).map((row) => Number(row.split(',')[column]));
    expect(rows[rows.length - 288]!.startsWith('2026-11-28T00:00:00Z')).toBe(true);
    expect(forecast.series.find((s) => s.node === 'node01' && s.resource === 'cpu')!.dayAhead.past).toEqual(lastDay);
    // The daily CPU cycle peaks at 14:00 UTC (data/lab/history/README.md): so does the forecast
    // day's mean, within the hour (steps 156 to 180 are 13:00 to 15:00).
    const cluster = forecast.series.find((s) => s.node === null && s.resource === 'cpu')!.dayAhead;
    const mean = cluster.mean;
    expect(mean.indexOf(Math.max(...mean))).toBeGreaterThanOrEqual(156);
    expect(mean.indexOf(Math.max(...mean))).toBeLessThanOrEqual(180);
    // The text table gives the next day's highest step and its 95% upper edge, in percent.
    const text = await runCommand(Forecast, ['--horizon', '7d']);
    const percent = (values: number[]) => `${(Math.max(...values) * 100).toFixed(1)}%`;
    expect(text.stdout).toContain('next day high');
    expect(text.stdout.split('\n').find((line) => line.startsWith('cluster  CPU'))).toContain(`${percent(mean)} (95%: ${percent(cluster.upper95)})`);
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
