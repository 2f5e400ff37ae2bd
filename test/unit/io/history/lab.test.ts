import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HistorySeries } from '../../../../src/engine/model/history.js';
import { loadHistoryDirectory } from '../../../../src/io/history/directory.js';
import { synthesizeHistory } from '../../../../src/io/history/lab/synthesize.js';
import { LAB_HISTORY, labHistoryFiles } from '../../../../src/io/history/lab/write-lab.js';
import { loadScenario } from '../../../../src/io/loaders/scenario.js';
import { issueOf } from '../../../support/input-issue.js';

const LAB_DIR = 'data/lab/history';
const lab = loadScenario('scenarios/lab.yaml');
const history = loadHistoryDirectory(LAB_DIR, lab);
const DAY = 86_400;
const STEPS_PER_DAY = DAY / 300;
const seriesOf = (entity: string, metric: string) => history.series.find((s) => s.entity === entity && s.metric === metric)!;
const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
/** Values of a series at the samples whose time passes `keep`. */
const where = (s: HistorySeries, keep: (seconds: number) => boolean) => Array.from(s.values).filter((v, i) => !Number.isNaN(v) && keep(s.startSeconds + i * s.stepSeconds));

const temp = mkdtempSync(join(tmpdir(), 'headroom-history-lab-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('the lab history (data/lab/history)', () => {
  it('is what the generator writes with the lab seed, byte for byte', () => {
    const files = labHistoryFiles(synthesizeHistory(lab, LAB_HISTORY), lab);
    expect(files.map((f) => f.name)).toEqual(['node01.csv', 'node02.csv', 'node03.csv', 'node04.csv', 'node05.csv']);
    for (const { name, content } of files) expect(content === readFileSync(join(LAB_DIR, name), 'utf8'), name).toBe(true);
  });

  it('changes with the seed', () => {
    const other = labHistoryFiles(synthesizeHistory(lab, { ...LAB_HISTORY, seed: LAB_HISTORY.seed + 1 }), lab);
    expect(other[0]!.content).not.toBe(readFileSync(join(LAB_DIR, 'node01.csv'), 'utf8'));
  });

  it('reads back as the generator made it: 23 entities x (cpu, memGiB, diskGiB), 35 days at 5 minutes, each guest on its scenario node', () => {
    const generated = synthesizeHistory(lab, LAB_HISTORY);
    expect(history.series.length).toBe((5 + 18) * 3);
    expect(history.series.map((s) => [s.entity, s.metric, s.startSeconds, Array.from(s.values)])).toEqual(generated.series.map((s) => [s.entity, s.metric, s.startSeconds, Array.from(s.values)]));
    expect(history.guestNode).toEqual(Object.fromEntries(lab.vms.map((vm) => [vm.name, vm.currentNode]).sort()));
    expect(seriesOf('node01', 'cpu').values.length).toBe(35 * STEPS_PER_DAY);
  });

  it('has hpc1 added on day 21: its series starts then, and node04 memory steps up by about its memory', () => {
    const hpc1 = seriesOf('hpc1', 'memGiB');
    const node04 = seriesOf('node04', 'memGiB');
    const added = 21 * STEPS_PER_DAY;
    expect([hpc1.startSeconds, hpc1.values.length]).toEqual([LAB_HISTORY.startSeconds + 21 * DAY, 14 * STEPS_PER_DAY]);
    // The step is hpc1's memory, within the few tenths of a GiB that node04's other guests move in 5 minutes.
    expect(Math.abs(node04.values[added]! - node04.values[added - 1]! - hpc1.values[0]!)).toBeLessThan(1);
  });

  it("has one outage: node03 and its guests have no samples for 4 h from day 27 09:00, kept as 48 NaN (longer than 6 steps)", () => {
    const outageStart = 27 * STEPS_PER_DAY + 9 * 12;
    const withGaps = history.series.filter((s) => s.values.some(Number.isNaN));
    expect([...new Set(withGaps.map((s) => s.entity))].sort()).toEqual(['glpi', 'k8s-cp3', 'k8s-worker3', 'node03']);
    for (const s of withGaps) expect(upToNaN(s)).toEqual({ first: outageStart, count: 48 });
  });

  it('has daily and weekly seasonality and growth on node01 CPU', () => {
    const cpu = seriesOf('node01', 'cpu');
    const hour = (t: number) => (t % DAY) / 3_600;
    const weekday = (t: number) => (Math.floor(t / DAY) + 4) % 7; // 0 Sunday: 1970-01-01 was a Thursday
    expect(mean(where(cpu, (t) => hour(t) === 14))).toBeGreaterThan(1.3 * mean(where(cpu, (t) => hour(t) === 2)));
    expect(mean(where(cpu, (t) => weekday(t) === 0 || weekday(t) === 6))).toBeLessThan(0.9 * mean(where(cpu, (t) => weekday(t) >= 1 && weekday(t) <= 5)));
    const start = LAB_HISTORY.startSeconds;
    expect(mean(where(cpu, (t) => t >= start + 28 * DAY))).toBeGreaterThan(1.03 * mean(where(cpu, (t) => t < start + 7 * DAY)));
  });
});

describe('--history DIR', () => {
  it('refuses a series that two files hold', () => {
    const dir = mkdtempSync(join(temp, 'twice-'));
    copyFileSync(join(LAB_DIR, 'node05.csv'), join(dir, 'a.csv'));
    copyFileSync(join(LAB_DIR, 'node05.csv'), join(dir, 'b.csv'));
    expect(issueOf(() => loadHistoryDirectory(dir, lab))).toEqual({ file: join(dir, 'b.csv'), field: 'series', value: 'node05/cpu', expected: `a series not already in ${join(dir, 'a.csv')}` });
  });

  it('refuses a folder without a CSV file', () => {
    const dir = mkdtempSync(join(temp, 'empty-'));
    expect(issueOf(() => loadHistoryDirectory(dir, lab))).toEqual({ file: dir, field: '--history', value: dir, expected: 'a folder with at least one .csv history file' });
  });
});

function upToNaN(s: HistorySeries): { first: number; count: number } {
  const values = Array.from(s.values);
  return { first: values.findIndex(Number.isNaN) + (s.startSeconds - LAB_HISTORY.startSeconds) / s.stepSeconds, count: values.filter(Number.isNaN).length };
}
