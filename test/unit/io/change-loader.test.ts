import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InputIssue } from '../../../src/errors.js';
import { loadChange } from '../../../src/io/loaders/change.js';
import { loadScenario } from '../../../src/io/loaders/scenario.js';
import { issueOf } from '../../support/input-issue.js';
import { labCopy } from '../../support/scenario-files.js';

const lab = loadScenario('scenarios/lab.yaml');

function changeFile(content: string): string {
  const path = join(labCopy().dir, 'change.yaml');
  writeFileSync(path, content);
  return path;
}

describe('change file loading', () => {
  const cases: Array<{ name: string; content: string; expected: Omit<InputIssue, 'file'> }> = [
    {
      name: 'removes the same VM twice',
      content: 'remove:\n  vms:\n    - dns1\n    - dns1\n',
      expected: { line: 4, field: 'remove.vms[1]', value: 'dns1', expected: 'a VM that no other entry of remove.vms or remove.classes removes (remove.vms[0] names dns1 already)' },
    },
    {
      name: 'removes a VM and its class',
      content: 'remove:\n  vms: [dns2]\n  classes: [infra-small]\n',
      expected: { line: 3, field: 'remove.classes[0]', value: 'infra-small', expected: 'a class none of whose VMs another entry removes (remove.vms[0] removes dns2)' },
    },
    {
      name: 'removes the same class twice',
      content: 'remove:\n  classes: [hpc, hpc]\n',
      expected: { line: 2, field: 'remove.classes[1]', value: 'hpc', expected: 'a class that no other entry of remove.classes names (remove.classes[0] names hpc already)' },
    },
    {
      name: 'removes the same node twice',
      content: 'remove:\n  nodes: [node02, node02]\n',
      expected: { line: 2, field: 'remove.nodes[1]', value: 'node02', expected: 'a node that no other entry of remove.nodes names (remove.nodes[0] names node02 already)' },
    },
    {
      name: 'resizes the same node twice',
      content: 'resize:\n  nodes:\n    - { name: node01, memGiB: 96 }\n    - { name: node01, memGiB: 128 }\n',
      expected: { line: 4, field: 'resize.nodes[1].name', value: 'node01', expected: 'a node that no other entry of resize.nodes resizes (resize.nodes[0].name names node01 already)' },
    },
    {
      name: 'resizes a node it removes',
      content: 'remove:\n  nodes: [node02]\nresize:\n  nodes:\n    - { name: node02, memGiB: 96 }\n',
      expected: { line: 5, field: 'resize.nodes[0].name', value: 'node02', expected: 'a node that this change does not remove (remove.nodes[0] removes node02)' },
    },
    {
      name: 'updates the same VM twice',
      content: 'update:\n  vms:\n    - { name: app1, memGiB: 8 }\n    - { name: app1, memGiB: 32 }\n',
      expected: { line: 4, field: 'update.vms[1].name', value: 'app1', expected: 'a VM that no other entry of update.vms updates (update.vms[0].name names app1 already)' },
    },
    {
      name: 'updates a VM its class removal removes',
      content: 'remove:\n  classes: [app-server]\nupdate:\n  vms:\n    - { name: app1, memGiB: 8 }\n',
      expected: { line: 5, field: 'update.vms[0].name', value: 'app1', expected: 'a VM that this change does not remove (remove.classes[0] removes app1)' },
    },
    {
      name: 'adds two nodes of the same name',
      content: 'add:\n  nodes:\n    - { name: node06, like: node01 }\n    - { name: node06, like: node02 }\n',
      expected: { line: 4, field: 'add.nodes[1].name', value: 'node06', expected: 'a name that no other entry of add.nodes has (add.nodes[0].name names node06 already)' },
    },
    {
      name: 'adds two classes of the same name',
      content: 'add:\n  classes:\n    - { name: web, vcpus: 2, memGiB: 4, diskGiB: 20, pool: zfs-shared }\n    - { name: web, vcpus: 4, memGiB: 8, diskGiB: 20, pool: zfs-shared }\n',
      expected: { line: 4, field: 'add.classes[1].name', value: 'web', expected: 'a name that no other entry of add.classes has (add.classes[0].name names web already)' },
    },
    {
      name: 'adds two VMs of the same name',
      content: 'add:\n  vms:\n    - { name: web3, class: app-server }\n    - { name: web3, class: infra }\n',
      expected: { line: 4, field: 'add.vms[1].name', value: 'web3', expected: 'a name no VM has yet, in the scenario or added by this change' },
    },
    {
      name: 'adds a VM under a name it generates for another',
      content: 'add:\n  vms:\n    - { class: infra-small, count: 2 }\n    - { name: infra-small-new-2, class: infra-small }\n',
      expected: { line: 4, field: 'add.vms[1].name', value: 'infra-small-new-2', expected: 'a name no VM has yet, in the scenario or added by this change' },
    },
    {
      name: 'adds more VMs in one entry than the limit',
      content: 'add:\n  vms:\n    - { class: infra-small, count: 100001 }\n',
      expected: { line: 3, field: 'add.vms[0].count', value: '100001', expected: 'an integer > 0 and <= 100000' },
    },
    {
      name: 'adds a node whose reservation takes all its memory',
      content: 'add:\n  nodes:\n    - { name: node06, like: node01, memReservedGiB: 64 }\n',
      expected: { line: 3, field: 'add.nodes[0].memReservedGiB', value: 64, expected: 'less than memGiB (64): the node must keep memory for VMs' },
    },
    {
      name: 'resizes a node below its reservation',
      // node05 reserves 14.8 GiB (ZFS ARC, data/lab/README.md).
      content: 'resize:\n  nodes:\n    - { name: node05, memGiB: 8 }\n',
      expected: { line: 3, field: 'resize.nodes[0].memGiB', value: 8, expected: 'more than memReservedGiB (14.8): the node must keep memory for VMs' },
    },
    {
      name: 'sets a threshold above 1',
      content: 'policy:\n  threshold: 1.5\n',
      expected: { line: 2, field: 'policy.threshold', value: '1.5', expected: 'a number > 0 and <= 1' },
    },
    {
      name: 'adds a class of a size that overflows',
      content: 'add:\n  classes:\n    - { name: huge, vcpus: 2, memGiB: 1e308, diskGiB: 20, pool: zfs-shared }\n',
      expected: { line: 3, field: 'add.classes[0].memGiB', value: '1e+308', expected: "a number > 0 and at most 1,000,000,000 (headroom's limit for any size or count)" },
    },
    {
      name: 'resizes a node without a size',
      content: 'resize:\n  nodes:\n    - { name: node01, keepRunning: true }\n',
      expected: { line: 3, field: 'resize.nodes[0]', value: '{"name":"node01","keepRunning":true}', expected: 'an entry that sets at least one of cpuThreads, memGiB, memReservedGiB, gpus' },
    },
    {
      name: 'updates a VM without a field',
      content: 'update:\n  vms:\n    - name: app1\n',
      expected: { line: 3, field: 'update.vms[0]', value: '{"name":"app1"}', expected: 'an entry that sets at least one of vcpus, memGiB, diskGiB, pool, gpus, gpuModel, antiAffinity, affinity, affinityMode, ha, haPriority' },
    },
  ];

  it.each(cases)('rejects a change file that $name, with line, field, value and what was expected', ({ content, expected }) => {
    const file = changeFile(content);
    expect(issueOf(() => loadChange(file, lab))).toEqual({ file, ...expected });
  });

  it('names added VMs after the VMs the scenario already has', () => {
    const copy = labCopy().edit('vms.csv', 'dns2,infra-small,', 'infra-small-new-1,infra-small,');
    const { change } = loadChange(changeFile('add:\n  vms:\n    - { class: infra-small, count: 2 }\n'), loadScenario(copy.scenario));
    expect(change.addVms.map((vm) => vm.name)).toEqual(['infra-small-new-2', 'infra-small-new-3']);
  });
});
