/**
 * Runs the conformance check over every test folder of a directory: load, replay, compare the
 * recoveries and the whole log with the folder's `log.expect` (log-expect.ts). A folder that
 * cannot be read, uses an unsupported feature or breaks the simulator fails with the reason; it
 * never stops the run.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compareBytes } from '../../../engine/proxmox/sid-order.js';
import { compareFullLog, compareRecoveries, expectedRecoveries, type FullLogComparison } from './log-expect.js';
import { formatLogLine, replayScenario } from '../../../engine/ha-sim/simulate.js';
import { loadHaTest } from './load.js';
import { replayRefusal } from './refusal.js';
import { renderInputIssue } from '../../../errors.js';

export interface ConformanceRow {
  test: string;
  /** The recoveries match. */
  pass: boolean;
  /** Why it failed: the first difference, the unsupported feature or the error. */
  detail?: string;
  /** The whole log against log.expect; absent when no replay ran. */
  fullLog?: FullLogComparison;
}

/** Sub-folders of `dir` holding a `log.expect`, byte-sorted. */
export function listHaTests(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory() && existsSync(join(dir, name, 'log.expect')))
    .sort(compareBytes);
}

export function checkHaTest(dir: string, test: string): ConformanceRow {
  try {
    const folder = join(dir, test);
    const replay = replayScenario(loadHaTest(folder));
    if (replay.status !== 'ok') return { test, pass: false, detail: renderInputIssue(replayRefusal(replay, folder)) };
    const expected = readFileSync(join(folder, 'log.expect'), 'utf8');
    const fullLog = compareFullLog(expected, replay.log.map(formatLogLine));
    const comparison = compareRecoveries(expectedRecoveries(expected), replay.decisions);
    return comparison.pass ? { test, pass: true, fullLog } : { test, pass: false, detail: `first difference: ${comparison.difference}`, fullLog };
  } catch (error) {
    return { test, pass: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

export function runConformance(dir: string): ConformanceRow[] {
  return listHaTests(dir).map((test) => checkHaTest(dir, test));
}

/** One line per test and the count of recovery passes; with `fullLog`, then the first differing line of each test whose log differs and the count of identical logs. */
export function formatConformance(rows: readonly ConformanceRow[], options: { fullLog: boolean }): string {
  const lines = rows.map((row) => (row.pass ? `pass ${row.test}` : `FAIL ${row.test}: ${row.detail}`));
  const passed = rows.filter((row) => row.pass).length;
  lines.push(`${passed} passed, ${rows.length - passed} failed`);
  if (options.fullLog) {
    for (const row of rows) {
      const log = row.fullLog;
      if (log === undefined) lines.push(`DIFF ${row.test}: no log (${row.detail})`);
      else if (!log.identical) lines.push(`DIFF ${row.test} line ${log.line}: expected ${shown(log.expected)} | got ${shown(log.actual)}`);
    }
    lines.push(`full log: ${identicalLogs(rows)} of ${rows.length} identical`);
  }
  return `${lines.join('\n')}\n`;
}

export function identicalLogs(rows: readonly ConformanceRow[]): number {
  return rows.filter((row) => row.fullLog?.identical === true).length;
}

const shown = (line: string | undefined): string => line ?? '(end of log)';
