import { describe, expect, it, vi } from 'vitest';
import { inlineChange, type InlineChangeFlags } from '../../../src/io/cli/inline-change.js';
import { issueOf } from '../../support/input-issue.js';
import { loadScenario } from '../../../src/io/loaders/scenario.js';
import { NO_CHANGE, nodeLike } from '../../../src/engine/policy/change.js';
import { vmOfClass } from '../../../src/engine/model/vm-of-class.js';

describe('inline change flags', () => {
  const lab = loadScenario('test/fixtures/lab-proposed/lab.yaml');

  it('names added VMs after the names already taken', () => {
    const change = inlineChange(lab, { add: ['infra-small:2'] }, { ...NO_CHANGE, addVms: [vmOfClass(lab.classes[0]!, 'infra-small-new-1')] });
    expect(change.addVms.map((vm) => vm.name)).toEqual(['infra-small-new-2', 'infra-small-new-3']);
    expect(change.addVms[0]).toMatchObject({ className: 'infra-small', vcpus: 2, memGiB: 4, currentNode: null });
  });

  it('copies a node like another, with its local pools and the shared pools it reaches', () => {
    const change = inlineChange(lab, { 'add-node': ['node06=node04'] });
    expect(change.addNodes).toEqual([
      { node: { ...lab.nodes[3], name: 'node06' }, localPools: { 'local-nvme': 3621, 'local-ssd': 1862 }, sharedPools: ['zfs-shared', 'iscsi-db'] },
    ]);
  });

  it('names 2,000 added VMs in linear time: the name set is asked about each name about once', () => {
    // Restarting from infra-small-new-1 for every VM asked 1 + 2 + ... + 2000 = 2,001,000 times.
    const has = vi.spyOn(Set.prototype, 'has');
    try {
      const change = inlineChange(lab, { add: ['infra-small:2000'] });
      expect(change.addVms.at(-1)!.name).toBe('infra-small-new-2000');
      expect(has.mock.calls.length).toBeLessThan(2 * 2000);
    } finally {
      has.mockRestore();
    }
  });

  const fileChange = { ...NO_CHANGE, addNodes: [nodeLike(lab, lab.nodes[0]!, { ...lab.nodes[0]!, name: 'node07' })], removeVms: ['dns1'], removeNodes: ['node02'] };
  const repeats: Array<[string, InlineChangeFlags, string, string]> = [
    ['two new nodes of one name', { 'add-node': ['node06=node01', 'node06=node02'] }, 'node06=node02', 'a node that no earlier --add-node names (node06 is given twice)'],
    ['a new node named like one the change file adds', { 'add-node': ['node07=node02'] }, 'node07=node02', 'a node that the change file does not name already (its add.nodes has node07)'],
    ['a new node named like one of the scenario', { 'add-node': ['node01=node02'] }, 'node01=node02', 'NEW=LIKE with a new node name'],
    ['a node removed twice', { 'remove-node': ['node03', 'node03'] }, 'node03', 'a node that no earlier --remove-node names (node03 is given twice)'],
    ['a node the change file removes', { 'remove-node': ['node02'] }, 'node02', 'a node that the change file does not name already (its remove.nodes has node02)'],
    ['a VM removed twice', { 'remove-vm': ['app1', 'app1'] }, 'app1', 'a VM that no earlier --remove-vm names (app1 is given twice)'],
    ['a VM the change file removes', { 'remove-vm': ['dns1'] }, 'dns1', 'a VM that the change file does not name already (its remove.vms or remove.classes has dns1)'],
    ['more VMs than one --add may add', { add: ['infra-small:100001'] }, 'infra-small:100001', 'class:count with a whole count from 1 to 100,000'],
    ['a second colon', { add: ['infra-small:2:3'] }, 'infra-small:2:3', 'class[:count], e.g. infra-small:3'],
    ['a second equals sign', { 'add-node': ['node06=node01=node02'] }, 'node06=node01=node02', 'NEW=LIKE with a new node name'],
    ['a count in exponent notation', { add: ['infra-small:1e3'] }, 'infra-small:1e3', 'class:count with a whole count from 1 to 100,000'],
  ];
  it.each(repeats)('rejects %s', (_, flags, value, expected) => {
    const issue = issueOf(() => inlineChange(lab, flags, fileChange));
    expect(issue).toMatchObject({ file: 'command line', value, expected });
  });

  it('refuses to remove the node that serves the shared pools', () => {
    expect(() => inlineChange(lab, { 'remove-node': ['node05'] })).toThrow("field '--remove-node' has value 'node05': expected a node that serves no shared pool (node05 serves zfs-shared)");
  });
});
