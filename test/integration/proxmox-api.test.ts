import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readApi, type ApiReadOptions } from '../../src/io/proxmox/api/read-api.js';
import { readDump } from '../../src/io/proxmox/dump/read-dump.js';
import { comparableDump } from '../support/comparable-dump.js';
import { makeCertificates, startApiServer, type ApiServer, type TestCertificates } from '../support/proxmox-api-server.js';

const SMALL = join(import.meta.dirname, '../fixtures/proxmox-dump/small');
const THREE_NODE = join(import.meta.dirname, '../fixtures/proxmox-dump/three-node');
const TOKEN_ID = 'headroom@pve!import';
const SECRET = '5e1f2a3b-0c9d-4e8f-a7b6-secret-in-test';

let certs: TestCertificates;
beforeAll(() => {
  certs = makeCertificates();
});

async function withServer<T>(options: { dump?: string; permissions?: Record<string, Record<string, number>>; failing?: string[]; forbidden?: Record<string, string>; answers?: Record<string, unknown>; tls?: 'matching' | 'mismatched' }, use: (server: ApiServer, read: (extra?: Partial<ApiReadOptions>) => Promise<unknown>) => Promise<T>): Promise<T> {
  const server = await startApiServer({ dump: options.dump ?? SMALL, tokenId: TOKEN_ID, secret: SECRET, tls: certs[options.tls ?? 'matching'], failing: options.failing, forbidden: options.forbidden, answers: options.answers, permissions: options.permissions });
  try {
    return await use(server, (extra) => readApi({ baseUrl: server.url, tokenId: TOKEN_ID, tokenSecret: SECRET, ca: certs.ca, timeoutMs: 5000, ...extra }));
  } finally {
    await server.close();
  }
}

/** The error a read throws, checked to be an InputError that never holds the secret. */
async function inputErrorOf(read: Promise<unknown>): Promise<InputError> {
  const error = await read.then(
    () => {
      throw new Error('expected an InputError');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InputError);
  const inputError = error as InputError;
  expect(`${inputError.message}\n${inputError.stack}\n${JSON.stringify(inputError.issues)}`).not.toContain(SECRET);
  return inputError;
}

describe('readApi on a local HTTPS Proxmox API serving the small dump', () => {
  it('reads the same cluster as readDump, apart from the offline node pve-b that the API cannot reach', async () => {
    await withServer({}, async (server, read) => {
      const api = (await read()) as ReturnType<typeof readDump>;
      const dump = readDump(SMALL);
      // pve-b is offline: pveproxy answers 595 for its status and its guests' configs, so lxc 201
      // is known from cluster/resources only, and both are named missing as the dump names files.
      const reachable = { ...dump, guests: dump.guests.filter((guest) => guest.node !== 'pve-b') };
      expect(comparableDump(api)).toEqual(comparableDump(reachable));
      expect(api.missing).toEqual(['api/nodes/pve-b/status.json', 'etc-pve/nodes/pve-b/lxc/201.conf']);
      expect(api.resources.guests.map((guest) => `${guest.node}/${guest.kind}/${guest.vmid}`)).toEqual(['pve-a/qemu/101', 'pve-a/qemu/9000', 'pve-b/lxc/201']);
      // No call is made for a config on the unreachable node; the current config is asked for.
      expect(server.requests).not.toContain('/nodes/pve-b/lxc/201/config');
      expect(server.requests).toContain('/nodes/pve-a/qemu/101/config');
    });
  });

  it('reads the three-node cluster as readDump does, apart from the guests on offline pve3', async () => {
    await withServer({ dump: THREE_NODE }, async (server, read) => {
      const api = (await read()) as ReturnType<typeof readDump>;
      const dump = readDump(THREE_NODE);
      expect(comparableDump(api)).toEqual(comparableDump({ ...dump, guests: dump.guests.filter((guest) => guest.node !== 'pve3') }));
      expect(api.missing).toEqual(['api/nodes/pve3/status.json', 'etc-pve/nodes/pve3/qemu-server/104.conf', 'etc-pve/nodes/pve3/qemu-server/107.conf']);
      // The server also answers the rule pve-ha-manager derives from group `web`; it is dropped,
      // since groups.cfg itself is read.
      expect(api.haRules.map((rule) => rule.id)).toEqual(['db-on-zfs-hosts', 'db-apart', 'gpu-hosts']);
      expect(api.haGroups.map((group) => group.id)).toEqual(['web']);
      expect(server.requests).toContain('/cluster/ha/rules');
    });
  });

  it('reads the three-node cluster exactly as readDump does once pve3 is back online', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'headroom-api-dump-'));
    try {
      cpSync(THREE_NODE, dir, { recursive: true });
      const resourcesFile = join(dir, 'api/cluster-resources.json');
      const resources = JSON.parse(readFileSync(resourcesFile, 'utf8')) as Record<string, unknown>[];
      writeFileSync(resourcesFile, JSON.stringify(resources.map((entry) => (entry['id'] === 'node/pve3' ? { ...entry, status: 'online', cpu: 0.1, mem: 1 } : entry))));
      mkdirSync(join(dir, 'api/nodes/pve3'), { recursive: true });
      writeFileSync(join(dir, 'api/nodes/pve3/status.json'), JSON.stringify({ cpuinfo: { cpus: 48, model: 'AMD EPYC 7413' }, memory: { total: 270582939648 } }));
      await withServer({ dump: dir }, async (_server, read) => {
        const api = (await read()) as ReturnType<typeof readDump>;
        expect(comparableDump(api)).toEqual(comparableDump(readDump(dir)));
        expect(api.missing).toEqual([]);
        expect(api.guests.map((guest) => guest.vmid)).toEqual([100, 102, 105, 9000, 200, 101, 103, 106, 201, 104, 107]);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives every guest the location of its config call and the line qemu-server would write it on', async () => {
    await withServer({}, async (server, read) => {
      const api = (await read()) as ReturnType<typeof readDump>;
      const db = api.guests.find((guest) => guest.vmid === 101)!;
      expect(db.file).toBe(`${server.url}/api2/json/nodes/pve-a/qemu/101/config?current=1`);
      // Written sorted after the one description line: #Primary Postgres, balloon, cores, ide2,
      // memory, name, onboot, scsi0 (line 8), scsi1 (line 9), sockets, tags.
      expect(db.disks.map((disk) => [disk.key, disk.line])).toEqual([['scsi0', 8], ['scsi1', 9]]);
    });
  });

  it('returns the same object whatever the concurrency (order by node, kind, vmid)', async () => {
    await withServer({}, async (_server, read) => {
      expect(await read({ concurrency: 1 })).toEqual(await read({ concurrency: 16 }));
    });
  });

  it('refuses a wrong token with 401, naming the URL and never the secret', async () => {
    await withServer({}, async (server, read) => {
      const error = await inputErrorOf(read({ tokenSecret: 'not-the-secret' }));
      expect(error.issues[0]).toMatchObject({ file: `${server.url}/api2/json/access/permissions`, field: 'HTTP status', value: '401 authentication failure' });
    });
  });

  it('names the privilege a 403 lacks', async () => {
    await withServer({ forbidden: { '/cluster/status': '/, Sys.Audit' } }, async (server, read) => {
      const error = await inputErrorOf(read());
      expect(error.issues[0]).toMatchObject({ file: `${server.url}/api2/json/cluster/status`, value: '403 Permission check failed (/, Sys.Audit)' });
      expect(error.issues[0]!.expected).toContain('Sys.Audit on /');
    });
  });

  it('refuses a token that may audit only some guests, since the API would silently list only those', async () => {
    // VM.Audit through pool `prod` only: /cluster/resources would hide every other guest.
    const poolOnly = { '/': { 'Sys.Audit': 1, 'Datastore.Audit': 1, 'Mapping.Audit': 1 }, '/vms': {}, '/pool/prod': { 'VM.Audit': 1 } };
    await withServer({ permissions: poolOnly }, async (server, read) => {
      const error = await inputErrorOf(read());
      expect(error.issues[0]).toMatchObject({ file: `${server.url}/api2/json/access/permissions`, field: '/vms', value: '(none)' });
      expect(error.issues[0]!.expected).toMatch(/^VM\.Audit on \/vms, propagated/);
      expect(server.requests).toEqual(['/access/permissions']);
    });
    // Granted on / without propagate: it does not reach /storage/<id>.
    await withServer({ permissions: { '/': { 'Sys.Audit': 1, 'VM.Audit': 1, 'Mapping.Audit': 1, 'Datastore.Audit': 0 } } }, async (_server, read) => {
      expect((await inputErrorOf(read())).issues[0]).toMatchObject({ field: '/', value: 'Datastore.Audit, Mapping.Audit (propagated), Sys.Audit (propagated), VM.Audit (propagated)' });
    });
    // Denied below: NoAccess on one guest.
    await withServer({ permissions: { '/': { 'Sys.Audit': 1, 'VM.Audit': 1, 'Mapping.Audit': 1, 'Datastore.Audit': 1 }, '/vms/101': {} } }, async (_server, read) => {
      expect((await inputErrorOf(read())).issues[0]).toMatchObject({ field: '/vms/101', value: '(none)' });
    });
  });

  it('refuses a guest whose config call fails with 500', async () => {
    await withServer({ failing: ['/nodes/pve-a/qemu/9000/config'] }, async (server, read) => {
      const error = await inputErrorOf(read());
      expect(error.issues[0]).toMatchObject({ file: `${server.url}/api2/json/nodes/pve-a/qemu/9000/config?current=1`, value: '500 unable to read config: Input/output error', expected: '200 OK' });
    });
  });

  it('refuses a certificate that does not match the host name, in Node words', async () => {
    await withServer({ tls: 'mismatched' }, async (server, read) => {
      const error = await inputErrorOf(read());
      expect(error.issues[0]).toMatchObject({ file: `${server.url}/api2/json/access/permissions`, field: 'connection' });
      expect(String(error.issues[0]!.value)).toMatch(/^ERR_TLS_CERT_ALTNAME_INVALID: .*127\.0\.0\.1/);
    });
  });

  it('refuses a certificate of an unknown CA, and reads it with --insecure', async () => {
    await withServer({}, async (_server, read) => {
      const error = await inputErrorOf(read({ ca: undefined }));
      expect(String(error.issues[0]!.value)).toMatch(/^(UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY): /);
      const insecure = (await read({ ca: undefined, insecure: true })) as ReturnType<typeof readDump>;
      expect(insecure.guests).toHaveLength(2);
    });
  });

  it('refuses a connection that is refused', async () => {
    // A port that was free a moment ago: bound, then closed.
    const probe = createTcpServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    const error = await inputErrorOf(readApi({ baseUrl: `https://127.0.0.1:${port}`, tokenId: TOKEN_ID, tokenSecret: SECRET, ca: certs.ca }));
    expect(error.issues[0]).toMatchObject({ file: `https://127.0.0.1:${port}/api2/json/access/permissions`, field: 'connection' });
    expect(String(error.issues[0]!.value)).toMatch(/^ECONNREFUSED: connect ECONNREFUSED 127\.0\.0\.1:/);
  });

  it('gives up on a server that does not answer within the timeout', async () => {
    const silent = createTcpServer(() => undefined); // accepts, never speaks TLS
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const error = await inputErrorOf(readApi({ baseUrl: `https://127.0.0.1:${port}`, tokenId: TOKEN_ID, tokenSecret: SECRET, ca: certs.ca, timeoutMs: 200 }));
      expect(error.issues[0]).toMatchObject({ field: 'connection', value: 'ETIMEDOUT: no answer within 200 ms' });
    } finally {
      silent.close();
    }
  });

  it('refuses an answer of the wrong shape, naming the URL and the JSON path', async () => {
    await withServer({ answers: { '/cluster/config/nodes': { node: 'pve-a' } } }, async (server, read) => {
      const error = await inputErrorOf(read());
      expect(error.issues[0]).toMatchObject({ file: `${server.url}/api2/json/cluster/config/nodes`, field: '$.data', expected: 'an array' });
    });
    await withServer({ answers: { '/cluster/resources': [{ type: 'node', node: 'pve-a', status: 'online', maxcpu: 64, maxmem: '512G' }] } }, async (server, read) => {
      const error = await inputErrorOf(read());
      expect(error.issues[0]).toMatchObject({ file: `${server.url}/api2/json/cluster/resources`, field: '$[0].maxmem', value: '512G' });
    });
  });
});
