/**
 * Runs the conformance check over every test folder of a directory: load, replay, compare the
 * recoveries with the folder's `log.expect`. A folder that cannot be read, uses an unsupported
 * feature or breaks the simulator fails with the reason; it never stops the run.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compareBytes } from '../../../engine/proxmox/sid-order.js';
import { compareRecoveries, expectedRecoveries } from './log-expect.js';
import { replayScenario } from '../../../engine/ha-sim/simulate.js';
import { loadHaTest } from './load.js';

export interface ConformanceRow {
  test: string;
  pass: boolean;
  /** Why it failed: the first difference, the unsupported feature or the error. */
  detail?: string;
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
    if (replay.status === 'unsupported') return { test, pass: false, detail: `unsupported feature: ${replay.features.join(', ')}` };
    const comparison = compareRecoveries(expectedRecoveries(readFileSync(join(folder, 'log.expect'), 'utf8')), replay.decisions);
    return comparison.pass ? { test, pass: true } : { test, pass: false, detail: `first difference: ${comparison.difference}` };
  } catch (error) {
    return { test, pass: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

export function runConformance(dir: string): ConformanceRow[] {
  return listHaTests(dir).map((test) => checkHaTest(dir, test));
}

export function formatConformance(rows: readonly ConformanceRow[]): string {
  const lines = rows.map((row) => (row.pass ? `pass ${row.test}` : `FAIL ${row.test}: ${row.detail}`));
  const passed = rows.filter((row) => row.pass).length;
  lines.push(`${passed} passed, ${rows.length - passed} failed`);
  return `${lines.join('\n')}\n`;
}
