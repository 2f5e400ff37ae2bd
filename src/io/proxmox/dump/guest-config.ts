/**
 * A guest's config file: qemu `nodes/<node>/qemu-server/<vmid>.conf` (qemu-server
 * `parse_vm_config`) or lxc `nodes/<node>/lxc/<vmid>.conf` (pve-container `LXC/Config.pm`).
 *
 * - Lines are `key: value`; `#` lines are the description; blank lines are skipped.
 * - `[name]` starts a snapshot, `[PENDING]` or `[special:cloudinit]` section. Only the current
 *   config, before the first of them, sizes the guest; later lines are still checked for syntax,
 *   since a malformed file is malformed wherever the bad line is.
 * - Raw `lxc.*` keys may repeat (several `lxc.cgroup2.devices.allow`) and size nothing: skipped.
 * - vCPUs: qemu `vcpus` when set, else `sockets` x `cores` (defaults 1); lxc `cores`, absent
 *   meaning every host thread (null). `cpulimit` is kept apart (0 = none, null).
 * - memory: MiB, default 512; qemu 8.x may write the property string `current=<MiB>`. The floor
 *   it may balloon down to is `balloon` when above 0; absent or 0 (ballooning off) it is the memory.
 * - Disks: qemu `ideN`, `sataN`, `scsiN`, `virtioN`, `efidisk0`, `tpmstate0`; lxc `rootfs`, `mpN`;
 *   both `unusedN` (a detached volume still takes space, with no size written). A cdrom
 *   (`media=cdrom`), `none` and a cloud-init drive (`vm-<id>-cloudinit`) are not disks. A volume
 *   that is a host path (a passed-through device, a bind mount) has no storage: storage null.
 * - Sizes are `size=<n>[K|M|G|T]` (no unit = bytes), read into bytes; another unit is an error.
 * - `hostpciN`: `mapping=<id>` (resolved through mapping/pci.cfg) or `[host=]<pci ids>` joined by `;`.
 */
import { InputError } from '../../../errors.js';

export type GuestKind = 'qemu' | 'lxc';

export interface GuestDisk {
  /** The config key, e.g. `scsi0`, `rootfs`, `mp1`, `unused0`. */
  key: string;
  /** The storage id before `:`; null for a host path. */
  storage: string | null;
  volume: string;
  /** null when the line states no size (`unusedN`, a host path). */
  sizeBytes: number | null;
  line: number;
}

export type GuestPci = { key: string; line: number; mapping: string } | { key: string; line: number; hostIds: string[] };

export interface GuestConfig {
  kind: GuestKind;
  file: string;
  /** null for an lxc without `cores`: it may use every host thread. */
  vcpus: number | null;
  cpuLimit: number | null;
  memoryMiB: number;
  memoryFloorMiB: number;
  disks: GuestDisk[];
  pci: GuestPci[];
  tags: string[];
  onboot: boolean;
  template: boolean;
  /** qemu `name`, lxc `hostname`; null when unset. */
  name: string | null;
}

interface Value {
  value: string;
  line: number;
}

const LINE = /^([a-z][a-z0-9_.-]*):\s*(.*?)\s*$/;
const QEMU_DISK = /^(ide\d+|sata\d+|scsi\d+|virtio\d+|efidisk0|tpmstate0|unused\d+)$/;
const LXC_DISK = /^(rootfs|mp\d+|unused\d+)$/;
const SIZE = /^(\d+(?:\.\d+)?)([A-Za-z]?)$/;
const UNIT: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };

export function readGuestConfig(text: string, file: string, kind: GuestKind): GuestConfig {
  const current = currentSection(text, file);
  const at = (key: string): Value | undefined => current.get(key);
  const int = (key: string, fallback: number, min: number): number => integer(at(key), key, file, min) ?? fallback;
  const memoryMiB = memory(at('memory'), file) ?? 512;
  const balloon = kind === 'qemu' ? integer(at('balloon'), 'balloon', file, 0) : undefined;
  const diskKey = kind === 'qemu' ? QEMU_DISK : LXC_DISK;
  const entries = [...current]; // Map order is file order
  return {
    kind,
    file,
    vcpus: kind === 'qemu' ? (integer(at('vcpus'), 'vcpus', file, 1) ?? int('sockets', 1, 1) * int('cores', 1, 1)) : (integer(at('cores'), 'cores', file, 1) ?? null),
    cpuLimit: positiveOrNull(decimal(at('cpulimit'), 'cpulimit', file)),
    memoryMiB,
    memoryFloorMiB: balloon === undefined || balloon === 0 ? memoryMiB : balloon,
    disks: entries.flatMap(([key, value]) => (diskKey.test(key) ? disk(key, value, file) : [])),
    pci: kind === 'qemu' ? entries.flatMap(([key, value]) => (/^hostpci\d+$/.test(key) ? [pci(key, value, file)] : [])) : [],
    tags: at('tags')?.value.split(/[;,\s]+/).filter((tag) => tag !== '') ?? [],
    onboot: bool(at('onboot'), 'onboot', file) ?? false,
    template: bool(at('template'), 'template', file) ?? false,
    name: at(kind === 'qemu' ? 'name' : 'hostname')?.value ?? null,
  };
}

/** The `key: value` pairs before the first `[section]`, every line of the file checked. */
function currentSection(text: string, file: string): Map<string, Value> {
  const current = new Map<string, Value>();
  let inCurrent = true;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]!.replace(/\r$/, '');
    const line = index + 1;
    if (raw.trim() === '' || raw.startsWith('#')) continue;
    if (/^\[[^\]]+\]\s*$/.test(raw)) {
      inCurrent = false;
      continue;
    }
    const match = LINE.exec(raw);
    if (match === null) throw new InputError({ file, line, field: 'line', value: raw, expected: "'key: value'" });
    const key = match[1]!;
    if (!inCurrent || key.startsWith('lxc.')) continue;
    const earlier = current.get(key);
    if (earlier !== undefined) throw new InputError({ file, line, field: key, value: match[2]!, expected: `'${key}' once (first at line ${earlier.line})` });
    current.set(key, { value: match[2]!, line });
  }
  return current;
}

/** A property string `[<positional>,]k=v,...`: its one unnamed part (the default key) and its options. */
function propertyString(value: string): { positional: string | undefined; options: Map<string, string> } {
  const parts = value.split(',');
  const positional = parts[0]!.includes('=') ? undefined : parts[0];
  const named = parts.filter((part) => part.includes('='));
  return { positional, options: new Map(named.map((part) => [part.slice(0, part.indexOf('=')), part.slice(part.indexOf('=') + 1)])) };
}

function disk(key: string, { value, line }: Value, file: string): GuestDisk[] {
  const { positional, options } = propertyString(value);
  // qemu names the default key `file`, lxc `volume`.
  const volume = positional ?? options.get('file') ?? options.get('volume') ?? '';
  if (volume === 'none' || options.get('media') === 'cdrom' || /(^|[:/])vm-\d+-cloudinit/.test(volume)) return [];
  const colon = volume.indexOf(':');
  const storage = volume.startsWith('/') || colon < 0 ? null : volume.slice(0, colon);
  const size = options.get('size');
  return [{ key, storage, volume, sizeBytes: size === undefined ? null : bytes(size, `${key}.size`, file, line), line }];
}

function bytes(size: string, field: string, file: string, line: number): number {
  const match = SIZE.exec(size);
  const unit = match === null ? undefined : UNIT[match[2]!];
  if (match === null || unit === undefined) throw new InputError({ file, line, field, value: size, expected: 'a size <number>[K|M|G|T]' });
  return Math.round(Number(match[1]) * unit);
}

function pci(key: string, { value, line }: Value, file: string): GuestPci {
  const { positional, options } = propertyString(value);
  const mapping = options.get('mapping');
  if (mapping !== undefined && mapping !== '') return { key, line, mapping };
  const host = positional ?? options.get('host');
  if (host === undefined || host === '') throw new InputError({ file, line, field: key, value, expected: "'mapping=<id>' or '[host=]<pci id>[;...]'" });
  return { key, line, hostIds: host.split(';') };
}

/** qemu 8.x writes memory as `[current=]<MiB>`. */
function memory(entry: Value | undefined, file: string): number | undefined {
  if (entry === undefined) return undefined;
  const { positional, options } = propertyString(entry.value);
  const mib = positional ?? options.get('current') ?? '';
  return integer({ value: mib, line: entry.line }, 'memory', file, 1);
}

function integer(entry: Value | undefined, field: string, file: string, min: number): number | undefined {
  if (entry === undefined) return undefined;
  if (!/^\d+$/.test(entry.value) || Number(entry.value) < min) {
    throw new InputError({ file, line: entry.line, field, value: entry.value, expected: `a whole number >= ${min}` });
  }
  return Number(entry.value);
}

function decimal(entry: Value | undefined, field: string, file: string): number | undefined {
  if (entry === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(entry.value)) throw new InputError({ file, line: entry.line, field, value: entry.value, expected: 'a number >= 0' });
  return Number(entry.value);
}

/** `cpulimit` 0 means no limit. */
function positiveOrNull(value: number | undefined): number | null {
  return value === undefined || value === 0 ? null : value;
}

/** Proxmox booleans: 0/1, also written yes/no, on/off, true/false. */
function bool(entry: Value | undefined, field: string, file: string): boolean | undefined {
  if (entry === undefined) return undefined;
  const value = entry.value.toLowerCase();
  if (['1', 'yes', 'on', 'true'].includes(value)) return true;
  if (['0', 'no', 'off', 'false'].includes(value)) return false;
  throw new InputError({ file, line: entry.line, field, value: entry.value, expected: '0 or 1' });
}
