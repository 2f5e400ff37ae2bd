import { describe, expect, it } from 'vitest';
import Failover from '../../src/commands/failover.js';
import type { FailoverResult } from '../../src/engine/policy/failover.js';
import type { SweepResult } from '../../src/engine/policy/sweep.js';
import { runCommand } from '../support/run-command.js';
import { PROPOSED_LAB } from '../support/scenario-files.js';

// The hand-worked cases run on the frozen proposal of the lab (test/fixtures/lab-proposed).
const PROPOSED = ['--scenario', PROPOSED_LAB];

describe('headroom failover', () => {
  it('--fail node04 --json: one entry per VM with vm, state, node and reason', async () => {
    const run = await runCommand<FailoverResult>(Failover, [...PROPOSED, '--fail', 'node04', '--json']);
    // k8s-worker1 is lost for capacity (see test/unit/engine/failure/lab.test.ts): the verdict breaks.
    expect(run.exitCode).toBe(1);
    const json = JSON.parse(run.stdout) as FailoverResult;
    expect(json.vms).toHaveLength(19);
    expect(json.vms.find((v) => v.vm === 'gpu1')).toEqual({ vm: 'gpu1', state: 'down', node: null, from: 'node04', reason: 'no-gpu' });
    expect(json.vms.find((v) => v.vm === 'hpc1')).toEqual({ vm: 'hpc1', state: 'restarted', node: 'node05', from: 'node04' });
    expect(json.vms.find((v) => v.vm === 'dns1')).toEqual({ vm: 'dns1', state: 'running', node: 'node01' });
    expect(json.vms.find((v) => v.vm === 'k8s-worker1')).toMatchObject({ state: 'down', reason: 'no-capacity' });
    // node05 ends at 96 / 113.2 GiB = 84.8%, under the 85% threshold. The two GPU VMs are
    // single points of failure (node04 has the only GPUs): reported, not breaking.
    expect(json.verdict).toMatchObject({
      holds: false,
      breach: { scenario: 'node04', quorate: true, vmsDown: [{ vm: 'k8s-worker1', reason: 'no-capacity' }], nodesOverCapacity: [], nodesOverUtil: [] },
      singlePointsOfFailure: [{ vm: 'gpu1', reason: 'no-gpu', scenario: 'node04' }, { vm: 'gpu2', reason: 'no-gpu', scenario: 'node04' }],
      nodesOverThreshold: [],
    });
  });

  it('exits 1 when an HA VM is lost for capacity (node01 + node02: k8s-worker3)', async () => {
    const run = await runCommand<FailoverResult>(Failover, [...PROPOSED, '--fail', 'node01,node02']);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('Verdict: the policy BREAKS: k8s-worker3 down (no-capacity: no surviving node its rules allow has room).');
  });

  it('node01 fails on the proposed lab: k8s-worker3 is lost for capacity, with its checked fixes cheapest first', async () => {
    // k8s-worker3 (32 GiB) may not join worker1 (node04) or worker2 (node05); node02 has 62 - 44 =
    // 18 GiB free, node03 62 - 40 = 22. app1 (16) off node02 or app2 (16) off node03 makes room.
    const run = await runCommand<FailoverResult>(Failover, [...PROPOSED, '--fail', 'node01', '--json']);
    expect(run.exitCode).toBe(1);
    const [fixes] = (JSON.parse(run.stdout) as FailoverResult).verdict.fixes;
    expect(fixes!.vm).toBe('k8s-worker3');
    expect(fixes!.cheapest).toEqual({ kind: 'move-vm', vm: 'app1', from: 'node02', to: 'node05', gib: 16 });
    expect(fixes!.fixes.map((f) => f.kind)).toEqual(['move-vm', 'move-vm', 'grow-node', 'grow-node', 'add-node', 'relax-rule']);
  });

  it('--domain rack-a fails node01-03: 2 of 5 votes, no quorum', async () => {
    const run = await runCommand<FailoverResult>(Failover, [...PROPOSED, '--domain', 'rack-a', '--json']);
    const json = JSON.parse(run.stdout) as FailoverResult;
    expect(json.scenario).toEqual({ failed: ['node01', 'node02', 'node03'], label: 'rack:rack-a' });
    expect(json.quorate).toBe(false);
    expect(json.counts.running).toBe(0);
    // Lost quorum breaks the policy: nothing is recovered, whatever the capacity.
    expect(run.exitCode).toBe(1);
    expect(json.verdict.holds).toBe(false);
    expect(json.verdict.breach).toMatchObject({ scenario: 'rack:rack-a', quorate: false });
  });

  it('--sweep 2 covers C(5,1) + C(5,2) = 15 scenarios, worst first', async () => {
    const run = await runCommand<SweepResult>(Failover, [...PROPOSED, '--sweep', '2', '--threads', '1', '--json']);
    const json = JSON.parse(run.stdout) as SweepResult;
    expect(json.scenarioCount).toBe(15);
    // Scenarios that break the policy come first.
    expect(json.scenarios[0]!.breaks).toBe(true);
    expect(json.breakingScenarios).toBe(json.scenarios.filter((s) => s.breaks).length);
    // node05 serves both shared pools (12 VMs); with node02 (3 non-HA VMs) it is the pair with
    // the most VMs down, 15, yet it keeps the policy: every loss is structural (storage-lost, not-ha).
    expect(json.scenarios.find((s) => s.label === 'node02+node05')).toMatchObject({ down: 15, haDown: 11, breaks: false });
    expect(json.vmsDown.find((v) => v.vm === 'k8s-worker3')!.minimalCauses).toEqual(['node01', 'node05']);
    expect(run.exitCode).toBe(1);
  });

  it('--sweep domains fails each rack and power feed', async () => {
    const run = await runCommand<SweepResult>(Failover, [...PROPOSED, '--sweep', 'domains', '--threads', '1', '--json']);
    const json = JSON.parse(run.stdout) as SweepResult;
    expect(json.scenarios.map((s) => s.label).sort()).toEqual(['power:ups-a', 'power:ups-b', 'rack:rack-a', 'rack:rack-b']);
    // rack-a (= ups-a) takes 3 of 5 votes: those two scenarios lose quorum and break the policy.
    expect(json.scenarios.filter((s) => !s.quorate).map((s) => s.label).sort()).toEqual(['power:ups-a', 'rack:rack-a']);
    expect(json.holds).toBe(false);
    expect(run.exitCode).toBe(1);
  });

  const badInputs: Array<[string, string[], string]> = [
    ['an unknown node', ['--fail', 'node09'], "headroom: command line: field '--fail' has value 'node09': expected node names separated by commas, from node01, node02, node03, node04, node05\n"],
    ['an unknown domain', ['--domain', 'rack-z'], "headroom: command line: field '--domain' has value 'rack-z': expected a failure domain: power:ups-a, power:ups-b, rack:rack-a, rack:rack-b\n"],
    ['k larger than the node count', ['--sweep', '6'], "headroom: command line: field '--sweep' has value '6': expected 'domains' or a whole number of failed nodes from 1 to 5 (the node count)\n"],
    ['two selections at once', ['--fail', 'node01', '--sweep', '1'], "headroom: command line: field '--sweep' has value '--fail --sweep': expected exactly one of --fail, --domain, --sweep\n"],
    ['a node that fails twice', ['--fail', 'node01,node01'], "headroom: command line: field '--fail' has value 'node01,node01': expected node names separated by commas, each once (node01 is given twice)\n"],
    ['more threads than the maximum', ['--sweep', '2', '--threads', '999'], "headroom: command line: field '--threads' has value '999': expected a whole number of threads from 1 to 256\n"],
    ['no threads', ['--sweep', '2', '--threads', '0'], "headroom: command line: field '--threads' has value '0': expected a whole number of threads from 1 to 256\n"],
    ['a negative thread count', ['--sweep', '2', '--threads=-2'], "headroom: command line: field '--threads' has value '-2': expected a whole number of threads from 1 to 256\n"],
    ['a fractional thread count', ['--sweep', '2', '--threads', '1.5'], "headroom: command line: field '--threads' has value '1.5': expected a whole number of threads from 1 to 256\n"],
  ];
  for (const [name, argv, message] of badInputs) {
    it(`rejects ${name} with exit 2`, async () => {
      const run = await runCommand(Failover, argv);
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toBe(message);
    });
  }
});
