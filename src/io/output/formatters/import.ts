/** Renders what `import proxmox` mapped: nodes, guests, pools, rules, classes, then every assumption. */
import { importNoteText } from '../../../engine/report/explain.js';
import type { ProxmoxImport } from '../../proxmox/import/map-dump.js';

const gib = (value: number): string => `${Number.isInteger(value) ? value : value.toFixed(2)} GiB`;

export function renderImport(scenario: string, { cluster, guests, notes }: ProxmoxImport): string {
  const offline = new Set(notes.flatMap((note) => (note.code === 'node-offline' ? [note.node] : [])));
  const counted = guests.filter((guest) => guest.counted);
  const haVms = cluster.vms.filter((vm) => vm.ha).length;
  const kinds = (['qemu', 'lxc'] as const).map((kind) => `${counted.filter((guest) => guest.kind === kind).length} ${kind}`).join(', ');
  return [
    `Imported Proxmox VE cluster ${cluster.name} into ${scenario}`,
    `Nodes (${cluster.nodes.length}): ${cluster.nodes.map((node) => `${node.name} ${node.cpuThreads} threads ${gib(node.memGiB)}${node.gpus > 0 ? ` ${node.gpus} GPU ${node.gpuModel}` : ''}, ${node.votes} vote(s)${offline.has(node.name) ? ' (offline)' : ''}`).join('; ')}${cluster.qdevice === undefined ? '' : `; QDevice ${cluster.qdevice.votes} vote(s)`}`,
    `Guests: ${counted.length} counted of ${guests.length} (${kinds}), ${haVms} HA, in ${cluster.classes.length} classes`,
    `Pools (${cluster.pools.length}): ${cluster.pools.map((pool) => (pool.kind === 'local' ? `${pool.name} local on ${Object.keys(pool.capacityGiBByNode).join(', ')}` : `${pool.name} shared ${gib(pool.capacityGiB)}, ${pool.servedBy === null ? 'external' : `served by ${pool.servedBy}`}`)).join('; ')}`,
    `HA: crs ${cluster.ha!.crs}, ${cluster.ha!.rules.length} rule(s)${cluster.ha!.rules.map((rule) => `\n  ${rule.id}: ${rule.type}${rule.type === 'resource-affinity' ? ` ${rule.affinity}` : `${rule.strict ? ' strict' : ''} on ${rule.nodes.map((n) => (n.priority === 0 ? n.node : `${n.node}:${n.priority}`)).join(', ')}`} for ${rule.resources.join(', ')}${rule.disabled ? ' (disabled)' : ''}`).join('')}`,
    `Classes: ${cluster.classes.map((vmClass) => `${vmClass.name} (${cluster.vms.filter((vm) => vm.className === vmClass.name).length})`).join(', ')}`,
    `Assumptions (${notes.length}):`,
    ...notes.map((note) => `  - ${importNoteText(note)}`),
  ].join('\n');
}
