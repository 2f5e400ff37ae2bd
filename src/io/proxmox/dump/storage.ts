/**
 * `/etc/pve/storage.cfg` (SectionConfig, see section-config.ts) as typed pools. The sharing rules
 * follow pve-storage `Plugin.pm` (`parse_config`) and each plugin's `options`:
 *
 * - iscsi, iscsidirect, nfs, cifs, rbd, cephfs, glusterfs, zfs (ZFS over iSCSI), drbd and pbs are
 *   always shared, whatever the file says;
 * - dir and lvm are shared only with `shared 1` (an LVM on a SAN LUN, a dir on a cluster filesystem);
 * - every other known type (lvmthin, zfspool, btrfs, esxi) is local: it has no `shared` option.
 * - Storage `local` always exists, even when the file does not name it, and its `nodes`
 *   restriction is dropped, as Proxmox does.
 * - `nodes` absent means every node; `disable` marks the pool unusable.
 * - An unknown type is an error here (Proxmox warns and skips it): a pool the importer cannot
 *   classify would silently move a guest's disks out of the capacity picture.
 * - The server address (`server`, iscsi `portal` without its port, ceph `monhost`; an lvm on a LUN
 *   takes its `base` storage's) is kept so the mapping can match it against a node's address.
 */
import { InputError } from '../../../errors.js';
import { flag, parseSectionConfig, single, splitList, type Section } from '../section-config.js';

const ALWAYS_SHARED = ['iscsi', 'iscsidirect', 'nfs', 'cifs', 'rbd', 'cephfs', 'glusterfs', 'zfs', 'drbd', 'pbs'] as const;
const SHARED_IF_FLAGGED = ['dir', 'lvm'] as const;
const ALWAYS_LOCAL = ['lvmthin', 'zfspool', 'btrfs', 'esxi'] as const;
export const STORAGE_TYPES = [...ALWAYS_SHARED, ...SHARED_IF_FLAGGED, ...ALWAYS_LOCAL] as const;
export type StorageType = (typeof STORAGE_TYPES)[number];

export interface StoragePool {
  id: string;
  type: StorageType;
  /** Header line in storage.cfg; null for the implicit `local`. */
  line: number | null;
  shared: boolean;
  /** The nodes it is restricted to; null means every node. */
  nodes: string[] | null;
  content: string[];
  disabled: boolean;
  /** Addresses of the servers behind a network storage, in file order; empty for local types. */
  servers: string[];
}

/** The `local` pool Proxmox adds when storage.cfg lacks it (its installer default). */
const IMPLICIT_LOCAL: StoragePool = { id: 'local', type: 'dir', line: null, shared: false, nodes: null, content: ['iso', 'vztmpl', 'backup'], disabled: false, servers: [] };

export function readStorageCfg(text: string, file: string): StoragePool[] {
  const sections = parseSectionConfig(text, file);
  const pools = sections.map((section) => toPool(section, file));
  // An LVM on a SAN LUN names the LUN's storage in `base <storage>:<volume>`: its servers are that storage's.
  sections.forEach((section, i) => {
    const baseId = single(section, 'base', file)?.value.split(':')[0];
    const base = pools.find((pool) => pool.id === baseId);
    if (base !== undefined && pools[i]!.servers.length === 0) pools[i]!.servers = base.servers;
  });
  const local = pools.find((pool) => pool.id === 'local');
  if (local === undefined) return [IMPLICIT_LOCAL, ...pools];
  local.nodes = null;
  return pools;
}

function toPool(section: Section, file: string): StoragePool {
  const type = STORAGE_TYPES.find((known) => known === section.type);
  if (type === undefined) {
    throw new InputError({ file, line: section.line, field: `${section.id}.type`, value: section.type, expected: `a storage type (${STORAGE_TYPES.join(', ')})` });
  }
  const nodes = single(section, 'nodes', file);
  const content = single(section, 'content', file);
  return {
    id: section.id,
    type,
    line: section.line,
    shared: isShared(type, flag(single(section, 'shared', file), section.id, file) ?? false),
    nodes: nodes === undefined ? null : splitList(nodes.value),
    content: content === undefined ? [] : splitList(content.value),
    disabled: flag(single(section, 'disable', file), section.id, file) ?? false,
    servers: serversOf(section, file),
  };
}

function isShared(type: StorageType, flagged: boolean): boolean {
  if ((ALWAYS_SHARED as readonly string[]).includes(type)) return true;
  if ((SHARED_IF_FLAGGED as readonly string[]).includes(type)) return flagged;
  return false;
}

function serversOf(section: Section, file: string): string[] {
  const server = single(section, 'server', file);
  if (server !== undefined) return [server.value];
  const portal = single(section, 'portal', file);
  if (portal !== undefined) return [withoutPort(portal.value)];
  const monhost = single(section, 'monhost', file);
  return monhost === undefined ? [] : splitList(monhost.value).map(withoutPort);
}

/** `192.0.2.20:3260` and `[2001:db8::1]:3260` lose the port; a bare IPv6 address stays whole. */
export function withoutPort(address: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed !== null) return bracketed[1]!;
  return /^[^:]+:\d+$/.test(address) ? address.slice(0, address.lastIndexOf(':')) : address;
}
