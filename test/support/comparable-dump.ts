/**
 * A ProxmoxDump reduced to what both readers must agree on (read-api.ts states the
 * correspondence): no `source`, `file`, `line` or `missing`; pools, HA resources and groups and PCI mappings
 * sorted by id, corosync nodes by name, a section's properties by key (a repeated key keeps its
 * order); a missing datacenter.cfg (null) as the defaults the API answers for it. HA rules keep
 * their order: both paths give the file's.
 */
import { readDatacenterCfg } from '../../src/io/proxmox/dump/datacenter.js';
import type { ProxmoxDump } from '../../src/io/proxmox/dump/read-dump.js';
import type { Section } from '../../src/io/proxmox/section-config.js';

export function comparableDump(dump: ProxmoxDump): unknown {
  const { missing: _missing, source: _source, ...rest } = dump;
  const sorted = {
    ...rest,
    datacenter: rest.datacenter ?? readDatacenterCfg('', 'datacenter.cfg'),
    storage: [...rest.storage].sort((a, b) => compare(a.id, b.id)),
    haResources: [...rest.haResources].sort((a, b) => compare(`${a.type}:${a.id}`, `${b.type}:${b.id}`)).map(byKey),
    haRules: rest.haRules.map(byKey),
    haGroups: [...rest.haGroups].sort((a, b) => compare(a.id, b.id)).map(byKey),
    pciMappings: [...rest.pciMappings].sort((a, b) => compare(a.id, b.id)).map(byKey),
    corosync: rest.corosync === null ? null : { ...rest.corosync, nodes: [...rest.corosync.nodes].sort((a, b) => compare(a.name, b.name)) },
  };
  return withoutLocations(sorted);
}

function byKey(section: Section): Section {
  return { ...section, properties: [...section.properties].sort((a, b) => compare(a.key, b.key)) };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function withoutLocations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutLocations);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'file' && key !== 'line').map(([key, item]) => [key, withoutLocations(item)]));
}
