import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ImportProxmox, { type ImportProxmoxResult } from '../../src/commands/import/proxmox.js';
import { makeCertificates, startApiServer, type ApiServer } from '../support/proxmox-api-server.js';
import { runCommand } from '../support/run-command.js';

const THREE_NODE = join(import.meta.dirname, '../fixtures/proxmox-dump/three-node');
const TOKEN_ID = 'headroom@pve!import';
const SECRET = '9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d';

describe('headroom import proxmox --api', () => {
  let work: string;
  let server: ApiServer;
  let apiArgs: (out: string) => string[];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'headroom-import-api-cmd-'));
    const certs = makeCertificates();
    writeFileSync(join(work, 'ca.pem'), certs.ca);
    writeFileSync(join(work, 'secret'), SECRET);
    server = await startApiServer({ dump: THREE_NODE, tokenId: TOKEN_ID, secret: SECRET, tls: certs.matching });
    apiArgs = (out) => ['--api', server.url, '--token-id', TOKEN_ID, '--token-secret-file', join(work, 'secret'), '--ca-file', join(work, 'ca.pem'), '--out', join(work, out)];
  });
  afterAll(async () => {
    await server.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('keeps the guests of offline pve3 from cluster/resources and says their configs could not be read', async () => {
    const run = await runCommand<ImportProxmoxResult>(ImportProxmox, apiArgs('offline'));
    expect(run.exitCode).toBe(0);
    const notes = run.result!.notes;
    // gpu-1 (104) and ci-runner (107) sit on pve3: sized from cluster-resources, without disks or PCI devices.
    expect(notes).toContainEqual({ code: 'guest-without-config', guest: { vmid: 104, name: 'gpu-1' } });
    expect(notes).toContainEqual({ code: 'guest-without-config', guest: { vmid: 107, name: 'ci-runner' } });
    expect(notes).toContainEqual({ code: 'missing-file', file: 'etc-pve/nodes/pve3/qemu-server/104.conf' });
    expect(run.result!.guests.map((guest) => guest.vmid)).toEqual([100, 101, 102, 103, 104, 105, 106, 107, 200, 201, 9000]);
    expect(`${run.stdout}${run.stderr}`).not.toContain(SECRET);
  });

  it('needs exactly one of --from and --api', async () => {
    const neither = await runCommand(ImportProxmox, ['--out', join(work, 'neither')]);
    expect(neither.exitCode).toBe(2);
    const both = await runCommand(ImportProxmox, [...apiArgs('both'), '--from', THREE_NODE]);
    expect(both.exitCode).toBe(2);
  });

  it('refuses a --ca-file that is not there, naming it', async () => {
    const run = await runCommand(ImportProxmox, [...apiArgs('no-ca').slice(0, -4), '--ca-file', join(work, 'absent.pem'), '--out', join(work, 'no-ca')]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`headroom: ${join(work, 'absent.pem')}: field '--ca-file' has value 'ENOENT': expected a readable PEM file`);
  });
});
