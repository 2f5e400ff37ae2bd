import { describe, expect, it } from 'vitest';
import Rebalance from '../../src/commands/rebalance.js';
import type { RebalancePlan } from '../../src/engine/operations/rebalance-plan.js';
import { runCommand } from '../support/run-command.js';

describe('headroom rebalance', () => {
  it('on the lab: glpi node03 -> node05 lets app1 survive node04, margin -3.2% -> 9.7%; Proxmox would not move', async () => {
    // node04 fails: app1 (16 GiB, kept apart from app2 on node05) finds 14 free on node03 (62 - 48):
    // short 2 / 62 = 3.2%. With glpi (8 GiB) moved off node03 it has 22 free and app1 restarts there.
    const run = await runCommand<RebalancePlan>(Rebalance, ['--json']);
    expect(run.exitCode).toBe(0);
    const plan = JSON.parse(run.stdout) as RebalancePlan;
    expect(plan.before).toEqual({ nPlusOneMargin: -0.0323, lostForCapacity: 1, imbalance: 0.295 });
    expect(plan.moves.map((m) => [m.vm, m.from, m.to, m.gib])).toEqual([['glpi', 'node03', 'node05', 8]]);
    expect(plan.after.lostForCapacity).toBe(0);
    // Proxmox's auto-rebalance acts only above an imbalance of 0.3: 0.295 is under it.
    expect(plan.comparison.find((row) => row.method === 'pve-auto-rebalance')).toMatchObject({ moves: 0, stoppedBy: 'below-threshold' });
  });

  it('prints the moves and the side-by-side table', async () => {
    const run = await runCommand<RebalancePlan>(Rebalance, ['--objective', 'balance', '--max-moves', '2']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('Rebalance of lab for balance (strategy balanced), at most 2 moves.');
    expect(run.stdout).toContain('Side by side, the same budget of 2 moves');
    expect(run.stdout).toMatch(/^proxlb-greedy +2 /m);
  });

  it.each([
    { argv: ['--max-moves', '-1'], message: "headroom: command line: field '--max-moves' has value '-1': expected a whole number from 1 to 10000\n" },
    { argv: ['--objective', 'cheapest'], message: "headroom: command line: field '--objective' has value 'cheapest': expected one of n+1-margin, balance\n" },
  ])('bad input $argv: one message, exit 2', async ({ argv, message }) => {
    const run = await runCommand(Rebalance, argv);
    expect([run.exitCode, run.stderr, run.stdout]).toEqual([2, message, '']);
  });
});
