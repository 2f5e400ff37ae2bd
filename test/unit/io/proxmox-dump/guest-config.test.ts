import { describe, expect, it } from 'vitest';
import { readGuestConfig } from '../../../../src/io/proxmox/dump/guest-config.js';
import { issueOf } from '../../../support/input-issue.js';

const GiB = 1024 ** 3;

// The doc's VM (section 3), with a cdrom, a cloud-init drive, an unused volume and a
// passed-through disk added; its snapshot [pre-upgrade] holds older values that must not count.
const VM = `#Primary Postgres
boot: order=scsi0;net0
cores: 4
sockets: 2
cpu: x86-64-v3
memory: 32768
balloon: 16384
numa: 1
hostpci0: mapping=gpu-l4,pcie=1
hostpci1: 0000:41:00.0;0000:41:00.1,pcie=1
scsihw: virtio-scsi-single
scsi0: ceph-vm:vm-101-disk-0,iothread=1,size=200G
scsi1: local-lvm:vm-101-disk-1,size=500G
efidisk0: ceph-vm:vm-101-disk-2,efitype=4m,size=1M
tpmstate0: ceph-vm:vm-101-disk-3,size=4M,version=v2.0
ide2: local:iso/debian-12.iso,media=cdrom,size=628M
ide0: local-lvm:vm-101-cloudinit,media=cdrom
sata0: none,media=cdrom
virtio1: /dev/disk/by-id/ata-SAMSUNG_1234,size=1.5T
unused0: local-lvm:vm-101-disk-9
net0: virtio=BC:24:11:5A:10:01,bridge=vmbr0,tag=20
name: db-01
onboot: 1
ostype: l26
tags: db;prod

[pre-upgrade]
cores: 2
memory: 16384
scsi0: ceph-vm:vm-101-disk-0,iothread=1,size=100G
snaptime: 1790000000
`;

// The doc's container (section 4) with a volume mount point and a bind mount.
const CT = `arch: amd64
cores: 2
memory: 1024
swap: 512
hostname: dns-1
rootfs: local-lvm:vm-201-disk-0,size=8G
mp0: ceph-vm:vm-201-disk-1,mp=/srv/data,size=64G
mp1: /mnt/host/share,mp=/share
net0: name=eth0,bridge=vmbr0,ip=dhcp,type=veth
lxc.cgroup2.devices.allow: c 10:200 rwm
lxc.cgroup2.devices.allow: c 195:* rwm
unprivileged: 1
tags: infra
`;

describe('qemu guest config', () => {
  const vm = readGuestConfig(VM, 'nodes/pve-a/qemu-server/101.conf', 'qemu');

  it('sizes the current config, not the snapshot: 2 sockets x 4 cores, 32768 MiB ballooning to 16384', () => {
    expect(vm).toMatchObject({ kind: 'qemu', vcpus: 8, cpuLimit: null, memoryMiB: 32768, memoryFloorMiB: 16384, name: 'db-01', onboot: true, template: false, tags: ['db', 'prod'] });
  });

  it('lists every disk with its storage and size in bytes; cdroms, none and cloud-init are not disks', () => {
    expect(vm.disks.map(({ key, storage, sizeBytes, line }) => ({ key, storage, sizeBytes, line }))).toEqual([
      { key: 'scsi0', storage: 'ceph-vm', sizeBytes: 200 * GiB, line: 12 }, // 200G, not the snapshot's 100G
      { key: 'scsi1', storage: 'local-lvm', sizeBytes: 500 * GiB, line: 13 },
      { key: 'efidisk0', storage: 'ceph-vm', sizeBytes: 1024 ** 2, line: 14 },
      { key: 'tpmstate0', storage: 'ceph-vm', sizeBytes: 4 * 1024 ** 2, line: 15 },
      { key: 'virtio1', storage: null, sizeBytes: 1.5 * 1024 ** 4, line: 19 }, // a host device: no storage
      { key: 'unused0', storage: 'local-lvm', sizeBytes: null, line: 20 }, // detached, no size written
    ]);
  });

  it('reads hostpci as a mapping name or raw PCI ids', () => {
    expect(vm.pci).toEqual([
      { key: 'hostpci0', line: 9, mapping: 'gpu-l4' },
      { key: 'hostpci1', line: 10, hostIds: ['0000:41:00.0', '0000:41:00.1'] },
    ]);
  });

  it('uses vcpus over sockets x cores, defaults 512 MiB, balloon 0 means no floor below memory, memory as current=', () => {
    expect(readGuestConfig('cores: 4\nsockets: 2\nvcpus: 3\n', 'a.conf', 'qemu')).toMatchObject({ vcpus: 3, memoryMiB: 512, memoryFloorMiB: 512 });
    expect(readGuestConfig('memory: current=4096\nballoon: 0\n', 'a.conf', 'qemu')).toMatchObject({ vcpus: 1, memoryMiB: 4096, memoryFloorMiB: 4096 });
    expect(readGuestConfig('template: 1\ncpulimit: 1.5\n', 'a.conf', 'qemu')).toMatchObject({ template: true, cpuLimit: 1.5, onboot: false, name: null });
  });

  it('refuses a line that is not key: value, naming file and line', () => {
    expect(issueOf(() => readGuestConfig('cores: 4\nthis is not a key\n', 'nodes/pve-a/qemu-server/101.conf', 'qemu'))).toEqual({
      file: 'nodes/pve-a/qemu-server/101.conf', line: 2, field: 'line', value: 'this is not a key', expected: "'key: value'",
    });
  });

  it('refuses a malformed line inside a snapshot too', () => {
    expect(issueOf(() => readGuestConfig('cores: 4\n\n[snap]\n= broken\n', 'x.conf', 'qemu'))).toMatchObject({ line: 4, value: '= broken' });
  });

  it('refuses a size with an unknown unit', () => {
    expect(issueOf(() => readGuestConfig('scsi0: local-lvm:vm-1-disk-0,size=32X\n', 'x.conf', 'qemu'))).toEqual({
      file: 'x.conf', line: 1, field: 'scsi0.size', value: '32X', expected: 'a size <number>[K|M|G|T]',
    });
  });

  it('refuses bad numbers, booleans, a repeated key and a hostpci without a device', () => {
    expect(issueOf(() => readGuestConfig('cores: four\n', 'x.conf', 'qemu'))).toMatchObject({ line: 1, field: 'cores', value: 'four', expected: 'a whole number >= 1' });
    expect(issueOf(() => readGuestConfig('onboot: maybe\n', 'x.conf', 'qemu'))).toMatchObject({ field: 'onboot', value: 'maybe', expected: '0 or 1' });
    expect(issueOf(() => readGuestConfig('cores: 2\ncores: 4\n', 'x.conf', 'qemu'))).toMatchObject({ line: 2, field: 'cores', expected: "'cores' once (first at line 1)" });
    expect(issueOf(() => readGuestConfig('hostpci0: pcie=1\n', 'x.conf', 'qemu'))).toMatchObject({ line: 1, field: 'hostpci0' });
  });
});

describe('lxc guest config', () => {
  const ct = readGuestConfig(CT, 'nodes/pve-a/lxc/201.conf', 'lxc');

  it('takes cores as vCPUs and memory without a balloon; repeated raw lxc.* keys are skipped', () => {
    expect(ct).toMatchObject({ kind: 'lxc', vcpus: 2, memoryMiB: 1024, memoryFloorMiB: 1024, name: 'dns-1', tags: ['infra'], pci: [] });
  });

  it('reads rootfs and volume mount points; a bind mount has no storage', () => {
    expect(ct.disks.map(({ key, storage, sizeBytes }) => ({ key, storage, sizeBytes }))).toEqual([
      { key: 'rootfs', storage: 'local-lvm', sizeBytes: 8 * GiB },
      { key: 'mp0', storage: 'ceph-vm', sizeBytes: 64 * GiB },
      { key: 'mp1', storage: null, sizeBytes: null },
    ]);
  });

  it('leaves vCPUs null without cores: the container may use every host thread', () => {
    expect(readGuestConfig('memory: 512\n', 'x.conf', 'lxc').vcpus).toBeNull();
  });
});
