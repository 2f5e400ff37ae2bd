/**
 * The guests of a dump, each joined with its cluster-resources entry, sized and sorted by vmid.
 *
 * - Counted: every guest but templates, and stopped guests only with `includeStopped`. A guest
 *   whose status is neither running nor stopped (on an offline node Proxmox reports `unknown`)
 *   counts: it runs again when its node returns.
 * - vCPUs as HA's static scheduler derives them (`vcpus`, else sockets x cores; lxc `cores`, and
 *   an lxc without `cores` may use every thread of its host). Memory: the configured MiB, or with
 *   the `balloon` policy the floor ballooning may shrink it to.
 * - Disks: whole MiB per storage; a disk on a storage storage.cfg does not define is an input
 *   error at its config line, as is a `mapping=` that mapping/pci.cfg does not define. Checked on
 *   every guest, templates too: the files are wrong wherever the line is.
 * - PCI: a mapped device is a GPU of its mapping's model; a raw PCI id pins the guest to its node.
 */
import type { GuestRef, ImportNote } from '../../../engine/model/import-notes.js';
import { InputError } from '../../../errors.js';
import type { ResourceGuest } from '../dump/api-json.js';
import type { DumpGuest, ProxmoxDump } from '../dump/read-dump.js';
import { demandMiB } from './units.js';

export type MemoryPolicy = 'max' | 'balloon';

export interface GuestDraft {
  vmid: number;
  kind: 'qemu' | 'lxc';
  node: string;
  /** The Proxmox name (qemu `name`, lxc `hostname`), or `vm-<vmid>` / `ct-<vmid>` when unset. */
  proxmoxName: string;
  status: string;
  counted: boolean;
  vcpus: number;
  memoryMiB: number;
  memoryFloorMiB: number;
  /** The memory that counts under the memory policy. */
  memMiB: number;
  /** MiB per storage id, in the order the config names them. */
  diskMiB: Map<string, number>;
  gpus: number;
  gpuModel: string | null;
  /** The node a raw PCI id pins the guest to, or null. */
  pinnedTo: string | null;
  tags: string[];
  onboot: boolean;
}

export interface GuestOptions {
  memory: MemoryPolicy;
  includeStopped: boolean;
}

export function draftGuests(dump: ProxmoxDump, threadsOf: (node: string) => number, options: GuestOptions, notes: ImportNote[]): GuestDraft[] {
  const resources = new Map(dump.resources.guests.map((entry) => [`${entry.kind}/${entry.vmid}`, entry]));
  const configs = new Map(dump.guests.map((guest) => [`${guest.kind}/${guest.vmid}`, guest]));
  const keys = [...new Set([...configs.keys(), ...resources.keys()])].sort((a, b) => vmidOf(a) - vmidOf(b) || a.localeCompare(b));
  const drafts = keys.map((key) => {
    const config = configs.get(key);
    const resource = resources.get(key);
    const draft = config === undefined ? fromResources(resource!, threadsOf, options, notes) : fromConfig(config, resource, dump, threadsOf, options, notes);
    if (resource === undefined) notes.push({ code: 'guest-not-in-resources', guest: refOf(draft) });
    return draft;
  });
  noteSelection(drafts, dump, options, notes);
  return drafts;
}

export const refOf = (guest: Pick<GuestDraft, 'vmid' | 'proxmoxName'>): GuestRef => ({ vmid: guest.vmid, name: guest.proxmoxName });

const vmidOf = (key: string): number => Number(key.slice(key.indexOf('/') + 1));

function fromConfig(config: DumpGuest, resource: ResourceGuest | undefined, dump: ProxmoxDump, threadsOf: (node: string) => number, options: GuestOptions, notes: ImportNote[]): GuestDraft {
  const proxmoxName = config.name ?? resource?.name ?? defaultName(config.kind, config.vmid);
  const status = resource?.status ?? 'unknown';
  const template = config.template || resource?.template === true;
  const counted = !template && (status !== 'stopped' || options.includeStopped);
  const ref = { vmid: config.vmid, name: proxmoxName };
  const vcpus = config.vcpus ?? threadsOf(config.node);
  if (config.vcpus === null && counted) notes.push({ code: 'lxc-all-cores', guest: ref, vcpus });
  return {
    vmid: config.vmid,
    kind: config.kind,
    node: config.node,
    proxmoxName,
    status,
    counted,
    vcpus,
    memoryMiB: config.memoryMiB,
    memoryFloorMiB: config.memoryFloorMiB,
    memMiB: options.memory === 'max' ? config.memoryMiB : config.memoryFloorMiB,
    diskMiB: disksOf(config, dump, counted ? notes : [], ref),
    ...pciOf(config, dump, counted ? notes : [], ref),
    tags: config.tags,
    onboot: config.onboot,
  };
}

function fromResources(resource: ResourceGuest, threadsOf: (node: string) => number, options: GuestOptions, notes: ImportNote[]): GuestDraft {
  const proxmoxName = resource.name ?? defaultName(resource.kind, resource.vmid);
  const counted = !resource.template && (resource.status !== 'stopped' || options.includeStopped);
  if (counted) notes.push({ code: 'guest-without-config', guest: { vmid: resource.vmid, name: proxmoxName } });
  const memoryMiB = demandMiB(resource.maxmem);
  return {
    vmid: resource.vmid,
    kind: resource.kind,
    node: resource.node,
    proxmoxName,
    status: resource.status,
    counted,
    // An lxc's maxcpu 0 means no limit: every thread of its host.
    vcpus: resource.maxcpu > 0 ? resource.maxcpu : threadsOf(resource.node),
    memoryMiB,
    memoryFloorMiB: memoryMiB,
    memMiB: memoryMiB,
    diskMiB: new Map(),
    gpus: 0,
    gpuModel: null,
    pinnedTo: null,
    tags: resource.tags,
    onboot: false,
  };
}

const defaultName = (kind: 'qemu' | 'lxc', vmid: number): string => `${kind === 'qemu' ? 'vm' : 'ct'}-${vmid}`;

function disksOf(config: DumpGuest, dump: ProxmoxDump, notes: ImportNote[], guest: GuestRef): Map<string, number> {
  const known = new Set(dump.storage.map((pool) => pool.id));
  const perStorage = new Map<string, number>();
  for (const disk of config.disks) {
    if (disk.storage === null) {
      notes.push({ code: 'disk-not-on-storage', guest, disk: disk.key, volume: disk.volume });
      continue;
    }
    if (!known.has(disk.storage)) {
      throw new InputError({ file: config.file, line: disk.line, field: `${disk.key}.storage`, value: disk.storage, expected: `a storage that storage.cfg defines (${[...known].join(', ')})` });
    }
    if (disk.sizeBytes === null) notes.push({ code: 'disk-size-unknown', guest, disk: disk.key });
    perStorage.set(disk.storage, (perStorage.get(disk.storage) ?? 0) + demandMiB(disk.sizeBytes ?? 0));
  }
  return perStorage;
}

function pciOf(config: DumpGuest, dump: ProxmoxDump, notes: ImportNote[], guest: GuestRef): Pick<GuestDraft, 'gpus' | 'gpuModel' | 'pinnedTo'> {
  const mappings = new Set(dump.pciMappings.map((section) => section.id));
  const models: string[] = [];
  const rawIds: string[] = [];
  for (const device of config.pci) {
    if ('hostIds' in device) {
      rawIds.push(...device.hostIds);
      continue;
    }
    if (!mappings.has(device.mapping)) {
      throw new InputError({ file: config.file, line: device.line, field: `${device.key}.mapping`, value: device.mapping, expected: `a mapping that mapping/pci.cfg defines (${[...mappings].join(', ') || 'it defines none'})` });
    }
    models.push(device.mapping);
  }
  if (rawIds.length > 0) notes.push({ code: 'raw-pci-pinned', guest, node: config.node, devices: rawIds });
  const distinct = [...new Set(models)];
  if (distinct.length > 1) notes.push({ code: 'guest-several-gpu-models', guest, counted: distinct[0]!, ignored: distinct.slice(1) });
  return {
    gpus: models.filter((model) => model === distinct[0]).length,
    gpuModel: distinct[0] ?? null,
    pinnedTo: rawIds.length > 0 ? config.node : null,
  };
}

function noteSelection(drafts: readonly GuestDraft[], dump: ProxmoxDump, options: GuestOptions, notes: ImportNote[]): void {
  const templates = new Set([...dump.guests.filter((guest) => guest.template).map((guest) => guest.vmid), ...dump.resources.guests.filter((guest) => guest.template).map((guest) => guest.vmid)]);
  const refs = (keep: (draft: GuestDraft) => boolean): GuestRef[] => drafts.filter(keep).map(refOf);
  const skippedTemplates = refs((draft) => templates.has(draft.vmid));
  const stopped = refs((draft) => !templates.has(draft.vmid) && draft.status === 'stopped');
  const unknown = refs((draft) => draft.counted && draft.status !== 'running' && draft.status !== 'stopped');
  if (skippedTemplates.length > 0) notes.push({ code: 'guests-skipped', reason: 'template', guests: skippedTemplates });
  if (stopped.length > 0) notes.push(options.includeStopped ? { code: 'guests-stopped-included', guests: stopped } : { code: 'guests-skipped', reason: 'stopped', guests: stopped });
  if (unknown.length > 0) notes.push({ code: 'guests-status-unknown', guests: unknown });
  const ballooning = drafts.filter((draft) => draft.counted && draft.memoryFloorMiB < draft.memoryMiB);
  if (ballooning.length > 0) {
    const differenceMiB = ballooning.reduce((sum, draft) => sum + draft.memoryMiB - draft.memoryFloorMiB, 0);
    notes.push({ code: 'memory-policy', policy: options.memory, ballooning: ballooning.length, differenceGiB: differenceMiB / 1024 });
  }
}
