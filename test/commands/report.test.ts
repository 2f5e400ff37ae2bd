import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Report from '../../src/commands/report.js';
import Validate from '../../src/commands/validate.js';
import type { ClusterReport } from '../../src/engine/report/report.js';
import { runCommand } from '../support/run-command.js';
import { labCopy } from '../support/scenario-files.js';

describe('headroom report', () => {
  it('reports the lab: loads, threshold marks and the N+1 check per node', async () => {
    const run = await runCommand<ClusterReport>(Report, []);
    expect(run.exitCode).toBe(0);
    // node04 holds both of its 2 GPUs: 100% is at the GPU threshold (1.0), so it is marked.
    expect(run.stdout).toMatch(/node04 .* 2\/2 100\.0% !/);
    // The N+1 table: node03's two HA VMs (glpi, app2) restart; of node04's four, only hpc1 does.
    expect(run.stdout).toMatch(/node03\s+yes\s+2\s+2\s+-/);
    expect(run.stdout).toMatch(/node04\s+NO\s+4\s+1\s+2 no-gpu, 1 no-capacity/);
    expect(run.result!.nPlusOne.holds).toBe(false);
  });

  it('--out writes report.md and report.json, and --json prints the same document', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'headroom-report-'));
    const run = await runCommand<ClusterReport>(Report, ['--json', '--out', dir]);
    expect(readdirSync(dir).sort()).toEqual(['report.json', 'report.md']);
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe(run.stdout);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toContain('| failed node | holds |');
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

describe('headroom validate', () => {
  it('summarises the lab', async () => {
    const run = await runCommand(Validate, []);
    expect(run.exitCode).toBe(0);
    // 16×3 + 32 + 16 = 96 threads; 64×3 + 128 + 128 = 448 GiB; 2 GPUs.
    expect(run.stdout).toContain('Nodes: 5 (96 threads, 448 GiB memory of which 22.8 GiB reserved for hosts, 2 GPUs)');
    // 19 VMs; not HA: dns1, dns2, dc1, dc2, pbs, k8s-cp1..3 = 8, so 19 − 8 = 11 HA.
    expect(run.stdout).toContain('VMs: 19 in 8 classes, 11 HA-managed');
  });
});
