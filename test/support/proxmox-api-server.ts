/**
 * A local Proxmox VE API (node:https on 127.0.0.1:0) that serves a dump folder as the real API
 * answers it, so one cluster can be read both ways (see src/io/proxmox/api/read-api.ts for the
 * calls). How each answer is made from the dump, after the upstream code named:
 *
 * - every answer is `{"data": ...}`; a wrong token is 401, as pveproxy answers it;
 * - a node that cluster-resources.json shows offline answers 595 for everything under
 *   /nodes/<node>/ (pveproxy cannot proxy to it), as does an online node without a status file;
 * - a guest config (qemu-server / pve-container `vm_config`, `current=1`) is the .conf's current
 *   section as an object: integers as numbers, qemu `memory` as a string (qemu-server >= 8.0.8),
 *   the `#` lines as `description`, `lxc.*` keys as pve-container's `lxc` pairs, plus `digest`;
 *   keys come in reverse file order, since the real order is a Perl hash's;
 * - SectionConfig files (pve-storage `Config.pm` index, pve-ha-manager `API2/HA/*.pm`, pve-manager
 *   `Mapping/PCI.pm`): one object per section, the id under the endpoint's key, `type`, `digest`,
 *   flags as 1; storage adds `shared: 1` for the always-shared types and the implicit `local` as
 *   pve-storage `parse_config` does; rules carry `order` and, while groups.cfg exists, the
 *   `ha-group-<group>` rules pve-ha-manager derives from groups for the resources that use them;
 * - datacenter.cfg (pve-cluster `parse_datacenter_config`): `#` lines as `description`, the
 *   property strings crs (default key `ha`) and migration (default key `type`) decoded into
 *   objects, `mac_prefix` filled in when unset;
 * - corosync.conf: /cluster/config/nodes (values as strings, the name also under `node`),
 *   /cluster/config/totem and /cluster/config/qdevice (the QDevice daemon's status words).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCorosyncConf } from '../../src/io/proxmox/dump/corosync.js';
import { parseSectionConfig, type HeaderForm, type Section } from '../../src/io/proxmox/section-config.js';

export interface TestCertificates {
  /** PEM of the CA that signed both server certificates. */
  ca: string;
  /** For 127.0.0.1 (subjectAltName IP:127.0.0.1). */
  matching: { key: string; cert: string };
  /** For another host name only. */
  mismatched: { key: string; cert: string };
}

/** A CA and two server certificates, made with the openssl CLI (no network). */
export function makeCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-certs-'));
  const openssl = (...args: string[]): void => void execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  try {
    openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=headroom test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign');
    const server = (name: string, altName: string): { key: string; cert: string } => {
      writeFileSync(join(dir, `${name}.ext`), `subjectAltName=${altName}\n`);
      openssl('req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
      openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.pem`, '-days', '2', '-extfile', `${name}.ext`);
      return { key: readFileSync(join(dir, `${name}.key`), 'utf8'), cert: readFileSync(join(dir, `${name}.pem`), 'utf8') };
    };
    return { ca: readFileSync(join(dir, 'ca.pem'), 'utf8'), matching: server('matching', 'IP:127.0.0.1'), mismatched: server('mismatched', 'DNS:pve.wrong.example') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ApiServerOptions {
  dump: string;
  tokenId: string;
  secret: string;
  tls: { key: string; cert: string };
  /** Guest config paths (`/nodes/pve-a/qemu/101/config`) answered with 500. */
  failing?: string[];
  /** The token's /access/permissions answer; by default the PVEAuditor role on / with propagate. */
  permissions?: Record<string, Record<string, number>>;
  /** Paths answered 200 with this data instead of the dump's (a wrong shape). */
  answers?: Record<string, unknown>;
  /** Paths answered 403 with pveproxy's permission message for this privilege. */
  forbidden?: Record<string, string>;
}

export interface ApiServer {
  url: string;
  /** Paths requested, in arrival order. */
  requests: string[];
  close: () => Promise<void>;
}

type Json = Record<string, unknown>;
type Answer = { status: number; message: string; data?: unknown };

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const requests: string[] = [];
  const server: Server = createServer(options.tls, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const path = url.pathname.replace(/^\/api2\/json/, '');
    requests.push(path);
    const answer = req.headers.authorization !== `PVEAPIToken=${options.tokenId}=${options.secret}` ? { status: 401, message: 'authentication failure' } : route(options, path);
    res.writeHead(answer.status, answer.message, { 'Content-Type': 'application/json;charset=UTF-8' });
    res.end(JSON.stringify({ data: answer.data ?? null }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** pve-access-control: PVEAuditor holds every privilege group's audit privileges. */
const AUDITOR = Object.fromEntries(['Datastore.Audit', 'Mapping.Audit', 'Pool.Audit', 'SDN.Audit', 'Sys.Audit', 'VM.Audit'].map((privilege) => [privilege, 1]));
const AUDITOR_ON_ROOT = Object.fromEntries(['/', '/access', '/access/groups', '/nodes', '/pool', '/sdn', '/storage', '/vms'].map((path) => [path, AUDITOR]));
const ok = (data: unknown): Answer => ({ status: 200, message: 'OK', data });
const ALWAYS_SHARED = ['iscsi', 'iscsidirect', 'nfs', 'cifs', 'rbd', 'cephfs', 'glusterfs', 'zfs', 'drbd', 'pbs'];

function route(options: ApiServerOptions, path: string): Answer {
  const { dump } = options;
  if (options.forbidden?.[path] !== undefined) return { status: 403, message: `Permission check failed (${options.forbidden[path]})` };
  if (options.answers !== undefined && path in options.answers) return ok(options.answers[path]);
  if (options.failing?.includes(path)) return { status: 500, message: 'unable to read config: Input/output error' };
  const resources = unwrap(JSON.parse(readFileSync(join(dump, 'api/cluster-resources.json'), 'utf8'))) as Json[];
  const node = /^\/nodes\/([^/]+)\/(.*)$/.exec(path);
  if (node !== null) {
    const [, name, rest] = node as unknown as [string, string, string];
    const online = resources.some((entry) => entry['type'] === 'node' && entry['node'] === name && entry['status'] === 'online');
    const statusFile = join(dump, `api/nodes/${name}/status.json`);
    if (!online || !existsSync(statusFile)) return { status: 595, message: 'Errors during connection establishment, proxy handshake: No route to host' };
    if (rest === 'status') return ok(unwrap(JSON.parse(readFileSync(statusFile, 'utf8'))));
    const guest = /^(qemu|lxc)\/(\d+)\/config$/.exec(rest);
    const file = guest === null ? '' : join(dump, 'etc-pve/nodes', name, guest[1] === 'qemu' ? 'qemu-server' : 'lxc', `${guest[2]}.conf`);
    if (guest !== null && existsSync(file)) return ok(guestConfigObject(readFileSync(file, 'utf8'), guest[1] === 'qemu'));
    return { status: 500, message: `Configuration file '${rest}' does not exist` };
  }
  switch (path) {
    case '/cluster/resources':
      return ok(resources);
    case '/cluster/status':
      return ok(unwrap(JSON.parse(readFileSync(join(dump, 'api/cluster-status.json'), 'utf8'))));
    case '/storage':
      return ok(storageList(dump));
    case '/cluster/ha/resources':
      return ok(sectionsOf(dump, 'ha/resources.cfg').map((s) => ({ sid: `${s.type}:${s.id}`, type: s.type, digest: 'f00d', ...properties(s) })));
    case '/cluster/ha/groups':
      return ok(sectionsOf(dump, 'ha/groups.cfg').map((s) => ({ group: s.id, type: s.type, digest: 'f00d', ...properties(s) })));
    case '/cluster/ha/rules':
      return ok(rulesList(dump));
    case '/cluster/mapping/pci':
      return ok(sectionsOf(dump, 'mapping/pci.cfg', 'bare-id').map(pciEntry));
    case '/access/permissions':
      return ok(options.permissions ?? AUDITOR_ON_ROOT);
    case '/cluster/options':
      return ok(datacenterOptions(dump));
    case '/cluster/config/nodes':
    case '/cluster/config/totem':
    case '/cluster/config/qdevice':
      return ok(corosyncAnswer(dump, path));
    default:
      return { status: 501, message: `Method 'GET /api2/json${path}' not implemented` };
  }
}

function unwrap(value: unknown): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'data' in value ? (value as Json)['data'] : value;
}

function number(value: string): string | number {
  return /^\d+$/.test(value) ? Number(value) : value;
}

function guestConfigObject(text: string, qemu: boolean): Json {
  const description: string[] = [];
  const entries: [string, unknown][] = [];
  const raw: [string, string][] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('[')) break;
    if (line.startsWith('#')) description.push(line.slice(1));
    const match = /^([a-z][a-z0-9_.-]*):\s*(.*?)\s*$/.exec(line);
    if (match === null) continue;
    const [, key, value] = match as unknown as [string, string, string];
    if (key.startsWith('lxc.')) raw.push([key, value]);
    else entries.push([key, qemu && key === 'memory' ? value : number(value)]);
  }
  if (description.length > 0) entries.push(['description', `${description.join('\n')}\n`]);
  if (raw.length > 0) entries.push(['lxc', raw]);
  return Object.fromEntries([['digest', 'c0ffee'], ...entries.reverse()]);
}

function sectionsOf(dump: string, file: string, form: HeaderForm = 'typed'): Section[] {
  const path = join(dump, 'etc-pve', file);
  return existsSync(path) ? parseSectionConfig(readFileSync(path, 'utf8'), path, form) : [];
}

function properties(section: Section): Json {
  return Object.fromEntries(section.properties.map((p) => [p.key, number(p.value)]));
}

function storageList(dump: string): Json[] {
  const entries: Json[] = sectionsOf(dump, 'storage.cfg').map((s) => ({ storage: s.id, type: s.type, digest: 'f00d', ...properties(s), ...(ALWAYS_SHARED.includes(s.type) ? { shared: 1 } : {}) }));
  if (!entries.some((entry) => entry['storage'] === 'local')) {
    entries.push({ storage: 'local', type: 'dir', digest: 'f00d', path: '/var/lib/vz', content: 'backup,images,iso,rootdir,snippets,vztmpl', 'prune-backups': 'keep-all=1' });
  }
  return entries.sort((a, b) => (String(a['storage']) < String(b['storage']) ? -1 : 1));
}

function rulesList(dump: string): Json[] {
  const rules: Json[] = sectionsOf(dump, 'ha/rules.cfg').map((s, index) => ({ rule: s.id, type: s.type, order: index + 1, digest: 'f00d', ...properties(s) }));
  const groups = new Map(sectionsOf(dump, 'ha/groups.cfg').map((g) => [g.id, g]));
  for (const resource of sectionsOf(dump, 'ha/resources.cfg')) {
    const group = groups.get(String(properties(resource)['group'] ?? ''));
    if (group === undefined) continue;
    rules.push({ rule: `ha-group-${group.id}`, type: 'node-affinity', order: rules.length + 1, digest: 'f00d', resources: `${resource.type}:${resource.id}`, nodes: properties(group)['nodes'] });
  }
  return rules.reverse();
}

function pciEntry(section: Section): Json {
  const maps = section.properties.filter((p) => p.key === 'map').map((p) => p.value);
  return { id: section.id, type: 'pci', digest: 'f00d', ...properties({ ...section, properties: section.properties.filter((p) => p.key !== 'map') }), map: maps };
}

function corosyncAnswer(dump: string, path: string): unknown {
  const file = join(dump, 'etc-pve/corosync.conf');
  if (!existsSync(file)) return path === '/cluster/config/nodes' ? [] : {};
  const corosync = readCorosyncConf(readFileSync(file, 'utf8'), file);
  if (path === '/cluster/config/nodes') {
    return corosync.nodes.map((n) => ({ node: n.name, name: n.name, nodeid: String(n.nodeid), quorum_votes: String(n.quorumVotes), ...(n.ring0Addr === null ? {} : { ring0_addr: n.ring0Addr }) })).reverse();
  }
  if (path === '/cluster/config/totem') return { cluster_name: corosync.clusterName, config_version: '2', version: '2' };
  const qdevice = corosync.qdevice;
  if (qdevice === null) return {};
  return { Model: 'Net', 'QNetd host': `${qdevice.host}:5403`, Algorithm: qdevice.algorithm === 'lms' ? 'LMS' : 'Fifty-Fifty split', State: 'Connected', 'Tie-breaker': 'Node with lowest node ID' };
}

const PROPERTY_STRING_DEFAULT_KEY: Record<string, string> = { crs: 'ha', migration: 'type', ha: 'shutdown_policy' };

function datacenterOptions(dump: string): Json {
  const file = join(dump, 'etc-pve/datacenter.cfg');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const description: string[] = [];
  const options: Json = {};
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) description.push(line.slice(1));
    const match = /^([a-z][a-z0-9_-]*):\s*(.*?)\s*$/.exec(line);
    if (match === null) continue;
    const [, key, value] = match as unknown as [string, string, string];
    const defaultKey = PROPERTY_STRING_DEFAULT_KEY[key];
    options[key] =
      defaultKey === undefined
        ? number(value)
        : Object.fromEntries(value.split(',').map((part) => (part.includes('=') ? [part.slice(0, part.indexOf('=')), number(part.slice(part.indexOf('=') + 1))] : [defaultKey, part])));
  }
  return { description: description.map((line) => `${line}\n`).join(''), mac_prefix: 'BC:24:11', ...options };
}
