/**
 * The dump's API answers, as `pvesh get <path> --output-format json` writes them (the bare value)
 * or as the HTTP API returns them (the same value inside `{"data": ...}`; both are accepted, as an
 * admin may hand either):
 *
 * - `api/cluster-resources.json`: one flat array of node, qemu, lxc, storage, pool, sdn and network
 *   entries (pve-manager `API2/Cluster.pm` `resources`, `API2Tools.pm`). Only node, qemu, lxc and
 *   storage entries are read. An offline node keeps `maxcpu`/`maxmem` but has no `cpu`/`mem`;
 *   `template` may be absent (0); `tags` is `;`-separated. A shared storage repeats once per node.
 * - `api/cluster-status.json`: an array of one `cluster` entry (name, quorate) and one `node` entry
 *   per member (name, nodeid, online, ip); a single node without a cluster has no cluster entry.
 * - `api/nodes/<node>/status.json`: an object; `cpuinfo.cpus` (host threads), `memory.total` (bytes),
 *   `cpuinfo.model` (the CPU's name, optional).
 *
 * Key order is random in real output (a Perl hash), so nothing depends on it. A wrong shape is an
 * error naming the file and the JSON path (`$[3].maxmem`); the files have no useful line numbers.
 */
import { InputError } from '../../../errors.js';

export interface ResourceNode {
  node: string;
  status: string;
  maxcpu: number;
  maxmem: number;
  /** Fraction 0..1 of maxcpu; null while offline. */
  cpu: number | null;
  mem: number | null;
}

export interface ResourceGuest {
  kind: 'qemu' | 'lxc';
  vmid: number;
  node: string;
  name: string | null;
  status: string;
  template: boolean;
  maxcpu: number;
  maxmem: number;
  maxdisk: number | null;
  tags: string[];
  pool: string | null;
  hastate: string | null;
}

export interface ResourceStorage {
  storage: string;
  node: string;
  plugintype: string;
  shared: boolean;
  status: string;
  /** Absent while the storage's status is unknown. */
  maxdisk: number | null;
  disk: number | null;
}

export interface ClusterResources {
  nodes: ResourceNode[];
  guests: ResourceGuest[];
  storages: ResourceStorage[];
}

export interface ClusterStatus {
  /** null for a single node that is not in a cluster. */
  name: string | null;
  quorate: boolean | null;
  nodes: { name: string; nodeid: number; online: boolean; ip: string | null }[];
}

export interface NodeStatus {
  cpus: number;
  memoryTotal: number;
  /** `cpuinfo.model`, null when absent. */
  cpuModel: string | null;
}

type Json = Record<string, unknown>;

export function readClusterResources(text: string, file: string): ClusterResources {
  const read = new Reader(file);
  const result: ClusterResources = { nodes: [], guests: [], storages: [] };
  read.array(read.parse(text), '$').forEach((value, index) => {
    const path = `$[${index}]`;
    const entry = read.object(value, path);
    const type = read.string(entry, 'type', path);
    if (type === 'node') {
      result.nodes.push({
        node: read.string(entry, 'node', path),
        status: read.string(entry, 'status', path),
        maxcpu: read.number(entry, 'maxcpu', path),
        maxmem: read.number(entry, 'maxmem', path),
        cpu: read.optionalNumber(entry, 'cpu', path),
        mem: read.optionalNumber(entry, 'mem', path),
      });
    } else if (type === 'qemu' || type === 'lxc') {
      result.guests.push({
        kind: type,
        vmid: read.number(entry, 'vmid', path),
        node: read.string(entry, 'node', path),
        name: read.optionalString(entry, 'name', path),
        status: read.string(entry, 'status', path),
        template: read.flag(entry, 'template', path) ?? false,
        maxcpu: read.number(entry, 'maxcpu', path),
        maxmem: read.number(entry, 'maxmem', path),
        maxdisk: read.optionalNumber(entry, 'maxdisk', path),
        tags: read.optionalString(entry, 'tags', path)?.split(/[;,\s]+/).filter((tag) => tag !== '') ?? [],
        pool: read.optionalString(entry, 'pool', path),
        hastate: read.optionalString(entry, 'hastate', path),
      });
    } else if (type === 'storage') {
      result.storages.push({
        storage: read.string(entry, 'storage', path),
        node: read.string(entry, 'node', path),
        plugintype: read.string(entry, 'plugintype', path),
        shared: read.flag(entry, 'shared', path) ?? false,
        status: read.string(entry, 'status', path),
        maxdisk: read.optionalNumber(entry, 'maxdisk', path),
        disk: read.optionalNumber(entry, 'disk', path),
      });
    }
  });
  return result;
}

export function readClusterStatus(text: string, file: string): ClusterStatus {
  const read = new Reader(file);
  const status: ClusterStatus = { name: null, quorate: null, nodes: [] };
  read.array(read.parse(text), '$').forEach((value, index) => {
    const path = `$[${index}]`;
    const entry = read.object(value, path);
    const type = read.string(entry, 'type', path);
    if (type === 'cluster') {
      status.name = read.string(entry, 'name', path);
      status.quorate = read.flag(entry, 'quorate', path) ?? null;
    } else if (type === 'node') {
      status.nodes.push({
        name: read.string(entry, 'name', path),
        nodeid: read.number(entry, 'nodeid', path),
        online: read.flag(entry, 'online', path) ?? false,
        ip: read.optionalString(entry, 'ip', path),
      });
    }
  });
  return status;
}

export function readNodeStatus(text: string, file: string): NodeStatus {
  const read = new Reader(file);
  const status = read.object(read.parse(text), '$');
  const cpuinfo = read.object(status['cpuinfo'], '$.cpuinfo');
  return {
    cpus: read.number(cpuinfo, 'cpus', '$.cpuinfo'),
    memoryTotal: read.number(read.object(status['memory'], '$.memory'), 'total', '$.memory'),
    cpuModel: read.optionalString(cpuinfo, 'model', '$.cpuinfo'),
  };
}

/** Shape checks that throw an InputError naming the file and JSON path. */
class Reader {
  constructor(private readonly file: string) {}

  /** The value, unwrapped from the API's `{"data": ...}` envelope when it has one. */
  parse(text: string): unknown {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return this.fail('$', (error as Error).message, 'JSON as pvesh --output-format json writes it');
    }
    const isEnvelope = typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && 'data' in value;
    return isEnvelope ? (value as Json)['data'] : value;
  }

  array(value: unknown, path: string): unknown[] {
    return Array.isArray(value) ? value : this.fail(path, value, 'an array');
  }

  object(value: unknown, path: string): Json {
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : this.fail(path, value, 'an object');
  }

  string(entry: Json, key: string, path: string): string {
    return this.optionalString(entry, key, path) ?? this.fail(`${path}.${key}`, undefined, 'a string');
  }

  optionalString(entry: Json, key: string, path: string): string | null {
    const value = entry[key];
    if (value === undefined || value === null) return null;
    return typeof value === 'string' ? value : this.fail(`${path}.${key}`, value, 'a string');
  }

  number(entry: Json, key: string, path: string): number {
    return this.optionalNumber(entry, key, path) ?? this.fail(`${path}.${key}`, undefined, 'a number >= 0');
  }

  optionalNumber(entry: Json, key: string, path: string): number | null {
    const value = entry[key];
    if (value === undefined || value === null) return null;
    return typeof value === 'number' && value >= 0 ? value : this.fail(`${path}.${key}`, value, 'a number >= 0');
  }

  /** Proxmox's 0/1 integers. */
  flag(entry: Json, key: string, path: string): boolean | undefined {
    const value = entry[key];
    if (value === undefined) return undefined;
    return value === 1 ? true : value === 0 ? false : this.fail(`${path}.${key}`, value, '0 or 1');
  }

  private fail(field: string, value: unknown, expected: string): never {
    throw new InputError({ file: this.file, field, value, expected });
  }
}
