import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalPool, SharedPool } from '../../../../src/engine/model/cluster.js';
import { loadScenario } from '../../../../src/io/loaders/scenario.js';
import { readDump } from '../../../../src/io/proxmox/dump/read-dump.js';
import { DEFAULT_IMPORT_OPTIONS, importProxmox, type ImportOptions } from '../../../../src/io/proxmox/import/map-dump.js';
import { scenarioFiles } from '../../../../src/io/proxmox/import/scenario-files.js';
import { issueOf } from '../../../support/input-issue.js';

const THREE_NODE = join(import.meta.dirname, '../../../fixtures/proxmox-dump/three-node');

describe('importProxmox on the three-node dump', () => {
  const scratch: string[] = [];
  const copy = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'headroom-import-'));
    scratch.push(dir);
    cpSync(THREE_NODE, dir, { recursive: true });
    return dir;
  };
  afterEach(() => scratch.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const run = (options: Partial<ImportOptions> = {}, dir = THREE_NODE) => importProxmox(readDump(dir), { ...DEFAULT_IMPORT_OPTIONS, ...options });

  it('maps the nodes: threads and memory from node status, the offline node from cluster-resources', () => {
    const { cluster } = run();
    expect(cluster.nodes.map(({ name, cpuThreads, memGiB, memReservedGiB, gpus, gpuModel, votes }) => ({ name, cpuThreads, memGiB, memReservedGiB, gpus, gpuModel, votes }))).toEqual([
      // 134927421440 B = 128677.5 MiB, floored to 128677 MiB = 125.66015625 GiB
      { name: 'pve1', cpuThreads: 32, memGiB: 125.66015625, memReservedGiB: 2, gpus: 0, gpuModel: null, votes: 1 },
      // pci.cfg maps one gpu-a2 on pve2 and one on pve3
      { name: 'pve2', cpuThreads: 32, memGiB: 125.66015625, memReservedGiB: 2, gpus: 1, gpuModel: 'gpu-a2', votes: 1 },
      // offline: maxcpu 48, maxmem 270582939648 B = 258048 MiB = 252 GiB
      { name: 'pve3', cpuThreads: 48, memGiB: 252, memReservedGiB: 2, gpus: 1, gpuModel: 'gpu-a2', votes: 1 },
    ]);
    expect(cluster.qdevice).toBeUndefined();
  });

  it('counts running guests and those on the offline node; leaves out the template and the stopped guest', () => {
    const { cluster, guests } = run();
    expect(cluster.vms.map(({ name, className, currentNode, vcpus, memGiB, diskGiB, pool, gpus, ha, affinity }) => ({ name, className, currentNode, vcpus, memGiB, diskGiB, pool, gpus, ha, affinity }))).toEqual([
      // 2 sockets x 4 cores; 16384 MiB; 64G + 192G + efidisk 1M on tank = 262145 MiB = 256.0009765625 GiB
      { name: 'db-1', className: 'tank-8c-16g-256g-ha', currentNode: 'pve1', vcpus: 8, memGiB: 16, diskGiB: 256.0009765625, pool: 'tank', gpus: 0, ha: true, affinity: null },
      { name: 'db-2', className: 'tank-8c-16g-256g-ha', currentNode: 'pve2', vcpus: 8, memGiB: 16, diskGiB: 256.0009765625, pool: 'tank', gpus: 0, ha: true, affinity: null },
      // the cdrom (633M iso) and the cloud-init drive are no disks: 32G on nas only
      { name: 'web-1', className: 'nas-2c-4g-32g-ha', currentNode: 'pve1', vcpus: 2, memGiB: 4, diskGiB: 32, pool: 'nas', gpus: 0, ha: true, affinity: null },
      { name: 'web-2', className: 'nas-2c-4g-32g-ha', currentNode: 'pve2', vcpus: 2, memGiB: 4, diskGiB: 32, pool: 'nas', gpus: 0, ha: true, affinity: null },
      // status unknown on offline pve3: counted; 100G + 1M efidisk on ceph-ext; one mapped A2
      { name: 'gpu-1', className: 'ceph-ext-8c-32g-100g-1gpu-ha', currentNode: 'pve3', vcpus: 8, memGiB: 32, diskGiB: 100.0009765625, pool: 'ceph-ext', gpus: 1, ha: true, affinity: null },
      // raw PCI id: pinned to its node
      { name: 'fax-gw', className: 'local-lvm-1c-2g-16g-pin-pve1', currentNode: 'pve1', vcpus: 1, memGiB: 2, diskGiB: 16, pool: 'local-lvm', gpus: 0, ha: false, affinity: { nodes: ['pve1'], strict: true } },
      { name: 'ci-runner', className: 'local-lvm-4c-8g-40g', currentNode: 'pve3', vcpus: 4, memGiB: 8, diskGiB: 40, pool: 'local-lvm', gpus: 0, ha: false, affinity: null },
      // rootfs 8G on local-lvm, mp0 20G on tank (more), mp1 a bind mount: held by tank
      { name: 'dns-1', className: 'tank-1c-0.5g-20g', currentNode: 'pve1', vcpus: 1, memGiB: 0.5, diskGiB: 20, pool: 'tank', gpus: 0, ha: false, affinity: null },
      // HA state ignored: not HA
      { name: 'dns-2', className: 'local-lvm-1c-0.5g-8g', currentNode: 'pve2', vcpus: 1, memGiB: 0.5, diskGiB: 8, pool: 'local-lvm', gpus: 0, ha: false, affinity: null },
    ]);
    expect(guests.filter((guest) => !guest.counted).map((guest) => [guest.vmid, guest.status])).toEqual([[106, 'stopped'], [9000, 'stopped']]);
  });

  it('maps the pools: a local pool per node less what uncounted and secondary disks hold, shared pools with their serving node', () => {
    const { cluster } = run();
    const local = (name: string) => (cluster.pools.find((pool) => pool.name === name) as LocalPool).capacityGiBByNode;
    const shared = (name: string) => cluster.pools.find((pool) => pool.name === name) as SharedPool;
    expect(cluster.pools.map((pool) => [pool.name, pool.kind, pool.media])).toEqual([['ceph-ext', 'shared', 'rbd'], ['local-lvm', 'local', 'lvmthin'], ['nas', 'shared', 'nfs'], ['tank', 'local', 'zfspool']]); // by id, as readDump lists them
    // 1869169819648 B = 1782579.2 MiB, floored to 1782579; pve1 less template 9000 (8192 MiB) and
    // dns-1's rootfs (8192): 1766195 MiB = 1724.7998046875 GiB; pve2 less old-app (20480):
    // 1762099 MiB = 1720.7998046875 GiB; pve3 reports none: full at ci-runner's 40 GiB.
    expect(local('local-lvm')).toEqual({ pve1: 1724.7998046875, pve2: 1720.7998046875, pve3: 40 });
    // 3848290697216 B = 3584 GiB; enabled on pve1 and pve2 only (storage.cfg nodes)
    expect(local('tank')).toEqual({ pve1: 3584, pve2: 3584 });
    // nfs server 10.0.0.12 is pve2's ring0 address; the rbd monitors are nobody's
    expect(shared('nas')).toEqual({ name: 'nas', kind: 'shared', media: 'nfs', capacityGiB: 8192, servedBy: 'pve2', reachableFrom: ['pve1', 'pve2', 'pve3'] });
    expect(shared('ceph-ext')).toMatchObject({ capacityGiB: 11264, servedBy: null });
  });

  it('maps HA: rules.cfg rules by id, the web group as Proxmox VE 9 converts it, failback per rule, crs from datacenter.cfg', () => {
    const { cluster } = run();
    expect(cluster.ha).toEqual({
      crs: 'static',
      rules: [
        { type: 'node-affinity', id: 'db-on-zfs-hosts', resources: ['db-1', 'db-2'], nodes: [{ node: 'pve1', priority: 0 }, { node: 'pve2', priority: 0 }], strict: false, disabled: false },
        { type: 'resource-affinity', id: 'db-apart', resources: ['db-1', 'db-2'], affinity: 'negative', disabled: false },
        { type: 'node-affinity', id: 'gpu-hosts', resources: ['gpu-1'], nodes: [{ node: 'pve3', priority: 2 }, { node: 'pve2', priority: 1 }], strict: true, disabled: false },
        // group web: nodes pve1:2,pve2, restricted 0 -> not strict; nofailback 1 -> failback off
        { type: 'node-affinity', id: 'ha-group-web', resources: ['web-1', 'web-2'], nodes: [{ node: 'pve1', priority: 2 }, { node: 'pve2', priority: 0 }], strict: false, disabled: false },
      ],
      // gpu-1 has failback 0 in resources.cfg and is alone in gpu-hosts; web-1/2 by the group
      noFailback: ['gpu-1', 'web-1', 'web-2'],
    });
    expect(cluster.policy.strategy).toBe('pve-static');
  });

  it('states every assumption it made', () => {
    const codes = run().notes.map((note) => note.code);
    expect(new Set(codes)).toEqual(new Set([
      'node-size-from-resources', 'host-reserve', 'pci-mappings-as-gpus', 'raw-pci-pinned', 'disk-not-on-storage', 'guests-skipped',
      'guests-status-unknown', 'memory-policy', 'node-offline', 'guest-several-pools', 'pool-capacity-unknown', 'pool-served-by',
      'pool-external', 'ha-not-managed', 'ha-restarts-not-modelled', 'group-converted', 'crs-rebalance-not-modelled', 'crs', 'policy-defaults',
    ]));
  });

  it('writes files that load back as the same cluster', () => {
    const result = run();
    const dir = mkdtempSync(join(tmpdir(), 'headroom-import-'));
    scratch.push(dir);
    for (const file of scenarioFiles(result)) writeFileSync(join(dir, file.name), file.content);
    expect(loadScenario(join(dir, 'prod3.yaml'))).toEqual(result.cluster);
  });

  it('--memory balloon counts the balloon floor', () => {
    const vm = run({ memory: 'balloon' }).cluster.vms.find((candidate) => candidate.name === 'db-1')!;
    expect(vm.memGiB).toBe(8); // balloon: 8192 MiB
  });

  it('--include-stopped counts the stopped guest on its node, so its disk is no longer held', () => {
    const { cluster } = run({ includeStopped: true });
    expect(cluster.vms.find((vm) => vm.name === 'old-app')).toMatchObject({ currentNode: 'pve2', vcpus: 2, memGiB: 4, diskGiB: 20, pool: 'local-lvm' });
    // 1782579 MiB, nothing held on pve2 any more
    expect((cluster.pools.find((pool) => pool.name === 'local-lvm') as LocalPool).capacityGiBByNode['pve2']).toBe(1782579 / 1024);
  });

  it('--served-by overrides the address match, and must name a shared pool and a node', () => {
    expect((run({ servedBy: { 'ceph-ext': 'pve1' } }).cluster.pools.find((pool) => pool.name === 'ceph-ext') as SharedPool).servedBy).toBe('pve1');
    expect(issueOf(() => run({ servedBy: { tank: 'pve1' } }))).toEqual({ file: '--served-by', field: 'POOL', value: 'tank', expected: 'a shared pool of storage.cfg (ceph-ext, nas)' });
    expect(issueOf(() => run({ servedBy: { nas: 'pve9' } }))).toEqual({ file: '--served-by', field: 'nas.NODE', value: 'pve9', expected: 'a node of the cluster (pve1, pve2, pve3)' });
  });

  it('a restricted group becomes a strict rule; a dynamic scheduler is written as static', () => {
    const dir = copy();
    writeFileSync(join(dir, 'etc-pve/ha/groups.cfg'), 'group: web\n\tnodes pve1:2,pve2\n\trestricted 1\n');
    writeFileSync(join(dir, 'etc-pve/datacenter.cfg'), 'crs: ha=dynamic\n');
    const result = run({}, dir);
    expect(result.cluster.ha!.rules.find((rule) => rule.id === 'ha-group-web')).toMatchObject({ strict: true });
    expect(result.cluster.ha!.noFailback).toEqual(['gpu-1']);
    expect(result.cluster.ha!.crs).toBe('static');
    expect(result.notes).toContainEqual({ code: 'crs', mode: 'static', source: 'dynamic-as-static' });
  });

  it('an lxc without cores counts every thread of its node; a name taken twice gets the vmid', () => {
    const dir = copy();
    writeFileSync(join(dir, 'etc-pve/nodes/pve2/lxc/201.conf'), 'hostname: dns-1\nmemory: 512\nrootfs: local-lvm:vm-201-disk-0,size=8G\n');
    const { cluster, notes } = run({}, dir);
    expect(cluster.vms.find((vm) => vm.name === 'dns-1-201')).toMatchObject({ vcpus: 32, currentNode: 'pve2' });
    expect(notes).toContainEqual({ code: 'guest-renamed', guest: { vmid: 201, name: 'dns-1' }, as: 'dns-1-201' });
    expect(notes).toContainEqual({ code: 'lxc-all-cores', guest: { vmid: 201, name: 'dns-1' }, vcpus: 32 });
  });

  it('a shared pool whose server is a node by name, or an lvm on an iSCSI LUN that node serves, is served by it', () => {
    const dir = copy();
    const storage = readFileSync(join(THREE_NODE, 'etc-pve/storage.cfg'), 'utf8').replace('server 10.0.0.12', 'server pve1');
    writeFileSync(join(dir, 'etc-pve/storage.cfg'), `${storage}\niscsi: lun\n\tportal 10.0.0.13:3260\n\ttarget iqn.2026-01.example:pve\n\tcontent none\n\nlvm: san\n\tvgname vg_san\n\tbase lun:0.0.1.scsi-3600\n\tshared 1\n\tcontent images\n`);
    const { cluster, notes } = run({}, dir);
    expect(cluster.pools.filter((pool) => pool.kind === 'shared').map((pool) => [pool.name, (pool as SharedPool).servedBy])).toEqual([['ceph-ext', null], ['nas', 'pve1'], ['san', 'pve3']]); // by id
    expect(notes).toContainEqual({ code: 'pool-served-by', pool: 'san', node: 'pve3', how: 'address', address: '10.0.0.13' });
  });

  it('a rule naming a stopped guest and one that does not exist keeps the rest, saying why each was left out', () => {
    const dir = copy();
    writeFileSync(join(dir, 'etc-pve/ha/resources.cfg'), 'vm: 100\n\tstate started\n\nvm: 106\n\tstate started\n\nvm: 999\n\tstate started\n');
    writeFileSync(join(dir, 'etc-pve/ha/rules.cfg'), 'node-affinity: keep\n\tnodes pve1,pve9\n\tresources vm:100,vm:106,vm:999\n');
    const { cluster, notes } = run({}, dir);
    expect(cluster.ha!.rules).toEqual([{ type: 'node-affinity', id: 'keep', resources: ['db-1'], nodes: [{ node: 'pve1', priority: 0 }], strict: false, disabled: false }]);
    expect(notes.filter((note) => note.code.startsWith('rule-') || note.code === 'ha-resource-unknown')).toEqual([
      { code: 'ha-resource-unknown', sid: 'vm:999' },
      { code: 'rule-resource-dropped', rule: 'keep', sid: 'vm:106', why: 'not-imported' },
      { code: 'rule-resource-dropped', rule: 'keep', sid: 'vm:999', why: 'unknown' },
      { code: 'rule-node-dropped', rule: 'keep', node: 'pve9' },
    ]);
  });

  it.each([
    ['a disk on a storage storage.cfg does not define', 'etc-pve/nodes/pve1/qemu-server/105.conf', 'boot: order=scsi0\nscsi0: fast:vm-105-disk-0,size=16G\n', { line: 2, field: 'scsi0.storage', value: 'fast' }],
    ['a mapping pci.cfg does not define', 'etc-pve/nodes/pve1/qemu-server/105.conf', 'hostpci0: mapping=gpu-h100\nscsi0: local-lvm:vm-105-disk-0,size=16G\n', { line: 1, field: 'hostpci0.mapping', value: 'gpu-h100' }],
    ['a rule of an unknown type', 'etc-pve/ha/rules.cfg', 'node-anti-affinity: x\n\tresources vm:100\n', { line: 1, field: 'x.type', value: 'node-anti-affinity' }],
    ['an HA state that does not exist', 'etc-pve/ha/resources.cfg', 'vm: 100\n\tstate running\n', { line: 2, field: 'vm:100.state', value: 'running' }],
  ])('refuses %s, naming the file and line', (_name, file, text, expected) => {
    const dir = copy();
    writeFileSync(join(dir, file), text);
    expect(issueOf(() => run({}, dir))).toMatchObject({ file: join(dir, file), ...expected });
  });
});

describe('importProxmox on the small dump (files missing)', () => {
  const SMALL = join(import.meta.dirname, '../../../fixtures/proxmox-dump/small');

  it('says each missing file and what stood in for it; a guest on a local and a shared pool is held by the local one', () => {
    const result = importProxmox(readDump(SMALL));
    expect(result.notes.filter((note) => note.code === 'missing-file')).toEqual([
      { code: 'missing-file', file: 'etc-pve/datacenter.cfg' },
      { code: 'missing-file', file: 'etc-pve/ha/groups.cfg' },
      { code: 'missing-file', file: 'etc-pve/ha/rules.cfg' },
      { code: 'missing-file', file: 'etc-pve/mapping/pci.cfg' },
    ]);
    expect(result.cluster.ha!.crs).toBe('basic');
    // db-01: 200G on ceph-vm (shared), 500G on local-lvm (local): local-lvm holds it, 200 GiB held off ceph-vm
    expect(result.cluster.vms.find((candidate) => candidate.name === 'db-01')).toMatchObject({ pool: 'local-lvm', diskGiB: 500 });
    expect(result.notes).toContainEqual({ code: 'guest-several-pools', guest: { vmid: 101, name: 'db-01' }, pool: 'local-lvm', reserved: [{ pool: 'ceph-vm', diskGiB: 200 }] });
  });
});

describe('a guest with no disk', () => {
  it('goes to the empty pool no-disk that every node reaches, and the files still load back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'headroom-import-'));
    try {
      cpSync(THREE_NODE, dir, { recursive: true });
      writeFileSync(join(dir, 'etc-pve/nodes/pve1/qemu-server/105.conf'), 'cores: 1\nmemory: 2048\nname: fax-gw\n');
      const result = importProxmox(readDump(dir));
      expect(result.cluster.vms.find((vm) => vm.name === 'fax-gw')).toMatchObject({ pool: 'no-disk', diskGiB: 0 });
      expect(result.cluster.pools.at(-1)).toEqual({ name: 'no-disk', kind: 'shared', media: 'none', capacityGiB: 0, servedBy: null, reachableFrom: ['pve1', 'pve2', 'pve3'] });
      const out = join(dir, 'scenario');
      mkdirSync(out);
      for (const file of scenarioFiles(result)) writeFileSync(join(out, file.name), file.content);
      expect(loadScenario(join(out, 'prod3.yaml'))).toEqual(result.cluster);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
