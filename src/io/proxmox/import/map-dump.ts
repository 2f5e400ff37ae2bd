/**
 * A Proxmox VE cluster, as read from a dump folder (`readDump`) or the API (`readApi`), mapped to
 * a headroom scenario: the Cluster every command runs on, the guests as Proxmox knows them, and
 * every assumption as data (`ImportNote`, worded by engine/report/explain.ts). Pure: no file is
 * read or written here, so both readers give the same scenario for the same cluster.
 *
 * The steps, each in its own file: nodes (nodes.ts), guests (guests.ts), their names, pools and
 * each guest's one pool (pools.ts), HA (ha.ts), classes (classes.ts).
 */
import type { Cluster, Policy, VmRequirements, VmSpec } from '../../../engine/model/cluster.js';
import type { ImportNote } from '../../../engine/model/import-notes.js';
import { InputError } from '../../../errors.js';
import { NAME_PATTERN } from '../../loaders/cells.js';
import { DEFAULT_POLICY } from '../../loaders/scenario.js';
import type { ProxmoxDump } from '../dump/read-dump.js';
import { groupClasses } from './classes.js';
import { draftGuests, refOf, type GuestDraft, type MemoryPolicy } from './guests.js';
import { mapHa } from './ha.js';
import { mapNodes, mapQDevice } from './nodes.js';
import { mapPools } from './pools.js';
import { gib } from './units.js';

export interface ImportOptions {
  /** Which memory counts: the configured maximum, or the balloon floor. */
  memory: MemoryPolicy;
  includeStopped: boolean;
  /** `--served-by POOL=NODE`: the node that serves a shared pool. */
  servedBy: Readonly<Record<string, string>>;
}

export const DEFAULT_IMPORT_OPTIONS: ImportOptions = { memory: 'max', includeStopped: false, servedBy: {} };

/** A guest of the cluster, counted or not, as Proxmox knows it and as the scenario names it. */
export interface ImportedGuest {
  vmid: number;
  kind: 'qemu' | 'lxc';
  proxmoxName: string;
  node: string;
  status: string;
  counted: boolean;
  /** Scenario name and class; null when not counted. */
  name: string | null;
  className: string | null;
  vcpus: number;
  memoryMiB: number;
  memoryFloorMiB: number;
  diskGiBByPool: Record<string, number>;
  tags: string[];
  onboot: boolean;
}

export interface ProxmoxImport {
  cluster: Cluster;
  guests: ImportedGuest[];
  /** Optional dump files that were missing, relative to the dump. */
  missing: string[];
  notes: ImportNote[];
}

export function importProxmox(dump: ProxmoxDump, options: ImportOptions = DEFAULT_IMPORT_OPTIONS): ProxmoxImport {
  // A missing node status is said with the node (nodes.ts).
  const notes: ImportNote[] = dump.missing.filter((file) => !file.startsWith('api/nodes/')).map((file) => ({ code: 'missing-file', file }));
  const nodes = mapNodes(dump, notes);
  const nodeNames = nodes.map((node) => node.name);
  checkGuestNodes(dump, new Set(nodeNames));
  const threads = new Map(nodes.map((node) => [node.name, node.cpuThreads]));
  const drafts = draftGuests(dump, (node) => threads.get(node) ?? 1, options, notes);
  for (const entry of dump.resources.nodes.filter((node) => node.status !== 'online').sort((a, b) => a.node.localeCompare(b.node))) {
    notes.push({ code: 'node-offline', node: entry.node, guests: drafts.filter((draft) => draft.counted && draft.node === entry.node).length });
  }
  const names = scenarioNames(drafts, notes);
  const { pools, guests: placed } = mapPools(dump, drafts, nodes, options.servedBy, notes);
  const named = placed.map((guest) => ({ ...guest, name: names.get(guest.draft.vmid)! }));
  const ha = mapHa(dump, named, nodeNames, notes);
  const { classes, classOf } = groupClasses(
    named.map((guest) => ({ name: guest.name, ref: refOf(guest.draft), requirements: requirementsOf(guest.draft, guest.pool, guest.diskGiB, ha.haGuests.has(guest.name)), rules: ha.rulesOf.get(guest.name) ?? [] })),
  );
  const vms = named.map(({ draft, pool, diskGiB, name }): VmSpec => ({ ...requirementsOf(draft, pool, diskGiB, ha.haGuests.has(name)), name, className: classOf.get(name)!, currentNode: draft.node, replication: null }));
  const policy: Policy = { ...DEFAULT_POLICY, strategy: `pve-${ha.settings.crs}` };
  notes.push({ code: 'policy-defaults', strategy: policy.strategy });
  const qdevice = mapQDevice(dump, nodes.length, notes);
  const cluster: Cluster = { name: clusterName(dump), nodes, pools, classes, vms, policy, ha: ha.settings, ...(qdevice === null ? {} : { qdevice }) };
  return { cluster, guests: drafts.map((draft) => imported(draft, names, classOf)), missing: dump.missing, notes };
}

function requirementsOf(draft: GuestDraft, pool: string, diskGiB: number, ha: boolean): VmRequirements {
  return {
    vcpus: draft.vcpus,
    memGiB: gib(draft.memMiB),
    diskGiB,
    pool,
    gpus: draft.gpus,
    gpuModel: draft.gpuModel,
    antiAffinity: null,
    affinity: draft.pinnedTo === null ? null : { nodes: [draft.pinnedTo], strict: true },
    ha,
    haPriority: 0,
  };
}

/** The Proxmox name when it is a valid name no lower vmid holds, else `<name>-<vmid>`. */
function scenarioNames(drafts: readonly GuestDraft[], notes: ImportNote[]): Map<number, string> {
  const names = new Map<number, string>();
  const taken = new Set<string>();
  for (const draft of drafts.filter((candidate) => candidate.counted)) {
    const valid = NAME_PATTERN.test(draft.proxmoxName);
    let name = valid && !taken.has(draft.proxmoxName) ? draft.proxmoxName : `${valid ? draft.proxmoxName : draft.kind === 'qemu' ? 'vm' : 'ct'}-${draft.vmid}`;
    while (taken.has(name)) name = `${name}-${draft.vmid}`;
    if (name !== draft.proxmoxName) notes.push({ code: 'guest-renamed', guest: refOf(draft), as: name });
    taken.add(name);
    names.set(draft.vmid, name);
  }
  return names;
}

/** A guest config in a node folder that cluster-resources does not list: the dump contradicts itself. */
function checkGuestNodes(dump: ProxmoxDump, nodeNames: ReadonlySet<string>): void {
  const stray = dump.guests.find((guest) => !nodeNames.has(guest.node));
  if (stray !== undefined) throw new InputError({ file: stray.file, field: 'node', value: stray.node, expected: `a node that api/cluster-resources.json lists (${[...nodeNames].join(', ')})` });
}

function clusterName(dump: ProxmoxDump): string {
  const name = dump.corosync?.clusterName ?? dump.clusterStatus?.name ?? null;
  return name !== null && NAME_PATTERN.test(name) ? name : 'proxmox';
}

function imported(draft: GuestDraft, names: ReadonlyMap<number, string>, classOf: ReadonlyMap<string, string>): ImportedGuest {
  const name = names.get(draft.vmid) ?? null;
  return {
    vmid: draft.vmid,
    kind: draft.kind,
    proxmoxName: draft.proxmoxName,
    node: draft.node,
    status: draft.status,
    counted: draft.counted,
    name,
    className: name === null ? null : classOf.get(name)!,
    vcpus: draft.vcpus,
    memoryMiB: draft.memoryMiB,
    memoryFloorMiB: draft.memoryFloorMiB,
    diskGiBByPool: Object.fromEntries([...draft.diskMiB].map(([pool, mib]) => [pool, gib(mib)])),
    tags: draft.tags,
    onboot: draft.onboot,
  };
}
