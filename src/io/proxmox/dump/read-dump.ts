/**
 * A dump folder (issue 13's layout) read whole into one typed object, each file through its own
 * reader in this folder:
 *
 *   DUMP/etc-pve/                 storage.cfg, datacenter.cfg, corosync.conf, ha/{resources,rules,groups}.cfg,
 *                                 mapping/pci.cfg, nodes/<node>/{qemu-server,lxc}/<vmid>.conf
 *   DUMP/api/cluster-resources.json, api/cluster-status.json, api/nodes/<node>/status.json
 *
 * `api/cluster-resources.json` and `etc-pve/nodes/` are required; every other file may be missing
 * (an older cluster has no rules.cfg, one without HA no ha/) and is listed in `missing` so the
 * importer can say what it assumed. A missing storage.cfg still yields the implicit `local`.
 * `etc-pve/priv/` (keys, tokens) is never opened. Guests, nodes and storage pools are sorted, so two reads of the
 * same folder give the same object.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../../errors.js';
import { readClusterResources, readClusterStatus, readNodeStatus, type ClusterResources, type ClusterStatus, type NodeStatus } from './api-json.js';
import { readCorosyncConf, type Corosync } from './corosync.js';
import { readDatacenterCfg, type DatacenterConfig } from './datacenter.js';
import { readGuestConfig, type GuestConfig, type GuestKind } from './guest-config.js';
import { parseSectionConfig, type HeaderForm, type Section } from '../section-config.js';
import { readStorageCfg, type StoragePool } from './storage.js';

export interface DumpGuest extends GuestConfig {
  /** The node whose folder holds the config: where the guest is registered. */
  node: string;
  vmid: number;
}

export interface ProxmoxDump {
  /** Where it was read from: the dump folder, or the API root URL (read-api.ts); source-file.ts names a section's file from it. */
  source: string;
  storage: StoragePool[];
  corosync: Corosync | null;
  /** null when datacenter.cfg is missing (Proxmox's defaults apply). */
  datacenter: DatacenterConfig | null;
  /** SectionConfig sections, typed into HA rules by the mapping. */
  haResources: Section[];
  haRules: Section[];
  haGroups: Section[];
  pciMappings: Section[];
  guests: DumpGuest[];
  resources: ClusterResources;
  clusterStatus: ClusterStatus | null;
  /** By node name, for every node of cluster-resources whose status file exists. */
  nodeStatus: Record<string, NodeStatus>;
  /** Optional files that were not in the dump, relative to it, sorted. */
  missing: string[];
}

const GUEST_FOLDERS: readonly [GuestKind, string][] = [
  ['qemu', 'qemu-server'],
  ['lxc', 'lxc'],
];

export function readDump(folder: string): ProxmoxDump {
  const missing: string[] = [];
  /** The text of an optional file, or undefined after noting it missing. */
  const optional = (relative: string): { text: string; file: string } | undefined => {
    const file = join(folder, relative);
    if (existsSync(file)) return { text: readFileSync(file, 'utf8'), file };
    missing.push(relative);
    return undefined;
  };
  const sections = (relative: string, form: HeaderForm = 'typed'): Section[] => {
    const found = optional(relative);
    return found === undefined ? [] : parseSectionConfig(found.text, found.file, form);
  };

  const resourcesFile = required(folder, 'api/cluster-resources.json');
  const resources = readClusterResources(readFileSync(resourcesFile, 'utf8'), resourcesFile);
  const storage = optional('etc-pve/storage.cfg');
  const corosync = optional('etc-pve/corosync.conf');
  const datacenter = optional('etc-pve/datacenter.cfg');
  const status = optional('api/cluster-status.json');
  const dump: ProxmoxDump = {
    source: folder,
    // By id, the order the API lists them in (read-api.ts), so both readers give the same scenario.
    storage: readStorageCfg(storage?.text ?? '', storage?.file ?? join(folder, 'etc-pve/storage.cfg')).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    corosync: corosync === undefined ? null : readCorosyncConf(corosync.text, corosync.file),
    datacenter: datacenter === undefined ? null : readDatacenterCfg(datacenter.text, datacenter.file),
    haResources: sections('etc-pve/ha/resources.cfg'),
    haRules: sections('etc-pve/ha/rules.cfg'),
    haGroups: sections('etc-pve/ha/groups.cfg'),
    pciMappings: sections('etc-pve/mapping/pci.cfg', 'bare-id'),
    guests: readGuests(required(folder, 'etc-pve/nodes')),
    resources,
    clusterStatus: status === undefined ? null : readClusterStatus(status.text, status.file),
    nodeStatus: {},
    missing,
  };
  for (const { node } of [...resources.nodes].sort((a, b) => a.node.localeCompare(b.node))) {
    const found = optional(`api/nodes/${node}/status.json`);
    if (found !== undefined) dump.nodeStatus[node] = readNodeStatus(found.text, found.file);
  }
  missing.sort();
  return dump;
}

function required(folder: string, relative: string): string {
  const path = join(folder, relative);
  if (!existsSync(path)) throw new InputError({ file: folder, field: relative, value: undefined, expected: `the dump to hold ${relative}` });
  return path;
}

function readGuests(nodesFolder: string): DumpGuest[] {
  const guests: DumpGuest[] = [];
  for (const node of readdirSync(nodesFolder).sort()) {
    for (const [kind, sub] of GUEST_FOLDERS) {
      const dir = join(nodesFolder, node, sub);
      if (!existsSync(dir)) continue;
      // Only `<vmid>.conf`: editors and pmxcfs leave other files (`.tmp`) beside them.
      const vmids = readdirSync(dir).flatMap((name) => (/^\d+\.conf$/.test(name) ? [Number(name.slice(0, -'.conf'.length))] : []));
      for (const vmid of vmids.sort((a, b) => a - b)) {
        const file = join(dir, `${vmid}.conf`);
        guests.push({ ...readGuestConfig(readFileSync(file, 'utf8'), file, kind), node, vmid });
      }
    }
  }
  return guests;
}
