import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readDump } from '../../../../src/io/proxmox/dump/read-dump.js';
import { issueOf } from '../../../support/input-issue.js';

const SMALL = join(import.meta.dirname, '../../../fixtures/proxmox-dump/small');
const GiB = 1024 ** 3;

describe('readDump', () => {
  const copies: string[] = [];
  const copyOfSmall = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'headroom-dump-'));
    copies.push(dir);
    cpSync(SMALL, dir, { recursive: true });
    return dir;
  };
  afterEach(() => copies.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('reads the small dump: every file through its reader, guests sorted by node then vmid', () => {
    const dump = readDump(SMALL);
    expect(dump.guests.map(({ node, vmid, kind, vcpus, memoryMiB, template }) => ({ node, vmid, kind, vcpus, memoryMiB, template }))).toEqual([
      { node: 'pve-a', vmid: 101, kind: 'qemu', vcpus: 8, memoryMiB: 32768, template: false }, // 2 sockets x 4 cores
      { node: 'pve-a', vmid: 9000, kind: 'qemu', vcpus: 2, memoryMiB: 2048, template: true },
      { node: 'pve-b', vmid: 201, kind: 'lxc', vcpus: 2, memoryMiB: 1024, template: false },
    ]);
    // 101's cdrom is not a disk: 200G on ceph-vm and 500G on local-lvm.
    expect(dump.guests[0]!.disks.map((d) => [d.storage, d.sizeBytes])).toEqual([['ceph-vm', 200 * GiB], ['local-lvm', 500 * GiB]]);
    expect(dump.storage.map((pool) => [pool.id, pool.shared])).toEqual([['ceph-vm', true], ['local', false], ['local-lvm', false]]); // by id
    expect(dump.corosync!.nodes.map((node) => node.ring0Addr)).toEqual(['10.0.0.11', '10.0.0.12']);
    expect(dump.corosync!.qdevice!.votes).toBe(1);
    expect(dump.haResources.map((section) => `${section.type}:${section.id}`)).toEqual(['vm:101', 'ct:201']);
    expect(dump.resources.nodes.map((node) => node.status)).toEqual(['online', 'offline']);
    expect(dump.clusterStatus).toMatchObject({ name: 'small', quorate: true });
    expect(dump.nodeStatus).toEqual({ 'pve-a': { cpus: 64, memoryTotal: 540965306368, cpuModel: 'AMD EPYC 7302' } });
  });

  it('lists the optional files that are missing, sorted', () => {
    expect(readDump(SMALL).missing).toEqual(['api/nodes/pve-b/status.json', 'etc-pve/datacenter.cfg', 'etc-pve/ha/groups.cfg', 'etc-pve/ha/rules.cfg', 'etc-pve/mapping/pci.cfg']);
  });

  it('assumes the implicit local storage when storage.cfg is missing, and no corosync without its file', () => {
    const dir = copyOfSmall();
    rmSync(join(dir, 'etc-pve/storage.cfg'));
    rmSync(join(dir, 'etc-pve/corosync.conf'));
    const dump = readDump(dir);
    expect(dump.storage.map((pool) => pool.id)).toEqual(['local']);
    expect(dump.corosync).toBeNull();
    expect(dump.missing).toContain('etc-pve/storage.cfg');
    expect(dump.missing).toContain('etc-pve/corosync.conf');
  });

  it('refuses a dump without cluster-resources.json', () => {
    const dir = copyOfSmall();
    rmSync(join(dir, 'api/cluster-resources.json'));
    expect(issueOf(() => readDump(dir))).toEqual({ file: dir, field: 'api/cluster-resources.json', value: undefined, expected: 'the dump to hold api/cluster-resources.json' });
  });

  it('passes on a bad file with its full path and line', () => {
    const dir = copyOfSmall();
    writeFileSync(join(dir, 'etc-pve/nodes/pve-b/lxc/201.conf'), 'cores: 2\nrootfs local-lvm:vm-201-disk-0\n');
    expect(issueOf(() => readDump(dir))).toMatchObject({ file: join(dir, 'etc-pve/nodes/pve-b/lxc/201.conf'), line: 2, field: 'line' });
  });
});
