/**
 * The dump's nodes as scenario nodes, sorted by name.
 *
 * - Threads `cpuinfo.cpus` and memory `memory.total` from the node's status; an offline node
 *   answers no status call, so its cluster-resources `maxcpu`/`maxmem` (its last report) stand in.
 * - Offline nodes stay: their guests run again when they return.
 * - Votes from corosync.conf (`quorum_votes`, default 1); the QDevice's votes as corosync gives
 *   them: the stated `votes`, else 1 for ffsplit and node count - 1 for lms.
 * - GPUs: the `map` lines of mapping/pci.cfg naming the node, one GPU each, of the mapping's id
 *   as model. The scenario holds one model per node: the one with the most devices (then by id).
 * - Every node keeps `HOST_RESERVE_GIB` for Proxmox VE itself, which no dump states.
 */
import type { NodeSpec, QDevice } from '../../../engine/model/cluster.js';
import type { ImportNote } from '../../../engine/model/import-notes.js';
import type { ProxmoxDump } from '../dump/read-dump.js';
import { capacityMiB, gib } from './units.js';

/** The Proxmox VE admin guide's minimum memory for the host OS and its services (2 GB). */
const HOST_RESERVE_GIB = 2;

export function mapNodes(dump: ProxmoxDump, notes: ImportNote[]): NodeSpec[] {
  const votes = new Map((dump.corosync?.nodes ?? []).map((node) => [node.name, node.quorumVotes]));
  const gpus = gpusByNode(dump);
  const nodes = [...dump.resources.nodes].sort((a, b) => a.node.localeCompare(b.node)).map((entry): NodeSpec => {
    const status = dump.nodeStatus[entry.node];
    if (status === undefined) notes.push({ code: 'node-size-from-resources', node: entry.node });
    if (dump.corosync !== null && !votes.has(entry.node)) notes.push({ code: 'node-votes-default', node: entry.node });
    const gpu = gpus.get(entry.node);
    if (gpu !== undefined && gpu.ignored.length > 0) notes.push({ code: 'node-several-gpu-models', node: entry.node, counted: gpu.model, ignored: gpu.ignored });
    return {
      name: entry.node,
      cpuModel: status?.cpuModel ?? '',
      cpuThreads: status?.cpus ?? entry.maxcpu,
      memGiB: gib(capacityMiB(status?.memoryTotal ?? entry.maxmem)),
      memReservedGiB: HOST_RESERVE_GIB,
      gpus: gpu?.count ?? 0,
      gpuModel: gpu?.model ?? null,
      netGbps: 0,
      domains: {},
      tags: [],
      votes: votes.get(entry.node) ?? 1,
    };
  });
  notes.push({ code: 'host-reserve', memReservedGiB: HOST_RESERVE_GIB });
  if (dump.pciMappings.length > 0) notes.push({ code: 'pci-mappings-as-gpus', mappings: dump.pciMappings.map((section) => section.id).sort() });
  return nodes;
}

/** Per node, the mapping with the most devices there (ties by id) and the mappings left out. */
function gpusByNode(dump: ProxmoxDump): Map<string, { model: string; count: number; ignored: string[] }> {
  const counts = new Map<string, Map<string, number>>();
  for (const mapping of dump.pciMappings) {
    for (const property of mapping.properties.filter((p) => p.key === 'map')) {
      const node = /(?:^|,)node=([^,]+)/.exec(property.value)?.[1];
      if (node === undefined) continue;
      const perModel = counts.get(node) ?? new Map<string, number>();
      perModel.set(mapping.id, (perModel.get(mapping.id) ?? 0) + 1);
      counts.set(node, perModel);
    }
  }
  return new Map(
    [...counts].map(([node, perModel]) => {
      const [[model, count], ...rest] = [...perModel].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      return [node, { model: model!, count: count!, ignored: rest.map(([id]) => id) }];
    }),
  );
}

export function mapQDevice(dump: ProxmoxDump, nodeCount: number, notes: ImportNote[]): QDevice | null {
  const device = dump.corosync?.qdevice;
  if (device === undefined || device === null) return null;
  const votes = device.votes ?? (device.algorithm === 'lms' ? Math.max(1, nodeCount - 1) : 1);
  notes.push({ code: 'qdevice', votes, algorithm: device.algorithm, votesStated: device.votes !== null });
  return { votes };
}
