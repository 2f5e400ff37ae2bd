/**
 * scripts/proxmox-dump.sh run for real with bash, against a fake /etc/pve (HEADROOM_PVE_ETC) holding
 * the secrets it must leave out, and a fake `pvesh` on PATH that answers from the three-node
 * fixture (and fails for offline pve3, as the real one does). Its archive must import to the same
 * scenario as the fixture folder.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { x as extract } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ImportProxmox from '../../src/commands/import/proxmox.js';
import { runCommand } from '../support/run-command.js';

const SCRIPT = resolve('scripts/proxmox-dump.sh');
const THREE_NODE = resolve('test/fixtures/proxmox-dump/three-node');
const SHELLCHECK = '/usr/bin/shellcheck';
const inCi = process.env.CI === 'true';

const FAKE_PVESH = `#!/usr/bin/env bash
# pvesh get <path> --output-format json, answered from the fixture's api/ folder
api="$FAKE_PVESH_API"
case "$2" in
  /cluster/resources) cat "$api/cluster-resources.json" ;;
  /cluster/status) cat "$api/cluster-status.json" ;;
  /nodes/*/status)
    node="\${2#/nodes/}"; node="\${node%/status}"
    if [ -f "$api/nodes/$node/status.json" ]; then cat "$api/nodes/$node/status.json"; else echo "hostname lookup '$node' failed - no route to host" >&2; exit 2; fi ;;
  *) echo "no such path $2" >&2; exit 2 ;;
esac
`;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

describe('scripts/proxmox-dump.sh', () => {
  let work: string;
  let archive: string;
  let stderr: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'headroom-dump-script-'));
    const etc = join(work, 'etc-pve');
    cpSync(join(THREE_NODE, 'etc-pve'), etc, { recursive: true });
    mkdirSync(join(etc, 'priv'));
    writeFileSync(join(etc, 'priv/authkey.key'), 'PRIVATE KEY\n');
    writeFileSync(join(etc, 'priv/token.cfg'), 'root@pam!headroom 5ecret-t0ken\n');
    writeFileSync(join(etc, 'nodes/pve1/pve-ssl.key'), 'PRIVATE KEY\n');
    writeFileSync(join(etc, 'nodes/pve1/pve-ssl.pem'), 'CERTIFICATE\n');
    writeFileSync(join(etc, 'pve-root-ca.pem'), 'CERTIFICATE\n');
    writeFileSync(join(etc, 'user.cfg'), 'user:root@pam:1:0:::root@example.com:::\ntoken:root@pam!headroom::0:read only:\n\nacl:1:/:root@pam!headroom:PVEAuditor:\n');
    symlinkSync('nodes/pve1', join(etc, 'local'));
    symlinkSync('nodes/pve1/qemu-server', join(etc, 'qemu-server'));
    mkdirSync(join(work, 'bin'));
    writeFileSync(join(work, 'bin/pvesh'), FAKE_PVESH);
    chmodSync(join(work, 'bin/pvesh'), 0o755);
    archive = join(work, 'dump.tar.gz');
    const env = { ...process.env, PATH: `${join(work, 'bin')}:${process.env.PATH}`, HEADROOM_PVE_ETC: etc, FAKE_PVESH_API: join(THREE_NODE, 'api') };
    const run = spawnSync('bash', [SCRIPT, archive], { env, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`proxmox-dump: wrote ${archive}\n`);
    stderr = run.stderr;
    mkdirSync(join(work, 'unpacked'));
    extract({ file: archive, cwd: join(work, 'unpacked'), sync: true });
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('copies /etc/pve without priv/, keys, certificates, node symlinks and token lines', () => {
    const files = filesUnder(join(work, 'unpacked/pve-dump/etc-pve'));
    expect(files).toEqual([...filesUnder(join(THREE_NODE, 'etc-pve')), 'user.cfg'].sort());
    expect(readFileSync(join(work, 'unpacked/pve-dump/etc-pve/user.cfg'), 'utf8')).toBe('user:root@pam:1:0:::root@example.com:::\n\nacl:1:/:root@pam!headroom:PVEAuditor:\n');
    expect(existsSync(join(work, 'unpacked/pve-dump/etc-pve/local'))).toBe(false);
  });

  it('writes the pvesh answers, leaving out the offline node with a warning', () => {
    expect(filesUnder(join(work, 'unpacked/pve-dump/api'))).toEqual(filesUnder(join(THREE_NODE, 'api')));
    for (const file of filesUnder(join(THREE_NODE, 'api'))) {
      expect(readFileSync(join(work, 'unpacked/pve-dump/api', file), 'utf8')).toBe(readFileSync(join(THREE_NODE, 'api', file), 'utf8'));
    }
    expect(stderr).toContain("proxmox-dump: warning: node pve3 answered no status (offline?): left out; hostname lookup 'pve3' failed");
  });

  it('imports to the same scenario as the fixture folder', async () => {
    const fromArchive = await runCommand(ImportProxmox, ['--from', archive, '--out', join(work, 'a'), '--json']);
    const fromFolder = await runCommand(ImportProxmox, ['--from', THREE_NODE, '--out', join(work, 'b'), '--json']);
    expect(filesUnder(join(work, 'a')).map((file) => readFileSync(join(work, 'a', file), 'utf8'))).toEqual(filesUnder(join(work, 'b')).map((file) => readFileSync(join(work, 'b', file), 'utf8')));
    expect(fromArchive.exitCode).toBe(0);
    expect(fromFolder.exitCode).toBe(0);
  });

  it.runIf(inCi || existsSync(SHELLCHECK))('passes shellcheck', () => {
    expect(() => execFileSync('shellcheck', [SCRIPT], { encoding: 'utf8' })).not.toThrow();
  });
});
