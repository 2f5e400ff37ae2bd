import { describe, expect, it } from 'vitest';
import { corosyncText, datacenterText, guestConfigText } from '../../../../src/io/proxmox/api/render.js';
import { readCorosyncConf } from '../../../../src/io/proxmox/dump/corosync.js';
import { readDatacenterCfg } from '../../../../src/io/proxmox/dump/datacenter.js';
import { readGuestConfig } from '../../../../src/io/proxmox/dump/guest-config.js';
import { issueOf } from '../../../support/input-issue.js';

const URL = 'https://pve:8006/api2/json/nodes/pve1/lxc/200/config?current=1';

describe('API answers written back as the files Proxmox writes', () => {
  it('writes a guest config as pve-container does: description first, keys sorted, raw lxc pairs', () => {
    const text = guestConfigText({ rootfs: 'local-lvm:vm-200-disk-0,size=8G', cores: 2, digest: 'abc', description: 'Resolver\nsecond line\n', lxc: [['lxc.cgroup2.devices.allow', 'c 10:200 rwm']], memory: 1024 }, URL);
    expect(text).toBe('#Resolver\n#second line\ncores: 2\nlxc.cgroup2.devices.allow: c 10:200 rwm\nmemory: 1024\nrootfs: local-lvm:vm-200-disk-0,size=8G\n');
    // 8 GiB = 8 * 1024^3 bytes, on line 6 as the file would hold it.
    expect(readGuestConfig(text, URL, 'lxc').disks).toEqual([{ key: 'rootfs', storage: 'local-lvm', volume: 'local-lvm:vm-200-disk-0', sizeBytes: 8 * 1024 ** 3, line: 6 }]);
  });

  it('refuses a value that is not one line, naming the JSON path', () => {
    expect(issueOf(() => guestConfigText({ cores: { n: 2 } }, URL))).toMatchObject({ file: URL, field: '$.data.cores', expected: 'a string on one line or a number' });
    expect(issueOf(() => guestConfigText({ name: 'a\nb' }, URL))).toMatchObject({ field: '$.data.name' });
    expect(issueOf(() => guestConfigText([], URL))).toMatchObject({ field: '$.data', expected: 'an object' });
  });

  it('reads an LMS QDevice without votes, and the host without its port', () => {
    const urls = { totem: 't', nodes: 'n', qdevice: 'q' };
    const text = corosyncText({ totem: { cluster_name: 'prod' }, nodes: [{ node: 'a', name: 'a', nodeid: '1', quorum_votes: '1', ring0_addr: '10.0.0.1' }], qdevice: { Model: 'Net', Algorithm: 'LMS', 'QNetd host': '[2001:db8::5]:5403' }, urls });
    expect(readCorosyncConf(text, 'n')).toMatchObject({ clusterName: 'prod', qdevice: { votes: null, model: 'net', algorithm: 'lms', host: '2001:db8::5' } });
    expect(issueOf(() => corosyncText({ totem: {}, nodes: [], qdevice: { Model: 'Net', Algorithm: 'Test', 'QNetd host': 'x' }, urls }))).toMatchObject({ file: 'q', field: '$.data.Algorithm', value: 'Test' });
  });

  it('writes cluster options back as datacenter.cfg property strings', () => {
    const text = datacenterText({ description: 'x\n', mac_prefix: 'BC:24:11', crs: { 'ha-rebalance-on-start': 1, ha: 'static' }, keyboard: 'en-us' }, 'o');
    expect(text).toBe('crs: ha=static,ha-rebalance-on-start=1\nkeyboard: en-us\nmac_prefix: BC:24:11\n');
    expect(readDatacenterCfg(text, 'o')).toEqual({ crs: 'static', defaulted: false, rebalanceOnStart: true, autoRebalance: false });
  });
});
