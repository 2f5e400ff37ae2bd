/**
 * A seeded Proxmox VE dump of any size, in the layout and formats `headroom import proxmox` reads
 * (README, "Importing a Proxmox VE cluster"): for `npm run bench:import` and the test that imports
 * 2,000 guests on 64 nodes. Same options and seed, same bytes.
 *
 * The cluster: nodes node01..nodeNN of three hardware models, the last one offline (no status
 * file); storage local-lvm (lvmthin, every node), ceph (rbd, external monitors) and nas (nfs served
 * by node01's address); a PCI mapping `gpu-l4` on every eighth node. Guests: 85% qemu, 15% lxc,
 * sizes from a short menu, disks on local-lvm or ceph (some on both), 1% templates, 5% stopped,
 * 30% HA with a negative resource-affinity rule per 10 HA guests and a node-affinity rule per 25;
 * every 40th qemu guest passes through a mapped GPU. `counts` says what an import must count.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MinstdRand0 } from '../../src/engine/packing/minstd.js';

export interface GeneratedDumpCounts {
  nodes: number;
  offlineNodes: number;
  guests: number;
  templates: number;
  stopped: number;
  /** Guests an import counts by default: not templates, not stopped. */
  counted: number;
  haCounted: number;
}

const GiB = 1024 ** 3;
const MODELS = [
  { cpus: 64, memGiB: 512, model: 'AMD EPYC 9354P 32-Core Processor' },
  { cpus: 48, memGiB: 384, model: 'Intel(R) Xeon(R) Gold 6342 CPU @ 2.80GHz' },
  { cpus: 32, memGiB: 256, model: 'AMD EPYC 7313P 16-Core Processor' },
];
const SIZES = [
  { cores: 1, memMiB: 1024, diskG: 16 },
  { cores: 2, memMiB: 4096, diskG: 32 },
  { cores: 4, memMiB: 8192, diskG: 64 },
  { cores: 8, memMiB: 16384, diskG: 128 },
  { cores: 8, memMiB: 32768, diskG: 256 },
];

export function writeGeneratedDump(dir: string, options: { nodes: number; guests: number; seed: number }): GeneratedDumpCounts {
  const rng = new MinstdRand0(options.seed);
  const pick = <T>(items: readonly T[]): T => items[rng.uniformInt(0, items.length - 1)]!;
  const nodeNames = Array.from({ length: options.nodes }, (_, i) => `node${String(i + 1).padStart(2, '0')}`);
  const offline = nodeNames[nodeNames.length - 1]!;
  const hardware = new Map(nodeNames.map((name) => [name, pick(MODELS)]));
  const gpuNodes = nodeNames.filter((_, i) => i % 8 === 0);
  const file = (relative: string, text: string): void => {
    mkdirSync(join(dir, relative, '..'), { recursive: true });
    writeFileSync(join(dir, relative), text);
  };

  file('etc-pve/storage.cfg', 'dir: local\n\tpath /var/lib/vz\n\tcontent iso,vztmpl,backup\n\nlvmthin: local-lvm\n\tthinpool data\n\tvgname pve\n\tcontent rootdir,images\n\nrbd: ceph\n\tcontent images,rootdir\n\tkrbd 0\n\tmonhost 192.0.2.11 192.0.2.12 192.0.2.13\n\tpool vms\n\nnfs: nas\n\texport /export/pve\n\tpath /mnt/pve/nas\n\tserver 10.1.0.1\n\tcontent images\n');
  file('etc-pve/datacenter.cfg', 'keyboard: en-us\ncrs: ha=static\n');
  file('etc-pve/corosync.conf', `nodelist {\n${nodeNames.map((name, i) => `  node {\n    name: ${name}\n    nodeid: ${i + 1}\n    quorum_votes: 1\n    ring0_addr: 10.1.0.${i + 1}\n  }\n`).join('')}}\n\nquorum {\n  provider: corosync_votequorum\n}\n\ntotem {\n  cluster_name: generated\n  config_version: 3\n  version: 2\n}\n`);
  file('etc-pve/mapping/pci.cfg', `gpu-l4\n${gpuNodes.map((node) => `\tmap node=${node},path=0000:41:00.0,id=10de:27b8,iommugroup=41\n`).join('')}`);

  const resources: object[] = nodeNames.map((name) => {
    const { cpus, memGiB } = hardware.get(name)!;
    return name === offline
      ? { id: `node/${name}`, type: 'node', node: name, status: 'offline', maxcpu: cpus, maxmem: memGiB * GiB, maxdisk: 100 * GiB }
      : { id: `node/${name}`, type: 'node', node: name, status: 'online', maxcpu: cpus, cpu: 0.2, maxmem: memGiB * GiB, mem: 0.5 * memGiB * GiB, maxdisk: 100 * GiB, disk: 10 * GiB, uptime: 86400 };
  });
  const counts: GeneratedDumpCounts = { nodes: options.nodes, offlineNodes: 1, guests: options.guests, templates: 0, stopped: 0, counted: 0, haCounted: 0 };
  const haSids: string[] = [];
  const haNodeOf = new Map<string, string>();
  for (let i = 0; i < options.guests; i++) {
    const vmid = 100 + i;
    const node = pick(nodeNames);
    const kind = rng.uniform() < 0.85 ? 'qemu' : 'lxc';
    const size = pick(SIZES);
    const template = kind === 'qemu' && rng.uniform() < 0.01;
    const stopped = !template && rng.uniform() < 0.05;
    const onCeph = rng.uniform() < 0.6;
    const name = `${kind === 'qemu' ? 'vm' : 'ct'}-${String(i).padStart(4, '0')}`;
    const pool = onCeph ? 'ceph' : 'local-lvm';
    const gpu = kind === 'qemu' && !template && i % 40 === 0 && gpuNodes.includes(node);
    const lines =
      kind === 'qemu'
        ? [`cores: ${size.cores}`, `memory: ${size.memMiB}`, `name: ${name}`, `onboot: 1`, `scsi0: ${pool}:vm-${vmid}-disk-0,size=${size.diskG}G`, ...(i % 7 === 0 ? [`scsi1: local-lvm:vm-${vmid}-disk-1,size=8G`] : []), ...(gpu ? ['hostpci0: mapping=gpu-l4,pcie=1'] : []), ...(template ? ['template: 1'] : [])]
        : [`cores: ${size.cores}`, `hostname: ${name}`, `memory: ${size.memMiB}`, `rootfs: ${pool}:vm-${vmid}-disk-0,size=${size.diskG}G`, `swap: 512`];
    file(`etc-pve/nodes/${node}/${kind === 'qemu' ? 'qemu-server' : 'lxc'}/${vmid}.conf`, `${lines.sort().join('\n')}\n`);
    const status = node === offline ? 'unknown' : stopped ? 'stopped' : 'running';
    resources.push({ id: `${kind}/${vmid}`, type: kind, vmid, node, name, status, template: template ? 1 : 0, maxcpu: size.cores, maxmem: size.memMiB * 1024 * 1024, maxdisk: size.diskG * GiB, cpu: 0, mem: 0, disk: 0, uptime: 0 });
    if (template) counts.templates++;
    else if (status === 'stopped') counts.stopped++;
    else counts.counted++;
    const counted = !template && status !== 'stopped';
    if (counted && rng.uniform() < 0.3) {
      const sid = `${kind === 'qemu' ? 'vm' : 'ct'}:${vmid}`;
      haSids.push(sid);
      haNodeOf.set(sid, node);
      counts.haCounted++;
    }
  }
  file('etc-pve/ha/resources.cfg', haSids.map((sid) => `${sid.replace(':', ': ')}\n\tstate started\n`).join('\n'));
  const rules: string[] = [];
  for (let start = 0; start + 1 < haSids.length; start += 10) {
    rules.push(`resource-affinity: apart-${start}\n\taffinity negative\n\tresources ${haSids.slice(start, start + 2).join(',')}\n`);
  }
  for (let start = 5; start < haSids.length; start += 25) {
    const sid = haSids[start]!;
    rules.push(`node-affinity: home-${start}\n\tnodes ${haNodeOf.get(sid)}\n\tresources ${sid}\n\tstrict 0\n`);
  }
  file('etc-pve/ha/rules.cfg', rules.join('\n'));

  for (const node of nodeNames) {
    for (const [storage, plugintype, shared, maxdisk] of [['local-lvm', 'lvmthin', 0, 8192 * GiB], ['ceph', 'rbd', 1, 262144 * GiB], ['nas', 'nfs', 1, 65536 * GiB]] as const) {
      resources.push(node === offline ? { id: `storage/${node}/${storage}`, type: 'storage', node, storage, plugintype, shared, content: 'images', status: 'unknown' } : { id: `storage/${node}/${storage}`, type: 'storage', node, storage, plugintype, shared, content: 'images', status: 'available', maxdisk, disk: 0 });
    }
    if (node !== offline) {
      const { cpus, memGiB, model } = hardware.get(node)!;
      file(`api/nodes/${node}/status.json`, `${JSON.stringify({ cpuinfo: { cpus, model, sockets: 1 }, memory: { total: memGiB * GiB, used: 0, free: memGiB * GiB } })}\n`);
    }
  }
  file('api/cluster-resources.json', `[${resources.map((entry) => JSON.stringify(entry)).join(',\n')}]\n`);
  file('api/cluster-status.json', `[${[{ type: 'cluster', id: 'cluster', name: 'generated', nodes: options.nodes, quorate: 1, version: 3 }, ...nodeNames.map((name, i) => ({ type: 'node', id: `node/${name}`, name, nodeid: i + 1, online: name === offline ? 0 : 1, local: i === 0 ? 1 : 0, ip: `10.1.0.${i + 1}` }))].map((entry) => JSON.stringify(entry)).join(',\n')}]\n`);
  return counts;
}
