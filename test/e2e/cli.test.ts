/** End-to-end runs of the built CLI (npm test builds first), as a user would type them. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labCopy } from '../support/scenario-files.js';
import { scratchOut } from '../support/report-out.js';
import { headroom } from '../support/run-cli.js';

async function helpOf(...args: string[]): Promise<string> {
  return (await headroom([...args, '--help'])).stdout;
}

const COMMANDS = ['validate', 'place', 'report', 'failover', 'fit', 'check', 'size', 'pack', 'pve-ha replay', 'maintenance', 'rebalance'];

describe('bin/run.js', () => {
  it('--help lists every command with a one-line purpose', async () => {
    const { code, stdout } = await headroom(['--help']);
    expect(code).toBe(0);
    for (const command of COMMANDS.filter((c) => !c.includes(' '))) expect(stdout).toMatch(new RegExp(`\\n  ${command}\\s+\\S`));
    expect(stdout).toMatch(/\n {2}pve-ha\s+\S/);
    expect(stdout).toMatch(/\n {2}import\s+\S/);
  });

  it('every command has examples in its help, and the root help and every command\'s list the exit codes, 3 with what to do', async () => {
    for (const args of [[], ...COMMANDS.map((c) => c.split(' '))]) {
      const help = await helpOf(...args);
      if (args.length > 0) expect(help).toContain('EXAMPLES');
      expect(help).toMatch(/\nEXIT CODES\n {2}0 {2}ok\n {2}1 {2}a gate or policy failed/);
      expect(help.replace(/\s+/g, ' ')).toContain('3 internal error, a bug in headroom (never the input): rerun with DEBUG=1 for the stack trace and report it with the command line and the input files');
    }
    // Twelve CLI starts: on a loaded 2-core machine they take about a minute, past the default.
  }, 180_000);

  it('report on the lab exits 0 and its --json is byte-identical run to run', async () => {
    const first = await headroom(['report', '--json', ...scratchOut()]);
    const second = await headroom(['report', '--json', ...scratchOut()]);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout).scenario).toBe('lab');
    expect(second.stdout).toBe(first.stdout);
  });

  it('the import commands have examples and the exit codes in their help (apart: each help is one more process start)', async () => {
    for (const command of ['proxmox', 'diff']) {
      const help = await helpOf('import', command);
      expect(help).toContain('EXAMPLES');
      expect(help).toMatch(/\nEXIT CODES\n {2}0 {2}ok\n/);
    }
  });

  it('import proxmox --json is byte-identical run to run, and its folder holds the same bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'headroom-e2e-import-'));
    try {
      const runs = [];
      for (const out of ['a', 'b']) runs.push(await headroom(['import', 'proxmox', '--from', 'test/fixtures/proxmox-dump/three-node', '--out', join(dir, out), '--json']));
      expect(runs.map((run) => run.code)).toEqual([0, 0]);
      expect(runs[1]!.stdout.replace(join(dir, 'b'), join(dir, 'a'))).toBe(runs[0]!.stdout);
      expect(readFileSync(join(dir, 'b', 'prod3.yaml'), 'utf8')).toBe(readFileSync(join(dir, 'a', 'prod3.yaml'), 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a failed gate (exit 1) still writes all of its --json into a pipe that is read late', async () => {
    // 3,750 added VMs make the JSON over 200 KB; the pipe takes 64 KiB until the reader wakes up
    // a second later, and the rest was lost when the process exited with the gate's code.
    const full = await headroom(['check', '--add', 'infra-small:3750', '--json']);
    const json = JSON.parse(full.stdout) as { before: { vms: number }; after: { vms: number } };
    expect([full.code, json.after.vms - json.before.vms]).toEqual([1, 3750]);
    const script = `"${process.execPath}" bin/run.js check --add infra-small:3750 --json | (sleep 1; wc -c)`;
    const late = spawnSync('sh', ['-c', script], { encoding: 'utf8' });
    expect(Number(late.stdout.trim())).toBe(Buffer.byteLength(full.stdout));
  });

  it('bad input exits 2 with one line naming file, line, field and value, and no stack trace', async () => {
    // vms.csv: header on line 1, then dns1, dns2, dc1, dc2, monitoring, glpi, pbs, k8s-cp1..3,
    // k8s-worker1..3, postgres (line 15), app1 (line 16).
    const lab = labCopy().edit('vms.csv', 'app1,app-server', 'app1,app-servr');
    const { code, stderr, stdout } = await headroom(['place', '--scenario', lab.scenario]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(new RegExp(`^headroom: ${lab.file('vms.csv')}:16: field 'class' has value 'app-servr': expected a class from the classes file \\(.*\\)\\n$`));
    expect(stderr).not.toMatch(/\bat \S+ \(/);
  });
});
