/**
 * `headroom import proxmox --api` end to end (bin/run.js, npm test builds first) against a local
 * HTTPS Proxmox API serving the three-node fixture: the same cluster imported from the dump and
 * through the API gives the same scenario byte for byte, and the token secret appears in no
 * output and no written file, whatever the run (success, --json, --insecure, each refusal).
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headroom, type CliRun } from '../support/run-cli.js';
import { makeCertificates, startApiServer, type ApiServer, type TestCertificates } from '../support/proxmox-api-server.js';

const THREE_NODE = join(import.meta.dirname, '../fixtures/proxmox-dump/three-node');
const TOKEN_ID = 'headroom@pve!import';
const SECRET = 'd4c3b2a1-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

/** Every file under a folder, by relative path. */
function filesOf(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => {
    const path = join(entry.parentPath, entry.name);
    return [path.slice(dir.length + 1), readFileSync(path, 'utf8')];
  }).sort(([a], [b]) => (a < b ? -1 : 1)));
}

describe('headroom import proxmox --api (bin/run.js)', () => {
  let work: string;
  let certs: TestCertificates;
  let dump: string;
  let server: ApiServer;
  let mismatched: ApiServer;
  const runs: CliRun[] = [];
  const api = async (args: string[], env: Record<string, string> = {}): Promise<CliRun> => {
    const run = await headroom(['import', 'proxmox', ...args], { HEADROOM_PVE_TOKEN_SECRET: undefined, ...env });
    runs.push(run);
    return run;
  };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'headroom-import-api-'));
    certs = makeCertificates();
    writeFileSync(join(work, 'ca.pem'), certs.ca);
    writeFileSync(join(work, 'secret'), `${SECRET}\n`);
    writeFileSync(join(work, 'wrong-secret'), 'not-the-secret\n');
    // The three-node cluster with pve3 back online: the API can then read every guest's config
    // (an offline node's configs are only in a dump, see read-api.ts).
    dump = join(work, 'dump');
    cpSync(THREE_NODE, dump, { recursive: true });
    const resourcesFile = join(dump, 'api/cluster-resources.json');
    const resources = JSON.parse(readFileSync(resourcesFile, 'utf8')) as Record<string, unknown>[];
    writeFileSync(resourcesFile, JSON.stringify(resources.map((entry) => (entry['id'] === 'node/pve3' ? { ...entry, status: 'online', cpu: 0.1, mem: 1 } : entry))));
    mkdirSync(join(dump, 'api/nodes/pve3'), { recursive: true });
    writeFileSync(join(dump, 'api/nodes/pve3/status.json'), JSON.stringify({ cpuinfo: { cpus: 48, model: 'AMD EPYC 7413' }, memory: { total: 270582939648 } }));
    server = await startApiServer({ dump, tokenId: TOKEN_ID, secret: SECRET, tls: certs.matching });
    mismatched = await startApiServer({ dump, tokenId: TOKEN_ID, secret: SECRET, tls: certs.mismatched });
  });

  afterAll(async () => {
    await server.close();
    await mismatched.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('imports the same cluster to the same scenario, byte for byte, from the dump and through the API', async () => {
    const fromDump = await headroom(['import', 'proxmox', '--from', dump, '--out', join(work, 'from-dump')]);
    const fromApi = await api(['--api', server.url, '--token-id', TOKEN_ID, '--token-secret-file', join(work, 'secret'), '--ca-file', join(work, 'ca.pem'), '--out', join(work, 'from-api')]);
    expect([fromDump.code, fromApi.code]).toEqual([0, 0]);
    expect(fromApi.stderr).toBe('');
    expect(filesOf(join(work, 'from-api'))).toEqual(filesOf(join(work, 'from-dump')));
    expect(Object.keys(filesOf(join(work, 'from-api')))).toEqual(['classes.csv', 'nodes.csv', 'prod3.yaml', 'storage.csv', 'vms.csv']);
    expect(fromApi.stdout.replaceAll('from-api', 'OUT')).toBe(fromDump.stdout.replaceAll('from-dump', 'OUT'));
  });

  it('takes the secret from HEADROOM_PVE_TOKEN_SECRET, and --json prints the same result', async () => {
    const run = await api(['--api', server.url, '--token-id', TOKEN_ID, '--ca-file', join(work, 'ca.pem'), '--out', join(work, 'from-env'), '--json'], { HEADROOM_PVE_TOKEN_SECRET: SECRET });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).guests).toHaveLength(11);
  });

  it('warns on every run with --insecure, and reads the cluster without verifying the certificate', async () => {
    for (const out of ['insecure-1', 'insecure-2']) {
      const run = await api(['--api', mismatched.url, '--token-id', TOKEN_ID, '--token-secret-file', join(work, 'secret'), '--insecure', '--out', join(work, out)]);
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('Warning: --insecure: the TLS certificate of the Proxmox VE API is not');
    }
  });

  it.each([
    ['a wrong token', (url: string) => ['--api', url, '--token-id', TOKEN_ID, '--token-secret-file', 'WRONG', '--ca-file', 'CA'], /access\/permissions: field 'HTTP status' has value '401 authentication failure'/],
    ['a certificate for another host', (_url: string) => ['--api', 'MISMATCHED', '--token-id', TOKEN_ID, '--token-secret-file', 'SECRET', '--ca-file', 'CA'], /field 'connection' has value 'ERR_TLS_CERT_ALTNAME_INVALID: /],
    ['no token id', (url: string) => ['--api', url, '--token-secret-file', 'SECRET'], /--token-id: field 'token id' has value \(missing\): expected USER@REALM!TOKENID with --api/],
    ['both --from and --api', (url: string) => ['--api', url, '--from', 'DUMP', '--token-id', TOKEN_ID], /--api|--from/],
  ])('refuses %s with exit 2, one message and nothing written', async (_name, argsOf, message) => {
    const out = join(work, `refused-${runs.length}`);
    const args = argsOf(server.url).map((arg) => ({ WRONG: join(work, 'wrong-secret'), SECRET: join(work, 'secret'), CA: join(work, 'ca.pem'), MISMATCHED: mismatched.url, DUMP: dump })[arg] ?? arg);
    const run = await api([...args, '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(() => readdirSync(out)).toThrow();
  });

  it('never lets the secret out: no output of any run above, no written file', () => {
    expect(runs.length).toBeGreaterThanOrEqual(8);
    for (const run of runs) expect(`${run.stdout}\n${run.stderr}`).not.toContain(SECRET);
    const written = readdirSync(work).filter((name) => !['dump', 'secret', 'wrong-secret', 'ca.pem'].includes(name));
    expect(written.length).toBeGreaterThanOrEqual(4);
    for (const folder of written) for (const [file, text] of Object.entries(filesOf(join(work, folder)))) expect(text, `${folder}/${file}`).not.toContain(SECRET);
  });
});
