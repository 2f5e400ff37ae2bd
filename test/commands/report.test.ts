import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Report from '../../src/commands/report.js';
import Validate from '../../src/commands/validate.js';
import type { ClusterReport } from '../../src/engine/report/report.js';
import { runCommand } from '../support/run-command.js';
import { scratchOut } from '../support/report-out.js';
import { labCopy, PROPOSED_LAB } from '../support/scenario-files.js';

// The hand-worked cases run on the frozen proposal of the lab (test/fixtures/lab-proposed).
const PROPOSED = ['--scenario', PROPOSED_LAB];

describe('headroom report', () => {
  it('reports the lab: loads, threshold marks and the N+1 check per node', async () => {
    const run = await runCommand<ClusterReport>(Report, [...PROPOSED, '--full', ...scratchOut()]);
    expect(run.exitCode).toBe(0);
    // node04 holds both of its 2 GPUs: 100% is at the GPU threshold (1.0), so it is marked.
    expect(run.stdout).toMatch(/node04 .* 2\/2 100\.0% !/);
    // The N+1 table: node03's two HA VMs (glpi, app2) restart; of node04's four, only hpc1 does:
    // k8s-worker1 is lost for capacity (the policy breaks), gpu1 and gpu2 are single points of
    // failure (no other node has a GPU). node05 takes down 11 HA VMs with its storage, all
    // structural: the policy holds there, and the last column counts them.
    expect(run.stdout).toMatch(/node03\s+holds\s+2\s+2\s+-\s+0\n/);
    expect(run.stdout).toMatch(/node04\s+BREAKS\s+4\s+1\s+2 no-gpu, 1 no-capacity\s+2\n/);
    expect(run.stdout).toMatch(/node05\s+holds\s+2\s+0\s+11 storage-lost\s+11\n/);
    expect(run.stdout).toContain('Policy n+1: BREAKS (5 failure scenarios checked; strategy balanced).');
    expect(run.stdout).toContain('Layout: proposed by the strategy (no VM has a current node in the inputs).');
    expect(run.result!.nPlusOne.holds).toBe(false);
  });

  it('the lab breaks n+1, so nothing more fits; one node like node01 repairs it, and then no k8s-worker fits', async () => {
    const run = await runCommand<ClusterReport>(Report, [...PROPOSED, '--json', ...scratchOut()]);
    const report = JSON.parse(run.stdout) as ClusterReport;
    expect(report.headroom.holds).toBe(false);
    expect(report.headroom.classes.every((row) => row.count === 0)).toBe(true);
    // node01 is the first model tried with one node: an empty copy (62 GiB for VMs) takes
    // k8s-worker3 (32) when node01 fails and k8s-worker1 (32) when node04 fails, no worker
    // running on it (check.test.ts: "a sixth node like node01 makes the lab N+1").
    expect(report.remedy).toMatchObject({ like: 'node01', added: ['added-1'] });
    expect(report.remedyChecked).toBe(1);
    // One more worker: its anti-affinity keeps it off node01, node04 and node05 (workers there),
    // node02 (62 - 44 = 18 GiB free) and node03 (62 - 40 = 22) are too small, so it goes to
    // added-1. When added-1 fails it needs 32 GiB on a node without a worker: none has it.
    const worker = report.remedy!.headroom.find((row) => row.unit === 'k8s-worker')!;
    expect(worker.count).toBe(0);
    expect(worker.proof.binding).toMatchObject({ kind: 'failover', scenario: 'added-1', reason: 'no-capacity' });
    expect((await runCommand(Report, [...PROPOSED, ...scratchOut()])).stdout).toContain('Adding one node like node01 makes n+1 hold (check --add-node added-1=node01)');
  });

  it('--out writes report.html, report.md, report.json and the charts, and --json prints the same document', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'headroom-report-')), 'lab');
    const run = await runCommand<ClusterReport>(Report, [...PROPOSED, '--json', '--out', dir]);
    expect(readdirSync(dir).sort()).toEqual(['charts', 'report.html', 'report.json', 'report.md']);
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe(run.stdout);
    const markdown = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(markdown).toContain('| failed node | policy |');
    // The proposal has no history: CPU, memory, disk, failover, after the worst failure, headroom.
    const charts = readdirSync(join(dir, 'charts')).sort();
    expect(charts).toEqual(['after-worst-failure.png', 'availability.png', 'failover.png', 'headroom.png', 'load-cpu.png', 'load-disk.png', 'load-memory.png']);
    for (const chart of charts) expect(markdown).toContain(`](charts/${chart})`);
  });

  it('without --out: reports/<scenario>-<UTC time>/, the verdicts and the folder on the terminal; --keep 2 leaves the two newest', async () => {
    const cwd = process.cwd();
    const work = mkdtempSync(join(tmpdir(), 'headroom-dated-'));
    try {
      process.chdir(work);
      const first = await runCommand(Report, [...PROPOSED, '--format', 'json']);
      const [folder] = readdirSync(join(work, 'reports'));
      expect(folder).toMatch(/^lab-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z$/);
      expect(first.stdout).toContain(`[FAIL] Policy n+1: BREAKS`);
      expect(first.stdout).toContain(`Report: reports/${folder}/ (report.json)\n`);
      // Two more runs, the last with --keep 2: the oldest of the three goes.
      await runCommand(Report, [...PROPOSED, '--format', 'json']);
      const third = await runCommand(Report, [...PROPOSED, '--format', 'json', '--keep', '2']);
      const left = readdirSync(join(work, 'reports')).sort();
      expect(left).toHaveLength(2);
      expect(left).not.toContain(folder);
      expect(third.stdout).toContain(`Report: reports/${left[1]}/`);
    } finally {
      process.chdir(cwd);
    }
  });

  it('bad input: exit 2, one located message, nothing written', async () => {
    const lab = labCopy().edit('nodes.csv', 'node05,Ryzen 7 3700X,16,128', 'node05,Ryzen 7 3700X,-16,128');
    const out = join(lab.dir, 'out');
    const run = await runCommand(Report, ['--scenario', lab.scenario, '--out', out]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe(`headroom: ${lab.file('nodes.csv')}:6: field 'cpuThreads' has value '-16': expected an integer > 0\n`);
    expect(existsSync(out)).toBe(false);
  });
});

describe('headroom report --out: the folder is written whole or not at all', () => {
  const scratch = (): string => mkdtempSync(join(tmpdir(), 'headroom-out-'));

  it('report.json a folder: exit 2 naming it, report.md not written, no temporary left', async () => {
    const parent = scratch();
    const out = join(parent, 'lab');
    mkdirSync(join(out, 'report.json'), { recursive: true });
    const run = await runCommand(Report, ['--out', out]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe(`headroom: command line: field '--out' has value '${out}': expected a new folder or one holding only a previous report (report.html, report.md, report.json, charts/); ${out} also holds report.json/\n`);
    expect(readdirSync(out)).toEqual(['report.json']);
    expect(statSync(join(out, 'report.json')).isDirectory()).toBe(true);
    expect(readdirSync(parent)).toEqual(['lab']);
  });

  it("--out '': exit 2, nothing written in the current folder", async () => {
    const before = readdirSync('.');
    const run = await runCommand(Report, ['--out', '']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe("headroom: command line: field '--out' has value '': expected a folder path to write the report into\n");
    expect(readdirSync('.')).toEqual(before);
  });

  it('a previous report is replaced whole; a folder holding anything else is refused and left as it was', async () => {
    const parent = scratch();
    const out = join(parent, 'lab');
    mkdirSync(out);
    writeFileSync(join(out, 'report.md'), 'old');
    expect((await runCommand(Report, ['--out', out])).exitCode).toBe(0);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('| failed node | policy |');
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const run = await runCommand(Report, ['--out', out]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`${out} also holds notes.txt\n`);
    expect(readdirSync(out).sort()).toEqual(['charts', 'notes.txt', 'report.html', 'report.json', 'report.md']);
    expect(readdirSync(parent)).toEqual(['lab']);
  });

  it('a file where the folder should be, or on its path: exit 2 with the path, nothing created', async () => {
    const parent = scratch();
    const file = join(parent, 'taken');
    writeFileSync(file, 'x');
    const onFile = await runCommand(Report, ['--out', file]);
    expect([onFile.exitCode, onFile.stderr]).toEqual([2, `headroom: command line: field '--out' has value '${file}': expected a folder, not an existing file (${file})\n`]);
    const below = await runCommand(Report, ['--out', join(file, 'deeper', 'lab')]);
    expect([below.exitCode, below.stderr]).toEqual([2, `headroom: command line: field '--out' has value '${join(file, 'deeper', 'lab')}': expected a folder headroom can create and write (${join(file, 'deeper')}: a part of the path is a file, not a folder)\n`]);
    expect(readdirSync(parent)).toEqual(['taken']);
  });
});

describe('headroom validate', () => {
  it('summarises the lab', async () => {
    const run = await runCommand(Validate, PROPOSED);
    expect(run.exitCode).toBe(0);
    // 16×3 + 32 + 16 = 96 threads; 64×3 + 128 + 128 = 448 GiB; 2 GPUs.
    expect(run.stdout).toContain('Nodes: 5 (96 threads, 448 GiB memory of which 22.8 GiB reserved for hosts, 2 GPUs)');
    // 19 VMs; not HA: dns1, dns2, dc1, dc2, pbs, k8s-cp1..3 = 8, so 19 − 8 = 11 HA.
    expect(run.stdout).toContain('VMs: 19 in 8 classes, 11 HA-managed');
  });
});
