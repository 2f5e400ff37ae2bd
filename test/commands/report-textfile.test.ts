/**
 * `report --textfile`: the verdicts as Prometheus metrics for node_exporter's textfile
 * collector, checked by Prometheus's own `promtool check metrics` (Debian's prometheus package,
 * which .ci/run installs; under CI=true the check runs, never skips).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Report from '../../src/commands/report.js';
import { runCommand } from '../support/run-command.js';
import { scratchOut } from '../support/report-out.js';

const PROMTOOL = '/usr/bin/promtool';
const promtoolRuns = process.env.CI === 'true' || existsSync(PROMTOOL);

describe('report --textfile', () => {
  it('writes the lab verdicts as metrics, atomically, with nothing else left in the folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'headroom-textfile-'));
    const file = join(dir, 'headroom.prom');
    const run = await runCommand(Report, ['--textfile', file, ...scratchOut()]);
    expect(run.exitCode).toBe(0);
    expect(readdirSync(dir)).toEqual(['headroom.prom']);
    const text = readFileSync(file, 'utf8');
    // The lab breaks n+1 today (node04: app1), so nothing more fits.
    expect(text).toContain('# TYPE headroom_policy_holds gauge\nheadroom_policy_holds{scenario="lab",policy="n+1"} 0\n');
    expect(text).toContain('headroom_vms_remaining{scenario="lab",class="infra"} 0\n');
    // node01: 52 of 62 GiB = 0.838710 (rounded to 1e-6).
    expect(text).toContain('headroom_node_utilisation_ratio{scenario="lab",node="node01",resource="memory"} 0.83871\n');
    expect(text).toMatch(/headroom_report_timestamp_seconds\{scenario="lab"\} \d{10}\n/);
    // The lab has history: days to the threshold per node and resource; node05's CPU (10.9%,
    // barely growing) never reaches 85% within the 180-day horizon.
    expect(text).toContain('headroom_time_to_threshold_seconds{scenario="lab",node="node05",resource="cpu"} +Inf\n');
    // node04's memory: hpc1's step on day 21 is a level shift, not growth (long-horizon.ts), so
    // 135 days at the cautious edge (README) = 135 × 86400 = 11664000 s.
    expect(text).toContain('headroom_time_to_threshold_seconds{scenario="lab",node="node04",resource="memory"} 11664000\n');
  });

  it.runIf(promtoolRuns)('passes promtool check metrics', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'headroom-textfile-'));
    const file = join(dir, 'headroom.prom');
    await runCommand(Report, ['--textfile', file, ...scratchOut()]);
    // promtool prints lint problems and exits non-zero on any; execFileSync throws then.
    expect(execFileSync(PROMTOOL, ['check', 'metrics'], { input: readFileSync(file) }).toString()).toBe('');
  });

  it('a textfile in a missing folder: exit 2, and the --out folder is not written either', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'headroom-textfile-'));
    const run = await runCommand(Report, ['--textfile', join(dir, 'missing', 'headroom.prom'), '--out', join(dir, 'out')]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("field '--textfile'");
    expect(readdirSync(dir)).toEqual([]);
  });
});
