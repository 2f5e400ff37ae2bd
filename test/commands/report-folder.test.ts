/** `report`'s folder options when they are wrong: one message, exit 2, no folder or file left behind, before any work. */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Report from '../../src/commands/report.js';
import { runCommand } from '../support/run-command.js';
import { PROPOSED_LAB } from '../support/scenario-files.js';

const scratch = (): string => mkdtempSync(join(tmpdir(), 'headroom-folder-'));

// Permission bits do not stop root (CI runs as root): the immutable attribute does.
const root = process.getuid?.() === 0;
const readOnly = (dir: string): void => (root ? void execFileSync('chattr', ['+i', dir]) : chmodSync(dir, 0o555));
const writable = (dir: string): void => (root ? void execFileSync('chattr', ['-i', dir]) : chmodSync(dir, 0o755));

describe('report folder options, bad', () => {
  const cases: Array<[string, string[], string]> = [
    ['an unknown format', ['--format', 'html,pdf'], "field '--format' has value 'html,pdf': expected distinct formats separated by commas, from html, md, json, png"],
    ['a format named twice', ['--format', 'json,json'], "field '--format' has value 'json,json': expected distinct formats separated by commas, from html, md, json, png"],
    ['--keep 0', ['--keep', '0'], "field '--keep' has value '0': expected a whole number of report folders to keep, at least 1 (the one just written)"],
    ['--keep not a number', ['--keep', 'all'], "field '--keep' has value 'all': expected a whole number of report folders to keep, at least 1 (the one just written)"],
  ];
  for (const [name, argv, message] of cases) {
    it(`${name}: exit 2, one message, nothing written`, async () => {
      const parent = scratch();
      const run = await runCommand(Report, ['--scenario', PROPOSED_LAB, '--out', join(parent, 'lab'), ...argv]);
      expect([run.exitCode, run.stderr]).toEqual([2, `headroom: command line: ${message}\n`]);
      expect(readdirSync(parent)).toEqual([]);
    });
  }

  it('a read-only folder: exit 2 naming it, nothing left in it', async () => {
    const parent = scratch();
    readOnly(parent);
    try {
      const run = await runCommand(Report, ['--scenario', PROPOSED_LAB, '--out', join(parent, 'lab'), '--format', 'json']);
      expect([run.exitCode, run.stderr]).toEqual([2, `headroom: command line: field '--out' has value '${join(parent, 'lab')}': expected a folder headroom can create and write (${parent}: permission denied)\n`]);
      expect(readdirSync(parent)).toEqual([]);
    } finally {
      writable(parent);
    }
  });

  it('a charts/ folder holding something else is refused before the report is made', async () => {
    const out = join(scratch(), 'lab');
    mkdirSync(join(out, 'charts'), { recursive: true });
    writeFileSync(join(out, 'charts', 'notes.txt'), 'mine');
    const run = await runCommand(Report, ['--scenario', PROPOSED_LAB, '--out', out]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`${out} also holds charts/\n`);
    expect(readdirSync(join(out, 'charts'))).toEqual(['notes.txt']);
  });

  it('--keep keeps the one just written even when its name sorts first, and leaves other scenarios and other folders alone', async () => {
    const parent = scratch();
    for (const name of ['lab-2030-01-01T00-00-00Z', 'lab-2030-01-02T00-00-00Z', 'other-2020-01-01T00-00-00Z', 'lab-notes']) {
      mkdirSync(join(parent, name));
      writeFileSync(join(parent, name, 'report.json'), '{}');
    }
    const written = join(parent, 'lab-2000-01-01T00-00-00Z');
    expect((await runCommand(Report, ['--scenario', PROPOSED_LAB, '--out', written, '--format', 'json', '--keep', '2'])).exitCode).toBe(0);
    // Kept: the new one and the newest other dated lab folder (2030-01-02).
    expect(readdirSync(parent).sort()).toEqual(['lab-2000-01-01T00-00-00Z', 'lab-2030-01-02T00-00-00Z', 'lab-notes', 'other-2020-01-01T00-00-00Z']);
  });
});

describe('report --sweep 2', () => {
  it('sweeps every single and pair failure of the lab into the report and draws the heat map', async () => {
    const out = join(scratch(), 'lab');
    const run = await runCommand<{ pairs: { scenarioCount: number; scenarios: Array<{ failed: string[] }> } }>(Report, ['--scenario', PROPOSED_LAB, '--sweep', '2', '--json', '--out', out, '--format', 'json,png']);
    expect(run.exitCode).toBe(0);
    // 5 single failures and 5 × 4 / 2 = 10 pairs.
    const pairs = JSON.parse(run.stdout).pairs as { scenarioCount: number; scenarios: Array<{ failed: string[] }> };
    expect(pairs.scenarioCount).toBe(15);
    expect(pairs.scenarios.filter((s) => s.failed.length === 2)).toHaveLength(10);
    expect(readdirSync(join(out, 'charts'))).toContain('failover-pairs.png');
  });
});
