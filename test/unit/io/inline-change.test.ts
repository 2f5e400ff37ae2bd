import { describe, expect, it } from 'vitest';
import { inlineChange } from '../../../src/io/cli/inline-change.js';
import { loadScenario } from '../../../src/io/loaders/scenario.js';
import { NO_CHANGE } from '../../../src/engine/policy/change.js';
import { vmOfClass } from '../../../src/engine/model/vm-of-class.js';

describe('inline change flags', () => {
  const lab = loadScenario('scenarios/lab.yaml');

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

  it('refuses to remove the node that serves the shared pools', () => {
    expect(() => inlineChange(lab, { 'remove-node': ['node05'] })).toThrow("field '--remove-node' has value 'node05': expected a node that serves no shared pool (node05 serves zfs-shared)");
  });
});
