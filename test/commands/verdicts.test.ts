/**
 * The verdicts a gate relies on, through the commands: on the lab as it runs (scenarios/lab.yaml,
 * its current layout) and on the frozen proposal. Each case answered "holds" wrongly before the
 * policy engine judged the steady state and lost quorum.
 */
import { describe, expect, it } from 'vitest';
import Check from '../../src/commands/check.js';
import Failover from '../../src/commands/failover.js';
import Fit from '../../src/commands/fit.js';
import Place from '../../src/commands/place.js';
import Report from '../../src/commands/report.js';
import type { ChangeCheck } from '../../src/engine/policy/check.js';
import type { FitResult } from '../../src/engine/policy/fit.js';
import type { JudgedPlacement } from '../../src/engine/policy/place.js';
import { runCommand } from '../support/run-command.js';
import { scratchOut } from '../support/report-out.js';
import { PROPOSED_LAB, sixNodeLab } from '../support/scenario-files.js';

describe('verdicts on the lab as it runs', () => {
  it('the report starts from the current layout and says so', async () => {
    const run = await runCommand(Report, ['--full', ...scratchOut()]);
    expect(run.stdout).toContain('Layout: the current one (every VM on the node the inputs give).');
    // node01 runs dns1 4 + monitoring 8 + k8s-cp1 8 + k8s-worker1 32 = 52 of 62 GiB (data/lab/README.md).
    expect(run.stdout).toMatch(/node01 +18\/64 28\.1% +52\/62 83\.9%/);
  });

  it('removing three of five nodes breaks the gate: seven VMs have no node, every failure loses quorum', async () => {
    const run = await runCommand<ChangeCheck>(Check, ['--remove-node', 'node01', '--remove-node', 'node02', '--remove-node', 'node03', '--json']);
    expect(run.exitCode).toBe(1);
    const check = JSON.parse(run.stdout) as ChangeCheck;
    // node04 (126 GiB) and node05 (113.2 GiB) cannot take the 3 control-plane VMs (pinned to
    // node01-03), the second DNS and DC (anti-affinity with the ones already there) nor two
    // more workers (their rule): dns2, dc1, k8s-cp1..3, k8s-worker2, k8s-worker3.
    expect(check.after.policy.steadyState.unplaced).toEqual(['dns2', 'dc1', 'k8s-cp1', 'k8s-cp2', 'k8s-cp3', 'k8s-worker2', 'k8s-worker3']);
    // Two nodes, one vote each: either failure leaves 1 of 2 votes.
    expect(check.after.policy.breaches.map((b) => [b.scenario, b.quorate])).toEqual([['node04', false], ['node05', false]]);
    expect([check.holds, check.after.holds]).toEqual([false, false]);
  });

  it('check with no change is the scheduled gate: the lab breaks n+1 today (node04: app1), exit 1', async () => {
    const run = await runCommand<ChangeCheck>(Check, ['--json']);
    expect(run.exitCode).toBe(1);
    const check = JSON.parse(run.stdout) as ChangeCheck;
    // node04 fails: postgres (32) and hpc1 (24) take node05 to 24 + 56 = 80 of 113.2 GiB; app1
    // (16) then finds 10 free on node01 and node02, 14 on node03, and app2 on node05 (anti-affinity).
    expect(check.after.policy.breaches).toEqual([{ scenario: 'node04', quorate: true, vmsDown: [{ vm: 'app1', reason: 'no-capacity' }], nodesOverCapacity: [], nodesOverUtil: [] }]);
    expect(check.difference.moved).toEqual([]);
  });

  it('with an empty sixth node the same gate passes: exit 0', async () => {
    expect((await runCommand(Check, ['--scenario', sixNodeLab('current').scenario])).exitCode).toBe(0);
  });

  it('a rack failure loses quorum: the verdict breaks, exit 1', async () => {
    const run = await runCommand(Failover, ['--domain', 'rack-a']);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('Verdict: the policy BREAKS: quorum lost');
  });

  it('fit --policy domains fits nothing: rack-a takes 3 of 5 votes', async () => {
    const run = await runCommand<FitResult>(Fit, ['--policy', 'domains', '--class', 'infra', '--json']);
    const fit = JSON.parse(run.stdout) as FitResult;
    expect(fit).toMatchObject({ holdsToday: false, count: 0, proof: { binding: { kind: 'failover', reason: 'no-quorum', resource: null } } });
  });
});

describe('verdicts that agree across commands', () => {
  it('check --add infra-small:k passes exactly when fit says k fit (the lab as it runs, with an empty sixth node)', async () => {
    const lab = sixNodeLab('current');
    const fit = await runCommand<FitResult>(Fit, ['--scenario', lab.scenario, '--class', 'infra-small', '--json']);
    const { count } = JSON.parse(fit.stdout) as FitResult;
    expect(count).toBeGreaterThan(0);
    expect((await runCommand(Check, ['--scenario', lab.scenario, '--add', `infra-small:${count}`])).exitCode).toBe(0);
    const over = await runCommand<ChangeCheck>(Check, ['--scenario', lab.scenario, '--add', `infra-small:${count + 1}`, '--json']);
    expect(over.exitCode).toBe(1);
  });

  it('place --strategy pve-basic overloads node03 (64 of 62 GiB): the verdict says so, exit 1', async () => {
    // pve-basic sends each VM to the node with the fewest guests and never checks fit.
    const run = await runCommand<JudgedPlacement>(Place, ['--scenario', PROPOSED_LAB, '--strategy', 'pve-basic', '--json']);
    expect(run.exitCode).toBe(1);
    const placed = JSON.parse(run.stdout) as JudgedPlacement;
    expect(placed.verdict.nodesOverCapacity).toEqual([{ node: 'node03', resources: ['memGiB'] }]);
    expect(placed.nodes.find((n) => n.name === 'node03')!.percent.memGiB).toBe(103.2);
  });

  it('the report under pve-basic names the overloaded node as the reason the policy breaks', async () => {
    const run = await runCommand(Report, ['--scenario', PROPOSED_LAB, '--strategy', 'pve-basic', '--full', ...scratchOut()]);
    expect(run.stdout).toContain('Policy n+1: BREAKS');
    expect(run.stdout).toContain('- over capacity now: node03 (memory)');
  });
});
