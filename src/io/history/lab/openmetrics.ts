/**
 * Writes a history as the OpenMetrics text that prometheus-pve-exporter's scrapes would have
 * stored, for `promtool tsdb create-blocks-from openmetrics` (a real Prometheus in the tests).
 * Families and labels as the exporter has them (../shared/docs/prometheus-in-tests.md): value
 * gauges with one `id` label (`node/<node>`, `qemu/<vmid>`, VMIDs 101, 102, ... in vms.csv
 * order), `pve_up`, and `pve_guest_info{id,node,name,type,template,tags}` (the only place a
 * guest's node appears), each with `job` and `instance`. Usage comes from the history's cpu,
 * memGiB and diskGiB series (one start and length per entity); sizes and limits from the
 * scenario (a node's disk size: the sum of its guests' disks, as its disk use is). An entity has
 * samples where its cpu series has a value. Each family's lines are contiguous and each series'
 * samples in time order (promtool drops out-of-order samples); the file ends with `# EOF`.
 * Written to a temporary file and renamed into place.
 */
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import type { Cluster } from '../../../engine/model/cluster.js';
import type { History, HistorySeries } from '../../../engine/model/history.js';
import { InvariantError } from '../../../errors.js';
import { PVE_METRICS } from '../prometheus.js';

const GIB = 2 ** 30;
const SCRAPE = 'job="pve",instance="node01:9221"';

interface Entity {
  labels: string;
  usage: Record<'cpu' | 'memGiB' | 'diskGiB', HistorySeries>;
  sizes: { cpuLimit: number; memSizeGiB: number; diskSizeGiB: number };
  /** pve_guest_info's labels; null for a node. */
  info: string | null;
}

interface Family {
  name: string;
  help: string;
  value: (entity: Entity, i: number) => number;
  guestsOnly?: boolean;
}

const bytes = (gib: number) => Math.round(gib * GIB);

const FAMILIES: readonly Family[] = [
  { name: PVE_METRICS.cpu.name, help: 'CPU in use, fraction of the CPUs', value: (e, i) => e.usage.cpu.values[i]! },
  { name: PVE_METRICS.cpuLimit.name, help: 'CPUs (guest vCPUs, node threads)', value: (e) => e.sizes.cpuLimit },
  { name: PVE_METRICS.memGiB.name, help: 'memory in use, bytes', value: (e, i) => bytes(e.usage.memGiB.values[i]!) },
  { name: PVE_METRICS.memSizeGiB.name, help: 'memory size, bytes', value: (e) => bytes(e.sizes.memSizeGiB) },
  { name: PVE_METRICS.diskGiB.name, help: 'disk in use, bytes', value: (e, i) => bytes(e.usage.diskGiB.values[i]!) },
  { name: PVE_METRICS.diskSizeGiB.name, help: 'disk size, bytes', value: (e) => bytes(e.sizes.diskSizeGiB) },
  { name: 'pve_up', help: 'node online or guest running', value: () => 1 },
  { name: 'pve_guest_info', help: 'guest name, node and type', value: () => 1, guestsOnly: true },
];

export function writeOpenMetrics(path: string, history: History, cluster: Cluster): void {
  const entities = entitiesOf(history, cluster);
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    for (const family of FAMILIES) {
      writeSync(fd, `# HELP ${family.name} ${family.help}\n# TYPE ${family.name} gauge\n`);
      for (const entity of entities) {
        if (family.guestsOnly && entity.info === null) continue;
        const labels = family.guestsOnly ? entity.info : entity.labels;
        const { startSeconds, stepSeconds, values } = entity.usage.cpu;
        const lines: string[] = [];
        values.forEach((cpu, i) => {
          if (!Number.isNaN(cpu)) lines.push(`${family.name}{${labels},${SCRAPE}} ${family.value(entity, i)} ${startSeconds + i * stepSeconds}\n`);
        });
        writeSync(fd, lines.join(''));
      }
    }
    writeSync(fd, '# EOF\n');
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

function entitiesOf(history: History, cluster: Cluster): Entity[] {
  const usageOf = (name: string): Entity['usage'] => {
    const pick = (metric: 'cpu' | 'memGiB' | 'diskGiB') => history.series.find((s) => s.entity === name && s.metric === metric);
    const usage = { cpu: pick('cpu'), memGiB: pick('memGiB'), diskGiB: pick('diskGiB') };
    const all = Object.values(usage);
    if (all.some((s) => s === undefined || s.startSeconds !== usage.cpu!.startSeconds || s.values.length !== usage.cpu!.values.length)) {
      throw new InvariantError('OpenMetrics needs cpu, memGiB and diskGiB series of one start and length per entity', name);
    }
    return usage as Entity['usage'];
  };
  const guests = cluster.vms.flatMap((vm, index) => {
    const node = history.guestNode[vm.name];
    if (node === undefined) return [];
    const id = `qemu/${101 + index}`;
    const info = `id="${id}",node="${node}",name="${vm.name}",type="qemu",template="0",tags=""`;
    return [{ node, entity: { labels: `id="${id}"`, usage: usageOf(vm.name), sizes: { cpuLimit: vm.vcpus, memSizeGiB: vm.memGiB, diskSizeGiB: vm.diskGiB }, info } }];
  });
  const nodes = cluster.nodes.map((node) => {
    const diskSizeGiB = guests.filter((guest) => guest.node === node.name).reduce((sum, guest) => sum + guest.entity.sizes.diskSizeGiB, 0);
    return { labels: `id="node/${node.name}"`, usage: usageOf(node.name), sizes: { cpuLimit: node.cpuThreads, memSizeGiB: node.memGiB, diskSizeGiB }, info: null };
  });
  return [...nodes, ...guests.map((guest) => guest.entity)];
}
