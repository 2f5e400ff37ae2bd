import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import Maintenance from '../../src/commands/maintenance.js';
import type { MaintenancePlan } from '../../src/engine/operations/maintenance.js';
import { runCommand } from '../support/run-command.js';

async function planJson(argv: string[]): Promise<{ exitCode: number; plan: MaintenancePlan; stdout: string }> {
  const run = await runCommand<MaintenancePlan>(Maintenance, [...argv, '--json']);
  return { exitCode: run.exitCode, plan: JSON.parse(run.stdout) as MaintenancePlan, stdout: run.stdout };
}

describe('headroom maintenance', () => {
  it('the lab cannot keep n+1 in any wave: exit 1, and the blockers name the VMs and what unblocks them', async () => {
    const run = await runCommand<MaintenancePlan>(Maintenance, []);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('BREAKS: 5 waves (at least 5)');
    // node05 serves zfs-shared and iscsi-db: every HA VM on them stops while it reboots.
    expect(run.stdout).toContain('- blocker: HA VM postgres must stop: its disk is on iscsi-db, served by node05; to unblock: move its disk to a pool no node of the wave serves, or serve iscsi-db from outside the cluster');
    // gpu1's passthrough GPU exists on node04 only.
    expect(run.stdout).toContain('- blocker: HA VM gpu1 must stop: its passthrough GPU (rtx-a4000) is free on no other node up; to unblock: a second node with a free rtx-a4000 its rules allow');
  });

  it('--keep none, two at a time: 3 waves of 2, 2 and 1 nodes (ceil(5 / 2)), each with its moves and duration', async () => {
    const { exitCode, plan } = await planJson(['--keep', 'none', '--max-parallel', '2']);
    expect(exitCode).toBe(0);
    expect(plan.waves.map((w) => w.nodes)).toEqual([['node04', 'node05'], ['node01', 'node02'], ['node03']]);
    const node03 = plan.waves[2]!;
    // k8s-worker3 (32 GiB) node03 -> node05: 32 × 8.589934592 / min(2.5, 10) = 109.95 s; glpi (8 GiB): 27.49 s.
    // k8s-cp3 is pinned to node01-03 and kept apart from cp1 and cp2: it stays off.
    expect(node03.moves.map((m) => [m.vm, m.to, m.kind, m.seconds])).toEqual([
      ['k8s-worker3', 'node05', 'live', 110],
      ['glpi', 'node05', 'live', 27.5],
      ['k8s-cp3', null, 'shutdown', 0],
    ]);
    // 110 + 27.5 = 137.5 s out, 300 s reboot (the default), 137.5 s back.
    expect(node03.durationSeconds).toBe(575);
  });

  it('--json is the same bytes run after run', async () => {
    const [a, b] = [await planJson(['--keep', 'none']), await planJson(['--keep', 'none'])];
    expect(a.stdout).toBe(b.stdout);
  });

  it('--format ansible writes wave groups a serial play walks in order', async () => {
    const run = await runCommand<MaintenancePlan>(Maintenance, ['--keep', 'none', '--max-parallel', '2', '--format', 'ansible']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('# In the play: hosts: headroom_wave_1:headroom_wave_2:headroom_wave_3\n#              serial: [2, 2, 1]');
    const inventory = parse(run.stdout) as { all: { children: { headroom_maintenance: { vars: { headroom_serial: number[] }; children: Record<string, { hosts: Record<string, { headroom_wave: number }> }> } } } };
    const maintenance = inventory.all.children.headroom_maintenance;
    expect(maintenance.vars.headroom_serial).toEqual([2, 2, 1]);
    expect(Object.entries(maintenance.children).map(([group, g]) => [group, Object.keys(g.hosts)])).toEqual([
      ['headroom_wave_1', ['node04', 'node05']],
      ['headroom_wave_2', ['node01', 'node02']],
      ['headroom_wave_3', ['node03']],
    ]);
  });

  it.each([
    { argv: ['--max-parallel', '0'], message: "headroom: command line: field '--max-parallel' has value '0': expected a whole number from 1 to 1000000\n" },
    { argv: ['--keep', 'n+2'], message: "headroom: command line: field '--keep' has value 'n+2': expected one of n+1, none\n" },
    { argv: ['--format', 'xml'], message: "headroom: command line: field '--format' has value 'xml': expected one of text, json, ansible\n" },
    { argv: ['--reboot-seconds', '-5'], message: "headroom: command line: field '--reboot-seconds' has value '-5': expected a whole number from 0 to 86400\n" },
  ])('bad input $argv: one message, exit 2, nothing on stdout', async ({ argv, message }) => {
    const run = await runCommand(Maintenance, argv);
    expect([run.exitCode, run.stderr, run.stdout]).toEqual([2, message, '']);
  });
});
