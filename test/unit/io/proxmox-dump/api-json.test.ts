import { describe, expect, it } from 'vitest';
import { readClusterResources, readClusterStatus, readNodeStatus } from '../../../../src/io/proxmox/dump/api-json.js';
import { issueOf } from '../../../support/input-issue.js';

// The doc's /cluster/resources (section 2), trimmed, plus an sdn entry that must be ignored.
const RESOURCES = JSON.stringify([
  { id: 'node/pve-a', type: 'node', node: 'pve-a', status: 'online', level: 'c', maxcpu: 64, cpu: 0.183, maxmem: 540965306368, mem: 201326592000, maxdisk: 100861726720, uptime: 1209600, hastate: 'online' },
  { id: 'node/pve-b', type: 'node', node: 'pve-b', status: 'offline', level: 'c', maxcpu: 64, maxmem: 540965306368, maxdisk: 100861726720 },
  { id: 'qemu/101', type: 'qemu', vmid: 101, node: 'pve-a', name: 'db-01', status: 'running', template: 0, maxcpu: 8, cpu: 0.41, maxmem: 34359738368, mem: 27917287424, maxdisk: 214748364800, tags: 'db;prod', pool: 'prod', hastate: 'started' },
  { id: 'lxc/201', type: 'lxc', vmid: 201, node: 'pve-a', name: 'dns-1', status: 'running', maxcpu: 2, maxmem: 1073741824, maxdisk: 8589934592 },
  { id: 'qemu/9000', type: 'qemu', vmid: 9000, node: 'pve-a', name: 'tmpl-debian', status: 'stopped', template: 1, maxcpu: 2, cpu: 0, maxmem: 2147483648, mem: 0, maxdisk: 10737418240 },
  { id: 'storage/pve-a/ceph-vm', type: 'storage', node: 'pve-a', storage: 'ceph-vm', plugintype: 'rbd', shared: 1, content: 'images,rootdir', status: 'available', maxdisk: 12094627905536, disk: 3298534883328 },
  { id: 'storage/pve-b/local-lvm', type: 'storage', node: 'pve-b', storage: 'local-lvm', plugintype: 'lvmthin', shared: 0, content: 'images', status: 'unknown' },
  { id: '/pool/prod', type: 'pool', pool: 'prod' },
  { id: 'sdn/pve-a/localnetwork', type: 'sdn', sdn: 'localnetwork', node: 'pve-a', status: 'ok' },
]);

describe('cluster-resources.json', () => {
  const resources = readClusterResources(RESOURCES, 'api/cluster-resources.json');

  it('reads nodes, an offline one without cpu and mem', () => {
    expect(resources.nodes).toEqual([
      { node: 'pve-a', status: 'online', maxcpu: 64, maxmem: 540965306368, cpu: 0.183, mem: 201326592000 },
      { node: 'pve-b', status: 'offline', maxcpu: 64, maxmem: 540965306368, cpu: null, mem: null },
    ]);
  });

  it('reads guests with tags split on ;, a template flagged, and absent fields as null or false', () => {
    expect(resources.guests.map((g) => [g.kind, g.vmid, g.template, g.tags, g.pool, g.hastate])).toEqual([
      ['qemu', 101, false, ['db', 'prod'], 'prod', 'started'],
      ['lxc', 201, false, [], null, null], // no template key: not a template
      ['qemu', 9000, true, [], null, null],
    ]);
  });

  it('reads storage per node; unknown status leaves the sizes null; pools and sdn are ignored', () => {
    expect(resources.storages).toEqual([
      { storage: 'ceph-vm', node: 'pve-a', plugintype: 'rbd', shared: true, status: 'available', maxdisk: 12094627905536, disk: 3298534883328 },
      { storage: 'local-lvm', node: 'pve-b', plugintype: 'lvmthin', shared: false, status: 'unknown', maxdisk: null, disk: null },
    ]);
  });

  it('accepts the API envelope {"data": [...]} as the same value', () => {
    expect(readClusterResources(`{"data":${RESOURCES}}`, 'r.json')).toEqual(resources);
  });

  it('refuses a wrong shape, naming the JSON path', () => {
    expect(issueOf(() => readClusterResources('{"nodes":[]}', 'api/cluster-resources.json'))).toEqual({
      file: 'api/cluster-resources.json', field: '$', value: { nodes: [] }, expected: 'an array',
    });
    const badMem = JSON.stringify([{ id: 'node/a', type: 'node', node: 'a', status: 'online', maxcpu: 4, maxmem: '8G' }]);
    expect(issueOf(() => readClusterResources(badMem, 'r.json'))).toEqual({ file: 'r.json', field: '$[0].maxmem', value: '8G', expected: 'a number >= 0' });
    expect(issueOf(() => readClusterResources('[{"id":"qemu/1","type":"qemu","node":"a"}]', 'r.json'))).toMatchObject({ field: '$[0].vmid', value: undefined });
    expect(issueOf(() => readClusterResources('[42]', 'r.json'))).toMatchObject({ field: '$[0]', expected: 'an object' });
    expect(issueOf(() => readClusterResources('[{"id":"x"}]', 'r.json'))).toMatchObject({ field: '$[0].type', expected: 'a string' });
  });

  it('refuses text that is not JSON', () => {
    expect(issueOf(() => readClusterResources('[{', 'r.json'))).toMatchObject({ file: 'r.json', field: '$', expected: 'JSON as pvesh --output-format json writes it' });
  });
});

describe('cluster-status.json', () => {
  const STATUS = JSON.stringify([
    { type: 'cluster', id: 'cluster', name: 'prod', nodes: 2, quorate: 1, version: 7 },
    { type: 'node', id: 'node/pve-a', name: 'pve-a', nodeid: 1, online: 1, local: 1, ip: '10.0.0.11', level: 'c' },
    { type: 'node', id: 'node/pve-b', name: 'pve-b', nodeid: 2, online: 0, local: 0, ip: '10.0.0.12', level: 'c' },
  ]);

  it('reads the cluster name, quorum and members', () => {
    expect(readClusterStatus(STATUS, 'api/cluster-status.json')).toEqual({
      name: 'prod',
      quorate: true,
      nodes: [
        { name: 'pve-a', nodeid: 1, online: true, ip: '10.0.0.11' },
        { name: 'pve-b', nodeid: 2, online: false, ip: '10.0.0.12' },
      ],
    });
  });

  it('refuses an online that is not 0 or 1', () => {
    expect(issueOf(() => readClusterStatus('[{"type":"node","name":"a","nodeid":1,"online":"yes"}]', 's.json'))).toEqual({
      file: 's.json', field: '$[0].online', value: 'yes', expected: '0 or 1',
    });
  });
});

describe('nodes/<node>/status.json', () => {
  it('reads host threads, memory total and the CPU model', () => {
    const text = JSON.stringify({ cpuinfo: { cpus: 64, sockets: 2, cores: 16, model: 'AMD EPYC' }, memory: { total: 540965306368, used: 1, free: 2 }, uptime: 5 });
    expect(readNodeStatus(text, 'api/nodes/pve-a/status.json')).toEqual({ cpus: 64, memoryTotal: 540965306368, cpuModel: 'AMD EPYC' });
  });

  it('reads a status without a CPU model as model null', () => {
    expect(readNodeStatus('{"cpuinfo":{"cpus":8},"memory":{"total":1024}}', 's.json')).toEqual({ cpus: 8, memoryTotal: 1024, cpuModel: null });
  });

  it('refuses a missing cpuinfo, naming the path', () => {
    expect(issueOf(() => readNodeStatus('{"memory":{"total":1}}', 'api/nodes/pve-a/status.json'))).toEqual({
      file: 'api/nodes/pve-a/status.json', field: '$.cpuinfo', value: undefined, expected: 'an object',
    });
  });
});
