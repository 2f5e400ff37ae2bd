/** `report --fail-on`: the scheduled run's gates (engine/report/gates.ts), exit 1 when one breaks. */
import { describe, expect, it } from 'vitest';
import Report from '../../src/commands/report.js';
import { runCommand } from '../support/run-command.js';
import { scratchOut } from '../support/report-out.js';
import { PROPOSED_LAB } from '../support/scenario-files.js';

describe('report --fail-on', () => {
  it('policy: the lab breaks n+1 today (node04: app1), exit 1 after the report is printed', async () => {
    const run = await runCommand(Report, ['--fail-on', 'policy', ...scratchOut()]);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('Policy n+1: BREAKS');
    expect(run.stderr).toBe('headroom: gate(s) broken: policy\n');
  });

  it('threshold: every node of the lab is under 85% (node01 and node02 at 52/62 = 83.9%), exit 0', async () => {
    expect((await runCommand(Report, ['--fail-on', 'threshold', ...scratchOut()])).exitCode).toBe(0);
  });

  it('forecast: the N+1 loss is day 1, within 30 days, exit 1', async () => {
    const run = await runCommand(Report, ['--fail-on', 'threshold,forecast', ...scratchOut()]);
    expect(run.exitCode).toBe(1);
    // The summary says the same: the N+1 loss within the gate's 30 days fails; the first
    // threshold crossing, months out, is a warning (report-verdict statuses, verdicts.ts).
    expect(run.stdout).toContain('[FAIL] N+1: lost on 2026-11-29 (day 1): when node04 fails, app1 (no-capacity).');
    expect(run.stdout).toMatch(/\[WARN\] Threshold crossing: first .* likely on \d{4}-\d{2}-\d{2} \(in (\d{2,3}) d;/);
    expect(run.stderr).toBe('headroom: gate(s) broken: forecast\n');
  });

  const bad: Array<[string, string[]]> = [
    ['an unknown gate', ['--fail-on', 'policy,bogus']],
    ['a gate named twice', ['--fail-on', 'policy,policy']],
    ['the forecast gate without a history', ['--scenario', PROPOSED_LAB, '--fail-on', 'forecast']],
  ];
  for (const [name, argv] of bad) {
    it(`rejects ${name}: exit 2, one message`, async () => {
      const run = await runCommand(Report, argv);
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toMatch(/^headroom: command line: field '--fail-on' has value '[^']*': expected [^\n]+\n$/);
    });
  }
});
