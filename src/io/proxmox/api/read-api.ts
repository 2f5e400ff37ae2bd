/**
 * The cluster a dump folder describes (read-dump.ts), read instead through the Proxmox VE REST API,
 * into the same ProxmoxDump. Every answer goes through the dump's own reader for that format:
 * the pvesh JSON readers take the API body as it is (they accept the `{"data": ...}` envelope),
 * and the /etc/pve answers are written back as the file first (render.ts).
 *
 *   (first)                                  GET /access/permissions: the privileges below, checked
 *   dump file                                API call (privilege a 403 names)
 *   api/cluster-resources.json               GET /cluster/resources (lists only what the token may audit)
 *   api/cluster-status.json                  GET /cluster/status (Sys.Audit on /)
 *   api/nodes/<node>/status.json             GET /nodes/<node>/status (Sys.Audit on /nodes/<node>)
 *   etc-pve/nodes/<node>/qemu-server/<id>.conf  GET /nodes/<node>/qemu/<id>/config?current=1 (VM.Audit on /vms/<id>)
 *   etc-pve/nodes/<node>/lxc/<id>.conf       GET /nodes/<node>/lxc/<id>/config?current=1 (VM.Audit on /vms/<id>)
 *   etc-pve/storage.cfg                      GET /storage (lists only what Datastore.Audit allows)
 *   etc-pve/ha/resources.cfg, rules.cfg, groups.cfg  GET /cluster/ha/{resources,rules,groups} (Sys.Audit on /)
 *   etc-pve/mapping/pci.cfg                  GET /cluster/mapping/pci (lists only what Mapping.Audit allows)
 *   etc-pve/corosync.conf                    GET /cluster/config/{totem,nodes,qdevice} (Sys.Audit on /)
 *   etc-pve/datacenter.cfg                   GET /cluster/options (Sys.Audit on /)
 *
 * Correspondence with readDump of a dump of the same cluster: equal, apart from
 * - locations: `file` is the URL, `line` the line in the file as Proxmox writes it (sorted keys)
 *   for guest configs, in the rendered text elsewhere;
 * - order: storage pools, HA resources and groups and PCI mappings come sorted by id (the API
 *   does not keep the file's order), HA rules in the file's order (the API's `order`), corosync
 *   nodes sorted by name;
 * - `missing` names, in the dump's vocabulary, what the API could not give: the status of a node
 *   whose call failed (an offline node: pveproxy answers 595) and the configs of that node's
 *   guests (the API proxies a config read to the guest's node; those guests stay in `resources`),
 *   rules.cfg, groups.cfg or pci.cfg when the server has no such endpoint (404/501: an older
 *   release), corosync.conf when the nodelist is empty (a node without a cluster). An endpoint
 *   that answers an empty list is an empty file, not a missing one, and a missing datacenter.cfg
 *   (the dump's `datacenter: null`) reads as the defaults Proxmox answers (`defaulted: true`);
 * - what the API does not show: corosync's quorum block (`expected_votes`, `two_node` read as
 *   unset; QDevice votes as pvecm writes them, see render.ts; a QDevice that is configured but not
 *   running on the answering node reads as none, the cautious side), rules the API derives from
 *   groups.cfg (`ha-group-<group>` while groups.cfg still exists: dropped, since groups are read
 *   too), and storage defaults Proxmox fills in (the plugin's default `content`, the implicit
 *   `local` with Proxmox's own content list).
 */
import pLimit from 'p-limit';
import { InputError } from '../../../errors.js';
import { readClusterResources, readClusterStatus, readNodeStatus, type NodeStatus, type ResourceGuest } from '../dump/api-json.js';
import { readCorosyncConf } from '../dump/corosync.js';
import { readDatacenterCfg } from '../dump/datacenter.js';
import { readGuestConfig } from '../dump/guest-config.js';
import type { DumpGuest, ProxmoxDump } from '../dump/read-dump.js';
import { readStorageCfg } from '../dump/storage.js';
import { parseSectionConfig, type HeaderForm, type Section } from '../section-config.js';
import { ProxmoxApiClient, type ApiConnection } from './client.js';
import { arrayAt, corosyncText, datacenterText, guestConfigText, objectAt, sectionConfigText, stringAt, type SectionShape } from './render.js';

export interface ApiReadOptions extends ApiConnection {
  /** How many guest-config and node-status calls run at once (default 8). */
  concurrency?: number;
}

type Json = Record<string, unknown>;

const DEFAULT_CONCURRENCY = 8;
/** pve-http-server's answer for a path this release does not have. */
const ABSENT_ENDPOINT = new Set([404, 501]);
const GUEST_FOLDER = { qemu: 'qemu-server', lxc: 'lxc' } as const;
const GUEST_KIND_ORDER = { qemu: 0, lxc: 1 } as const;

export async function readApi(options: ApiReadOptions): Promise<ProxmoxDump> {
  const client = new ProxmoxApiClient(options);
  try {
    return await read(client, pLimit(options.concurrency ?? DEFAULT_CONCURRENCY));
  } finally {
    client.close();
  }
}

async function read(client: ProxmoxApiClient, limit: ReturnType<typeof pLimit>): Promise<ProxmoxDump> {
  await checkPrivileges(client);
  const missing: string[] = [];
  const resourcesAnswer = await client.get('/cluster/resources', 'VM.Audit, Sys.Audit and Datastore.Audit');
  const resources = readClusterResources(resourcesAnswer.body, resourcesAnswer.url);
  const statusAnswer = await client.get('/cluster/status', 'Sys.Audit on /');

  const nodeNames = [...new Set(resources.nodes.map((node) => node.node))].sort();
  const statuses = await Promise.all(nodeNames.map((node) => limit(() => client.tryGet(`/nodes/${encodeURIComponent(node)}/status`, `Sys.Audit on /nodes/${node}`))));
  const nodeStatus: Record<string, NodeStatus> = {};
  const unreachable = new Set<string>();
  statuses.forEach((answer, index) => {
    const node = nodeNames[index]!;
    if (answer.ok) nodeStatus[node] = readNodeStatus(answer.body, answer.url);
    else {
      unreachable.add(node);
      missing.push(`api/nodes/${node}/status.json`);
    }
  });

  const guests = [...resources.guests].sort(byDumpOrder);
  for (const guest of guests.filter((candidate) => unreachable.has(candidate.node))) {
    missing.push(`etc-pve/nodes/${guest.node}/${GUEST_FOLDER[guest.kind]}/${guest.vmid}.conf`);
  }
  const configs = await Promise.all(guests.filter((guest) => !unreachable.has(guest.node)).map((guest) => limit(() => readGuest(client, guest))));

  const groupsUrl = client.url('/cluster/ha/groups');
  const groups = await optionalList(client, '/cluster/ha/groups', 'etc-pve/ha/groups.cfg', missing);
  const groupIds = new Set(listOf(groups ?? [], groupsUrl).map((entry, index) => stringAt(entry, 'group', groupsUrl, `$.data[${index}]`)));
  const storageAnswer = await client.get('/storage', 'Datastore.Audit on /storage');
  const storageEntries = listOf(storageAnswer.data, storageAnswer.url).sort(byKey('storage', storageAnswer.url));
  const dump: ProxmoxDump = {
    source: client.url(''),
    storage: readStorageCfg(sectionConfigText(storageEntries, STORAGE, storageAnswer.url), storageAnswer.url),
    corosync: await readCorosync(client, missing),
    datacenter: await readDatacenter(client),
    haResources: await sections(client, '/cluster/ha/resources', HA_RESOURCES, missing),
    haRules: await sections(client, '/cluster/ha/rules', haRules(groupIds), missing, 'etc-pve/ha/rules.cfg'),
    haGroups: groups === undefined ? [] : sectionsOf(groups, groupsUrl, HA_GROUPS),
    pciMappings: await sections(client, '/cluster/mapping/pci', PCI_MAPPINGS, missing, 'etc-pve/mapping/pci.cfg', 'bare-id'),
    guests: configs,
    resources,
    clusterStatus: readClusterStatus(statusAnswer.body, statusAnswer.url),
    nodeStatus,
    missing: missing.sort(),
  };
  return dump;
}

/**
 * Lists that the API filters by privilege rather than refusing: a token that may audit only some
 * guests would import a cluster smaller than it is, the comfortable direction. Each privilege must
 * hold, propagated, on the path and on every ACL path below it that /access/permissions names
 * (pve-access-control `get_effective_permissions`: `/`, `/nodes`, `/storage`, `/vms` and every ACL
 * path, each privilege with its propagate flag).
 */
const LISTED_BY_PRIVILEGE: readonly { path: string; privilege: string; list: string }[] = [
  { path: '/nodes', privilege: 'Sys.Audit', list: '/cluster/resources lists only the nodes' },
  { path: '/vms', privilege: 'VM.Audit', list: '/cluster/resources lists only the guests' },
  { path: '/storage', privilege: 'Datastore.Audit', list: '/storage lists only the storages' },
  { path: '/mapping/pci', privilege: 'Mapping.Audit', list: '/cluster/mapping/pci lists only the mappings' },
];

async function checkPrivileges(client: ProxmoxApiClient): Promise<void> {
  const answer = await client.get('/access/permissions', 'nothing (every token may read its own permissions)');
  const byPath = objectAt(answer.data, answer.url, '$.data');
  const privilegesAt = (path: string): Json => objectAt(byPath[path], answer.url, `$.data['${path}']`);
  for (const { path, privilege, list } of LISTED_BY_PRIVILEGE) {
    // The nearest path the answer names, at or above the one required, decides by its propagate flag.
    const ancestors = path.split('/').map((_, index, parts) => parts.slice(0, parts.length - index).join('/') || '/');
    const governing = ancestors.find((candidate) => byPath[candidate] !== undefined) ?? '/';
    const below = Object.keys(byPath).filter((candidate) => candidate.startsWith(`${path}/`)).sort();
    for (const checked of [governing, ...below]) {
      const privileges = byPath[checked] === undefined ? {} : privilegesAt(checked);
      const held = checked === governing ? privileges[privilege] === 1 : privileges[privilege] !== undefined;
      if (!held) {
        const value = Object.keys(privileges).sort().map((name) => `${name}${privileges[name] === 1 ? ' (propagated)' : ''}`).join(', ') || '(none)';
        throw new InputError({ file: answer.url, field: checked, value, expected: `${privilege} on ${path}, propagated to all below it (the PVEAuditor role on / grants it): ${list} the token may audit, so the import would miss some` });
      }
    }
  }
}

/** readDump's order: node folder, then qemu before lxc, then vmid. */
function byDumpOrder(a: ResourceGuest, b: ResourceGuest): number {
  if (a.node !== b.node) return a.node < b.node ? -1 : 1;
  return GUEST_KIND_ORDER[a.kind] - GUEST_KIND_ORDER[b.kind] || a.vmid - b.vmid;
}

async function readGuest(client: ProxmoxApiClient, guest: ResourceGuest): Promise<DumpGuest> {
  const path = `/nodes/${encodeURIComponent(guest.node)}/${guest.kind}/${guest.vmid}/config?current=1`;
  const answer = await client.get(path, `VM.Audit on /vms/${guest.vmid}`);
  return { ...readGuestConfig(guestConfigText(answer.data, answer.url), answer.url, guest.kind), node: guest.node, vmid: guest.vmid };
}

/** The list an endpoint answers, or undefined (noted as the file missing) when the server lacks it. */
async function optionalList(client: ProxmoxApiClient, path: string, file: string, missing: string[]): Promise<unknown[] | undefined> {
  const answer = await client.tryGet(path, 'Sys.Audit on /');
  if (answer.ok) return arrayAt(answer.data, answer.url, '$.data');
  if (ABSENT_ENDPOINT.has(answer.status)) {
    missing.push(file);
    return undefined;
  }
  throw new InputError({ file: answer.url, field: 'HTTP status', value: `${answer.status} ${answer.message}`, expected: '200 OK' });
}

interface Shape extends SectionShape {
  order: (entries: Json[], url: string) => Json[];
}

async function sections(client: ProxmoxApiClient, path: string, shape: Shape, missing: string[], file?: string, form: HeaderForm = 'typed'): Promise<Section[]> {
  if (file === undefined) {
    const answer = await client.get(path, 'Sys.Audit on /');
    return sectionsOf(arrayAt(answer.data, answer.url, '$.data'), answer.url, shape, form);
  }
  const list = await optionalList(client, path, file, missing);
  return list === undefined ? [] : sectionsOf(list, client.url(path), shape, form);
}

function sectionsOf(list: unknown[], url: string, shape: Shape, form: HeaderForm = 'typed'): Section[] {
  const entries = shape.order(listOf(list, url), url);
  return parseSectionConfig(sectionConfigText(entries, shape, url), url, form);
}

function listOf(data: unknown, url: string): Json[] {
  return arrayAt(data, url, '$.data').map((entry, index) => objectAt(entry, url, `$.data[${index}]`));
}

function byKey(key: string, url: string): (a: Json, b: Json) => number {
  return (a, b) => {
    const left = stringAt(a, key, url, '$.data[]');
    const right = stringAt(b, key, url, '$.data[]');
    return left < right ? -1 : left > right ? 1 : 0;
  };
}

const typed = (idKey: string) => (entry: Json, path: string, url: string) => `${stringAt(entry, 'type', url, path)}: ${stringAt(entry, idKey, url, path)}`;

const STORAGE: SectionShape = { idKey: 'storage', dropped: [], header: typed('storage') };

/** `sid` is `vm:101`; the file's header is `vm: 101`. */
const HA_RESOURCES: Shape = {
  idKey: 'sid',
  dropped: ['errors'],
  header: (entry, path, url) => `${stringAt(entry, 'type', url, path)}: ${stringAt(entry, 'sid', url, path).replace(/^[^:]*:/, '')}`,
  order: (entries, url) => entries.sort(byKey('sid', url)),
};

const HA_GROUPS: Shape = { idKey: 'group', dropped: [], header: typed('group'), order: (entries, url) => entries.sort(byKey('group', url)) };

/** In the file's order (`order`); without the rules the API derives from groups.cfg. */
function haRules(groupIds: ReadonlySet<string>): Shape {
  return {
    idKey: 'rule',
    dropped: ['order', 'errors'],
    header: typed('rule'),
    order: (entries, url) =>
      entries
        .filter((entry) => {
          const id = stringAt(entry, 'rule', url, '$.data[]');
          return !(id.startsWith('ha-group-') && groupIds.has(id.slice('ha-group-'.length)));
        })
        .sort((a, b) => Number(a['order'] ?? 0) - Number(b['order'] ?? 0) || byKey('rule', url)(a, b)),
  };
}

const PCI_MAPPINGS: Shape = { idKey: 'id', dropped: ['checks'], header: (entry, path, url) => stringAt(entry, 'id', url, path), order: (entries, url) => entries.sort(byKey('id', url)) };

async function readCorosync(client: ProxmoxApiClient, missing: string[]): Promise<ProxmoxDump['corosync']> {
  const nodesAnswer = await client.get('/cluster/config/nodes', 'Sys.Audit on /');
  const nodes = listOf(nodesAnswer.data, nodesAnswer.url);
  if (nodes.length === 0) {
    missing.push('etc-pve/corosync.conf');
    return null;
  }
  const totemAnswer = await client.get('/cluster/config/totem', 'Sys.Audit on /');
  const qdeviceAnswer = await client.get('/cluster/config/qdevice', 'Sys.Audit on /');
  const urls = { nodes: nodesAnswer.url, totem: totemAnswer.url, qdevice: qdeviceAnswer.url };
  const text = corosyncText({
    totem: totemAnswer.data === null ? {} : objectAt(totemAnswer.data, urls.totem, '$.data'),
    nodes: nodes.sort(byKey('name', urls.nodes)),
    qdevice: qdeviceAnswer.data === null ? {} : objectAt(qdeviceAnswer.data, urls.qdevice, '$.data'),
    urls,
  });
  return readCorosyncConf(text, urls.nodes);
}

/** Never null: the API answers Proxmox's defaults for a missing datacenter.cfg. */
async function readDatacenter(client: ProxmoxApiClient): Promise<ProxmoxDump['datacenter']> {
  const answer = await client.get('/cluster/options', 'Sys.Audit on /');
  return readDatacenterCfg(datacenterText(answer.data, answer.url), answer.url);
}
