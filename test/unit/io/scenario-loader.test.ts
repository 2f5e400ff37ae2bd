import { describe, expect, it } from 'vitest';
import type { InputIssue } from '../../../src/errors.js';
import { loadScenario } from '../../../src/io/loaders/scenario.js';
import { issueOf } from '../../support/input-issue.js';
import { labCopy } from '../../support/scenario-files.js';


describe('scenario loading', () => {
  it('loads the lab: 5 nodes, 7 pool rows as 4 pools, 8 classes, 18 VMs, each on its current node', () => {
    const lab = loadScenario('scenarios/lab.yaml');
    expect([lab.nodes.length, lab.pools.length, lab.classes.length, lab.vms.length]).toEqual([5, 4, 8, 18]);
    // node04's one RTX A4000 (the lab's hardware overview), so one GPU VM.
    expect(lab.nodes.find((n) => n.name === 'node04')).toMatchObject({ gpus: 1, gpuModel: 'rtx-a4000' });
    expect(lab.vms.filter((v) => v.currentNode === null)).toEqual([]);
    expect(lab.vms.find((v) => v.name === 'postgres')!.currentNode).toBe('node04');
    expect(lab.qdevice).toBeUndefined();
    // k8s-worker1 inherits everything from its class.
    expect(lab.vms.find((v) => v.name === 'k8s-worker1')).toMatchObject({ vcpus: 8, memGiB: 32, pool: 'zfs-shared', antiAffinity: 'k8s-workers', ha: true });
    // dc1 overrides the class's pool and HA flag.
    expect(lab.vms.find((v) => v.name === 'dc1')).toMatchObject({ pool: 'local-nvme', ha: false, className: 'infra' });
  });

  it('reads a CSV saved with a byte-order mark (as spreadsheets save UTF-8)', () => {
    const lab = labCopy().edit('nodes.csv', /^/, '\uFEFF');
    expect(loadScenario(lab.scenario).nodes.map((node) => node.name)).toEqual(['node01', 'node02', 'node03', 'node04', 'node05']);
  });

  const cases: Array<{ name: string; edit: (lab: ReturnType<typeof labCopy>) => { file: string; line?: number }; expected: Partial<InputIssue> }> = [
    {
      name: 'a missing scenario file',
      edit: (lab) => ({ file: lab.file('nope.yaml') }),
      expected: { field: 'scenario', expected: 'a readable file (ENOENT)' },
    },
    {
      name: 'a CSV the scenario names that does not exist',
      edit: (lab) => (lab.edit('lab.yaml', './vms.csv', './missing.csv'), { file: lab.file('missing.csv') }),
      expected: { field: 'file', expected: 'a readable file (ENOENT)' },
    },
    {
      name: 'a non-numeric cell',
      edit: (lab) => (lab.edit('nodes.csv', 'node02,Ryzen 7 5700U,16,64', 'node02,Ryzen 7 5700U,16,lots'), { file: lab.file('nodes.csv'), line: 3 }),
      expected: { field: 'memGiB', value: 'lots', expected: 'a number > 0' },
    },
    {
      name: 'a negative size',
      edit: (lab) => (lab.edit('classes.csv', 'Kubernetes worker,8,32,200', 'Kubernetes worker,8,32,-200'), { file: lab.file('classes.csv'), line: lab.lineOf('classes.csv', 'k8s-worker,') }),
      expected: { field: 'diskGiB', value: '-200', expected: 'a number >= 0' },
    },
    {
      name: 'an unknown CSV column',
      edit: (lab) => (lab.edit('nodes.csv', ',votes\n', ',votes,colour\n').edit('nodes.csv', /,1\n/g, ',1,red\n'), { file: lab.file('nodes.csv'), line: 1 }),
      expected: { field: 'header', value: 'colour' },
    },
    {
      name: 'an unknown YAML key',
      edit: (lab) => (lab.edit('lab.yaml', '  cpuOvercommit: 4', '  cpuOvercomit: 4'), { file: lab.file('lab.yaml'), line: lab.lineOf('lab.yaml', 'cpuOvercomit') }),
      expected: { field: 'policy.cpuOvercomit', value: 'cpuOvercomit' },
    },
    {
      name: 'a bad YAML value',
      edit: (lab) => (lab.edit('lab.yaml', 'strategy: balanced', 'strategy: random'), { file: lab.file('lab.yaml'), line: lab.lineOf('lab.yaml', 'strategy: random') }),
      expected: { field: 'policy.strategy', value: 'random', expected: 'one of first-fit, best-fit, worst-fit, ffd, dot-product, balanced, pve-basic, pve-static' },
    },
    {
      name: 'a duplicate node name',
      edit: (lab) => (lab.edit('nodes.csv', 'node03,', 'node02,'), { file: lab.file('nodes.csv'), line: 4 }),
      expected: { field: 'name', value: 'node02', expected: 'a name not used before (line 3 has it)' },
    },
    {
      name: 'a duplicate VM name',
      edit: (lab) => (lab.edit('vms.csv', 'dns2,', 'dns1,'), { file: lab.file('vms.csv'), line: 3 }),
      expected: { field: 'name', value: 'dns1' },
    },
    {
      name: 'a reference to an unknown class',
      edit: (lab) => (lab.edit('vms.csv', 'postgres,database', 'postgres,databse'), { file: lab.file('vms.csv'), line: lab.lineOf('vms.csv', 'postgres') }),
      expected: { field: 'class', value: 'databse' },
    },
    {
      name: 'a reference to an unknown pool',
      edit: (lab) => (lab.edit('vms.csv', 'dc1,infra,local-nvme', 'dc1,infra,local-nvm'), { file: lab.file('vms.csv'), line: lab.lineOf('vms.csv', 'dc1,') }),
      expected: { field: 'pool', value: 'local-nvm' },
    },
    {
      name: 'a reference to an unknown node',
      edit: (lab) => (lab.edit('vms.csv', 'pbs,infra,,,node05', 'pbs,infra,,,node06'), { file: lab.file('vms.csv'), line: lab.lineOf('vms.csv', 'pbs,') }),
      expected: { field: 'affinity', value: 'node06', expected: 'the name of a node in the nodes file' },
    },
    {
      name: 'a VM bigger than every node',
      edit: (lab) => (lab.edit('vms.csv', /^[\s\S]*$/, 'name,class,memGiB\ndns1,infra-small,\nhpc1,hpc,200\n'), { file: lab.file('vms.csv'), line: 3 }),
      // The largest node after reservation: node04, 128 − 2 = 126 GiB.
      expected: { field: 'memGiB', value: 200, expected: 'at most 126 GiB (the largest node\'s memory after its reservation): VM hpc1 is bigger than every node' },
    },
    {
      name: 'a GPU model that no node has',
      edit: (lab) => (lab.edit('classes.csv', 'hpc,"Signal processing (HPC, no GPU)",8,24,400,zfs-shared,0,,', 'hpc,"Signal processing (HPC, no GPU)",8,24,400,zfs-shared,1,a100,'), { file: lab.file('vms.csv'), line: lab.lineOf('vms.csv', 'hpc1,') }),
      // node04's GPU is an rtx-a4000, and every node with GPUs names its model.
      expected: { field: 'gpus', value: 1, expected: 'at most 0 GPUs of model a100 (the most any node has): VM hpc1 is bigger than every node' },
    },
    {
      name: 'a reservation above the node\'s memory',
      edit: (lab) => (lab.edit('nodes.csv', 'node02,Ryzen 7 5700U,16,64,2,', 'node02,Ryzen 7 5700U,16,64,70,'), { file: lab.file('nodes.csv'), line: 3 }),
      // 64 − 70 = −6 GiB for VMs.
      expected: { field: 'memReservedGiB', value: 70, expected: 'less than memGiB (64): the node must keep memory for VMs' },
    },
    {
      name: 'a reservation equal to the node\'s memory',
      edit: (lab) => (lab.edit('nodes.csv', 'node02,Ryzen 7 5700U,16,64,2,', 'node02,Ryzen 7 5700U,16,64,64,'), { file: lab.file('nodes.csv'), line: 3 }),
      expected: { field: 'memReservedGiB', value: 64 },
    },
    {
      name: 'a memory size that sums to Infinity',
      // 1e308 is a finite double; two of them add up to Infinity.
      edit: (lab) => (lab.edit('nodes.csv', 'node02,Ryzen 7 5700U,16,64,', 'node02,Ryzen 7 5700U,16,1e308,'), { file: lab.file('nodes.csv'), line: 3 }),
      expected: { field: 'memGiB', value: '1e308', expected: "a number > 0 and at most 1,000,000,000 (headroom's limit for any size or count)" },
    },
    {
      name: 'a negative HA priority beyond the limit',
      edit: (lab) => (lab.edit('vms.csv', 'monitoring,infra,,,,,,', 'monitoring,infra,,,,,,-1e12'), { file: lab.file('vms.csv'), line: lab.lineOf('vms.csv', 'monitoring,') }),
      expected: { field: 'haPriority', value: '-1e12', expected: "an integer and at least -1,000,000,000 (headroom's limit for any number)" },
    },
    {
      name: 'a threshold above 1',
      edit: (lab) => (lab.edit('lab.yaml', 'memGiB: 0.85', 'memGiB: 1.5'), { file: lab.file('lab.yaml'), line: lab.lineOf('lab.yaml', 'memGiB: 1.5') }),
      expected: { field: 'policy.threshold.memGiB', value: '1.5', expected: 'a number > 0 and <= 1' },
    },
    {
      name: 'an overcommit that overflows',
      edit: (lab) => (lab.edit('lab.yaml', 'cpuOvercommit: 4', 'cpuOvercommit: 1e308'), { file: lab.file('lab.yaml'), line: lab.lineOf('lab.yaml', 'cpuOvercommit') }),
      expected: { field: 'policy.cpuOvercommit', value: '1e+308' },
    },
    {
      name: 'a CSV column given twice',
      edit: (lab) => (lab.edit('nodes.csv', ',votes\n', ',votes,votes\n'), { file: lab.file('nodes.csv'), line: 1 }),
      expected: { field: 'header', value: 'votes', expected: 'each column once (column 13 repeats column 12)' },
    },
    {
      name: 'a name given twice in a list cell',
      edit: (lab) => (lab.edit('nodes.csv', 'node03,Ryzen 7 5700U,16,64,2,0,,2.5,rack-a,ups-a,compute;k8s-management', 'node03,Ryzen 7 5700U,16,64,2,0,,2.5,rack-a,ups-a,compute;compute'), { file: lab.file('nodes.csv'), line: 4 }),
      expected: { field: 'tags', value: 'compute;compute', expected: 'names separated by ";", each once (compute is given twice)' },
    },
    {
      name: 'a node named twice in an affinity',
      edit: (lab) => (lab.edit('classes.csv', 'node01;node02;node03', 'node01;node02;node01'), { file: lab.file('classes.csv'), line: lab.lineOf('classes.csv', 'k8s-control,') }),
      expected: { field: 'affinity', value: 'node01;node02;node01' },
    },
    {
      name: 'a local pool with a serving node',
      edit: (lab) => (lab.edit('storage.csv', 'local-ssd,local,ssd,node04,1862,,', 'local-ssd,local,ssd,node04,1862,node05,'), { file: lab.file('storage.csv'), line: lab.lineOf('storage.csv', 'local-ssd') }),
      expected: { field: 'servedBy', value: 'node05', expected: 'an empty cell: a local pool is on its own node only' },
    },
    {
      name: 'a shared pool with a node',
      edit: (lab) => (lab.edit('storage.csv', 'iscsi-db,shared,zfs,,', 'iscsi-db,shared,zfs,node01,'), { file: lab.file('storage.csv'), line: lab.lineOf('storage.csv', 'iscsi-db') }),
      expected: { field: 'node', value: 'node01' },
    },
    {
      name: 'an affinity mode without affinity nodes',
      edit: (lab) => (lab.edit('vms.csv', 'dns1,infra-small,,dns,,,,', 'dns1,infra-small,,dns,,strict,,'), { file: lab.file('vms.csv'), line: 2 }),
      expected: { field: 'affinityMode', value: 'strict', expected: 'an empty cell, or affinity nodes for the mode to apply to' },
    },
    {
      name: 'a replication interval without a target',
      edit: (lab) => (lab.edit('vms.csv', /^[\s\S]*$/, 'name,class,replicationMinutes\ndns1,infra-small,15\n'), { file: lab.file('vms.csv'), line: 2 }),
      expected: { field: 'replicationMinutes', value: 15 },
    },
    {
      name: 'a VM replicated to its own node',
      edit: (lab) => (lab.edit('vms.csv', /^[\s\S]*$/, 'name,class,node,replicateTo\ndns1,infra-small,node01,node01\n'), { file: lab.file('vms.csv'), line: 2 }),
      expected: { field: 'replicateTo', value: 'node01', expected: "a node other than the VM's own (node01): Proxmox replicates to another node" },
    },
  ];

  for (const { name, edit, expected } of cases) {
    it(`rejects ${name} with file, line, field, value and what was expected`, () => {
      const lab = labCopy();
      const where = edit(lab);
      const scenario = where.file.endsWith('nope.yaml') ? where.file : lab.scenario;
      const issue = issueOf(() => loadScenario(scenario));
      expect(issue).toMatchObject({ ...expected, file: where.file, ...(where.line === undefined ? {} : { line: where.line }) });
      expect(issue.expected.length).toBeGreaterThan(0);
    });
  }
});
