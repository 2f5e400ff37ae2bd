import { describe, expect, it } from 'vitest';
import { readStorageCfg } from '../../../../src/io/proxmox/dump/storage.js';
import { issueOf } from '../../../support/input-issue.js';

// storage.cfg from the doc (section 5), plus a cephfs with a monhost list and a shared dir.
const STORAGE = `dir: local
	path /var/lib/vz
	content iso,vztmpl,backup
	nodes pve-a

lvmthin: local-lvm
	thinpool data
	vgname pve
	content rootdir,images

zfspool: fast-zfs
	pool rpool/fast
	content images,rootdir
	sparse
	nodes pve-a,pve-b

nfs: nas-backup
	server 192.0.2.10
	export /export/pve
	path /mnt/pve/nas-backup
	content backup,iso

iscsi: san0
	portal 192.0.2.20:3260
	target iqn.2003-01.org.example:pve
	content none

lvm: san0-lvm
	vgname vg_san0
	base san0:0.0.1.scsi-36001405abcdef
	shared 1
	content images

rbd: ceph-vm
	pool vm-pool
	content images,rootdir
	krbd 0
	shared 0

cephfs: cephfs
	monhost 10.0.0.11 10.0.0.12;[2001:db8::13]:6789
	content backup
	disable

dir: nas-dir
	path /mnt/pve/nas
	content images
`;

describe('storage.cfg', () => {
  const pools = readStorageCfg(STORAGE, 'storage.cfg');
  const byId = (id: string) => pools.find((pool) => pool.id === id)!;

  it('reads every pool in file order with its header line', () => {
    expect(pools.map((pool) => `${pool.type}:${pool.id}@${pool.line}`)).toEqual([
      'dir:local@1', 'lvmthin:local-lvm@6', 'zfspool:fast-zfs@11', 'nfs:nas-backup@17', 'iscsi:san0@23',
      'lvm:san0-lvm@28', 'rbd:ceph-vm@34', 'cephfs:cephfs@40', 'dir:nas-dir@45',
    ]);
  });

  it('applies the sharing rules: always shared, shared only when flagged, never shared', () => {
    const shared = Object.fromEntries(pools.map((pool) => [pool.id, pool.shared]));
    expect(shared).toEqual({
      local: false, // dir without `shared 1`
      'local-lvm': false, // lvmthin: always local
      'fast-zfs': false, // zfspool: always local
      'nas-backup': true, // nfs: always shared
      san0: true, // iscsi: always shared
      'san0-lvm': true, // lvm with `shared 1`
      'ceph-vm': true, // rbd: shared even though the file says `shared 0`
      cephfs: true,
      'nas-dir': false,
    });
  });

  it('reads nodes restrictions, content, disable and server addresses', () => {
    expect(byId('fast-zfs').nodes).toEqual(['pve-a', 'pve-b']);
    expect(byId('local-lvm').nodes).toBeNull(); // no `nodes`: every node
    expect(byId('local-lvm').content).toEqual(['rootdir', 'images']);
    expect(byId('nas-backup').servers).toEqual(['192.0.2.10']);
    expect(byId('san0').servers).toEqual(['192.0.2.20']); // the portal's port dropped
    expect(byId('san0-lvm').servers).toEqual(['192.0.2.20']); // base san0:0.0.1...: the LUN's portal
    expect(byId('cephfs').servers).toEqual(['10.0.0.11', '10.0.0.12', '2001:db8::13']);
    expect(byId('cephfs').disabled).toBe(true); // bare `disable` is the flag 1
    expect(byId('ceph-vm').disabled).toBe(false);
    expect(byId('local-lvm').servers).toEqual([]);
  });

  it("drops the `nodes` restriction of `local`, as Proxmox does", () => {
    expect(byId('local').nodes).toBeNull();
  });

  it('adds the implicit `local` when the file lacks it (or is empty)', () => {
    expect(readStorageCfg('', 'storage.cfg')).toEqual([
      { id: 'local', type: 'dir', line: null, shared: false, nodes: null, content: ['iso', 'vztmpl', 'backup'], disabled: false, servers: [] },
    ]);
  });

  it('refuses an unknown storage type at its header line', () => {
    const issue = issueOf(() => readStorageCfg('dir: local\n\tpath /var/lib/vz\n\nfoo: weird\n\tpath /x\n', 'storage.cfg'));
    expect(issue).toMatchObject({ file: 'storage.cfg', line: 4, field: 'weird.type', value: 'foo' });
    expect(issue.expected).toMatch(/^a storage type \(iscsi, .*dir, lvm, lvmthin, zfspool/);
  });

  it('refuses a shared flag that is not 0 or 1', () => {
    expect(issueOf(() => readStorageCfg('dir: d\n\tpath /x\n\tshared yes\n', 'storage.cfg'))).toEqual({
      file: 'storage.cfg', line: 3, field: 'd.shared', value: 'yes', expected: '0 or 1',
    });
  });
});
