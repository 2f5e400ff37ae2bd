/**
 * The day-ahead forecasts on the piscina pool (built JS; npm test builds first): `forecast
 * --json` is the same bytes on 1 and 2 threads (the lab's 17 series stay in-process, under
 * SERIES_PER_WORKER), and the pooled runner, made to start two workers for three tasks, gives
 * what the engine makes in-process.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { dayAhead, dayAheadTask } from '../../src/engine/forecast/day-ahead.js';
import { tabulate } from '../../src/engine/forecast/series.js';
import { dayAheadForecasts } from '../../src/workers/forecast-runner.js';

describe('day-ahead forecasts on a worker pool', () => {
  it('headroom forecast --json is the same bytes on 1 and 2 threads', async () => {
    // Not spawnSync: a blocked event loop on a loaded machine times out the test runner's own messages.
    const run = (threads: string) => promisify(execFile)(process.execPath, ['bin/run.js', 'forecast', '--horizon', '7d', '--json', '--threads', threads], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const one = await run('1');
    const two = await run('2');
    expect(two.stdout).toBe(one.stdout);
    // 5 nodes and the cluster × CPU, memory, disk, but node05 serves its disks as pools: 17.
    expect(JSON.parse(one.stdout).series.filter((s: { dayAhead: { mean: number[] } }) => s.dayAhead.mean.length === 288)).toHaveLength(17);
  });

  it('the pool returns the in-process forecasts, in task order', async () => {
    // Three 4-day series at hourly steps (24 a day), each its own level and daily cycle.
    const tasks = [0.2, 0.5, 0.8].map((level, k) => dayAheadTask(tabulate(96, (t) => level + 0.1 * Math.sin((2 * Math.PI * t) / 24) + 0.01 * ((t * (k + 3)) % 7)), 86_400 * 4 - 3600, 3600, `s${k}`));
    // One task a worker is enough here: 3 tasks, 2 threads asked, 2 workers (on a 2-core machine or more).
    const pooled = await dayAheadForecasts(tasks, 2, 1);
    expect(JSON.stringify(pooled)).toBe(JSON.stringify(tasks.map(dayAhead)));
    expect(pooled.map((d) => Math.round(d.forecast.mean[0]! * 10))).toEqual([2, 5, 8]);
  });
});
