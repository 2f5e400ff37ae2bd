import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Check from '../../src/commands/check.js';
import Fit from '../../src/commands/fit.js';
import type { ChangeCheck } from '../../src/engine/policy/check.js';
import type { FitResult } from '../../src/engine/policy/fit.js';
import { runCommand } from '../support/run-command.js';
import { labCopy } from '../support/scenario-files.js';

function changeFile(content: string): string {
  const path = join(labCopy().dir, 'change.yaml');
  writeFileSync(path, content);
  return path;
}

describe('headroom check', () => {
  it('a sixth node like node01 makes the lab N+1: exit 0, the node01 and node04 breaches fixed', async () => {
    // Before: node01 failing loses k8s-worker3, node04 failing loses k8s-worker1 (no room their
    // anti-affinity allows). node06 (62 GiB, no worker) takes either.
    const run = await runCommand<ChangeCheck>(Check, ['--add-node', 'node06=node01', '--json']);
    expect(run.exitCode).toBe(0);
    const json = JSON.parse(run.stdout) as ChangeCheck;
    expect([json.before.holds, json.after.holds]).toEqual([false, true]);
    expect(json.difference.fixedBreaches).toEqual(['node01', 'node04']);
    expect(json.difference.moved).toEqual([]);
  });

  it('removing node02: exit 1, a new breach and a VM that no longer fits', async () => {
    const run = await runCommand<ChangeCheck>(Check, ['--remove-node', 'node02']);
    expect(run.exitCode).toBe(1);
    // k8s-cp2 is pinned to node01-03 with anti-affinity: node01 and node03 hold cp1 and cp3.
    expect(run.stdout).toContain('No longer placeable: k8s-cp2.');
    expect(run.stdout).toMatch(/- node03 \(new\): app2 no-capacity/);
  });

  it('a change file adds VMs and changes the policy', async () => {
    const file = changeFile('add:\n  vms:\n    - { class: infra-small, count: 2 }\npolicy:\n  failover: n+2\n');
    const run = await runCommand<ChangeCheck>(Check, ['--change', file, '--json']);
    const json = JSON.parse(run.stdout) as ChangeCheck;
    expect(json.policy).toBe('n+2');
    // C(5,1) + C(5,2) = 15 scenarios; 19 + 2 VMs.
    expect([json.after.policy.scenarioCount, json.after.vms]).toEqual([15, 21]);
    expect(run.exitCode).toBe(1);
  });

  it('a change file and inline flags combine, with distinct names for the added VMs', async () => {
    const file = changeFile('add:\n  vms:\n    - { class: infra-small }\n');
    const run = await runCommand<ChangeCheck>(Check, ['--change', file, '--add', 'infra-small:1', '--json']);
    const json = JSON.parse(run.stdout) as ChangeCheck;
    expect(json.after.vms).toBe(21);
    expect(json.after.load.length).toBe(5);
    expect(json.difference.moved).toEqual([]);
  });

  const badChanges: Array<[string, string, RegExp]> = [
    ['removes a node that does not exist', 'remove:\n  nodes: [node09]\n', /change\.yaml:2: field 'remove\.nodes\[0\]' has value 'node09': expected the name of a node in the scenario/],
    ['adds a VM of an unknown class', 'add:\n  vms:\n    - class: webserver\n', /change\.yaml:3: field 'add\.vms\[0\]\.class' has value 'webserver': expected the name of a class in the scenario/],
    // node01 runs dns1 4 + k8s-cp1 8 + k8s-worker3 32 = 44 GiB, so it needs 44 + 2 reserved = 46 GiB.
    ['resizes a node below what it runs while it must keep running', 'resize:\n  nodes:\n    - { name: node01, memGiB: 32, keepRunning: true }\n', /change\.yaml:3: field 'resize\.nodes\[node01\]\.memGiB' has value 32: expected at least 46 GiB: node01 runs 44 GiB of VMs/],
    ['misspells a key', 'ad:\n  vms: []\n', /change\.yaml:1: field 'change\.ad' has value 'ad': expected one of the keys add, remove, resize, update, policy/],
  ];
  for (const [name, content, message] of badChanges) {
    it(`rejects a change file that ${name}: exit 2`, async () => {
      const run = await runCommand(Check, ['--change', changeFile(content)]);
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toMatch(message);
    });
  }

  it('rejects an inline add of an unknown class', async () => {
    const run = await runCommand(Check, ['--add', 'nosuch:2']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("field '--add' has value 'nosuch:2'");
  });
});

describe('headroom fit', () => {
  it('the lab is not N+1 today: nothing fits, and it says which failure binds', async () => {
    const run = await runCommand<FitResult>(Fit, ['--class', 'k8s-worker', '--json']);
    const json = JSON.parse(run.stdout) as FitResult;
    expect([json.holdsToday, json.count]).toEqual([false, 0]);
    expect(json.proof.binding).toMatchObject({ kind: 'failover', scenario: 'node01', vm: 'k8s-worker3', reason: 'no-capacity', resource: 'memGiB' });
  });

  it('with a sixth node the lab has headroom: one table row per class', async () => {
    const lab = labCopy().edit('nodes.csv', 'node05,', 'node06,Ryzen 7 5700U,16,64,2,0,,2.5,rack-a,ups-a,compute,1\nnode05,').edit('storage.csv', 'local-nvme,local,nvme,node04', 'local-nvme,local,nvme,node06,1758,,\nlocal-nvme,local,nvme,node04');
    const run = await runCommand<FitResult[]>(Fit, ['--scenario', lab.scenario, '--json']);
    const rows = JSON.parse(run.stdout) as FitResult[];
    expect(rows.map((r) => r.unit)).toEqual(['infra-small', 'infra', 'k8s-control', 'k8s-worker', 'app-server', 'database', 'gpu-compute', 'hpc']);
    for (const row of rows) {
      expect(row.holdsToday).toBe(true);
      expect(row.proof.failsAt).toBe(row.count + 1);
    }
    // Both GPUs are taken: no gpu-compute fits, and the GPU count binds.
    expect(rows.find((r) => r.unit === 'gpu-compute')).toMatchObject({ count: 0, proof: { binding: { kind: 'placement', resource: 'gpus' } } });
  });
});
