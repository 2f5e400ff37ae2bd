import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { c as createTar } from 'tar';
import { afterEach, describe, expect, it } from 'vitest';
import ImportProxmox, { type ImportProxmoxResult } from '../../src/commands/import/proxmox.js';
import Report from '../../src/commands/report.js';
import Validate from '../../src/commands/validate.js';
import { runCommand } from '../support/run-command.js';
import { scratchOut } from '../support/report-out.js';

const THREE_NODE = join(import.meta.dirname, '../fixtures/proxmox-dump/three-node');

describe('headroom import proxmox', () => {
  const scratch: string[] = [];
  const tempDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'headroom-import-cmd-'));
    scratch.push(dir);
    return dir;
  };
  afterEach(() => scratch.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const filesOf = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name), 'utf8')]));

  it('writes a scenario that validate accepts and report runs on, and prints what it mapped with every assumption', async () => {
    const out = join(tempDir(), 'prod');
    const run = await runCommand<ImportProxmoxResult>(ImportProxmox, ['--from', THREE_NODE, '--out', out]);
    expect(run.exitCode).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['classes.csv', 'nodes.csv', 'prod3.yaml', 'storage.csv', 'vms.csv']);
    expect(run.stdout).toContain(`Imported Proxmox VE cluster prod3 into ${join(out, 'prod3.yaml')}`);
    expect(run.stdout).toContain('Guests: 9 counted of 11 (7 qemu, 2 lxc), 5 HA, in 7 classes');
    expect(run.stdout).toContain('pool ceph-ext is served from outside the cluster');
    expect(run.stdout).toContain(`Assumptions (${run.result!.notes.length}):`);
    // The YAML carries the same assumptions as comments.
    expect(readFileSync(join(out, 'prod3.yaml'), 'utf8')).toContain('# - pool nas is served by pve2: its server 10.0.0.12 is that node\'s address');

    const validate = await runCommand(Validate, ['--scenario', join(out, 'prod3.yaml')]);
    expect(validate.exitCode).toBe(0);
    expect(validate.stdout).toContain('VMs: 9 in 7 classes, 5 HA-managed');
    const report = await runCommand(Report, ['--scenario', join(out, 'prod3.yaml'), ...scratchOut()]);
    // The fixture breaks n+1 (db-1 and db-2 sit on local ZFS): the report runs and says so (no gate asked: exit 0).
    expect(report.exitCode).toBe(0);
    expect(report.stdout).toContain('Policy n+1: BREAKS (3 failure scenarios checked; strategy pve-static)');
  });

  it('reads a .tar.gz with the dump in one folder to the same files, byte for byte', async () => {
    const work = tempDir();
    cpSync(THREE_NODE, join(work, 'pve-dump'), { recursive: true });
    createTar({ gzip: true, file: join(work, 'pve-dump.tar.gz'), cwd: work, sync: true }, ['pve-dump']);
    const fromFolder = await runCommand(ImportProxmox, ['--from', THREE_NODE, '--out', join(work, 'a')]);
    const fromArchive = await runCommand(ImportProxmox, ['--from', join(work, 'pve-dump.tar.gz'), '--out', join(work, 'b')]);
    expect([fromFolder.exitCode, fromArchive.exitCode]).toEqual([0, 0]);
    expect(filesOf(join(work, 'b'))).toEqual(filesOf(join(work, 'a')));
  });

  it('--json prints the typed result', async () => {
    const out = join(tempDir(), 'prod');
    const run = await runCommand(ImportProxmox, ['--from', THREE_NODE, '--out', out, '--json', '--include-stopped']);
    const result = JSON.parse(run.stdout) as ImportProxmoxResult;
    expect(result.scenario).toBe(join(out, 'prod3.yaml'));
    expect(result.cluster.vms).toHaveLength(10); // 9 running or unknown + old-app
    expect(result.guests.map((guest) => guest.vmid)).toEqual([100, 101, 102, 103, 104, 105, 106, 107, 200, 201, 9000]);
  });

  it('refuses a --out folder that holds anything, and writes nothing', async () => {
    const out = tempDir();
    writeFileSync(join(out, 'keep.txt'), 'mine');
    const run = await runCommand(ImportProxmox, ['--from', THREE_NODE, '--out', out]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`headroom: ${out}: field '--out' has value '${out}': expected a new or empty folder`);
    expect(readdirSync(out)).toEqual(['keep.txt']);
  });

  describe('bad input: one message with the file and line, exit 2, nothing written', () => {
    const broken = (file: string, text: string): string => {
      const dir = join(tempDir(), 'dump');
      cpSync(THREE_NODE, dir, { recursive: true });
      writeFileSync(join(dir, file), text);
      return dir;
    };
    const storageWith = (replace: string, by: string) => readFileSync(join(THREE_NODE, 'etc-pve/storage.cfg'), 'utf8').replace(replace, by);
    const confWith = (replace: string, by: string) => readFileSync(join(THREE_NODE, 'etc-pve/nodes/pve1/qemu-server/102.conf'), 'utf8').replace(replace, by);

    it.each([
      ['an unknown storage type', 'etc-pve/storage.cfg', () => storageWith('nfs: nas', 'nfsv5: nas'), "etc-pve/storage.cfg:17: field 'nas.type' has value 'nfsv5': expected a storage type"],
      ['a malformed SectionConfig line', 'etc-pve/storage.cfg', () => storageWith('zfspool: tank', 'zfspool tank extra'), "etc-pve/storage.cfg:10: field 'header' has value 'zfspool tank extra': expected a section header"],
      ['a disk on a storage storage.cfg does not define', 'etc-pve/nodes/pve1/qemu-server/102.conf', () => confWith('scsi0: nas:', 'scsi0: nas2:'), "qemu-server/102.conf:15: field 'scsi0.storage' has value 'nas2': expected a storage that storage.cfg defines"],
      ['a .conf line that is not key: value', 'etc-pve/nodes/pve1/qemu-server/102.conf', () => confWith('cores: 2', 'cores 2'), "qemu-server/102.conf:5: field 'line' has value 'cores 2': expected 'key: value'"],
      ['a size with an unknown unit', 'etc-pve/nodes/pve1/qemu-server/102.conf', () => confWith('size=32G', 'size=32X'), "qemu-server/102.conf:15: field 'scsi0.size' has value '32X': expected a size <number>[K|M|G|T]"],
      ['a JSON file of the wrong shape', 'api/cluster-resources.json', () => '{"data": {"nodes": []}}', "api/cluster-resources.json: field '$' has value {\"nodes\":[]}: expected an array"],
    ])('%s', async (_name, file, text, message) => {
      const dump = broken(file, text());
      const out = join(tempDir(), 'out');
      const run = await runCommand(ImportProxmox, ['--from', dump, '--out', out]);
      expect(run.exitCode).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain(message);
      expect(existsSync(out)).toBe(false);
    });

    it('a tar.gz that is not one', async () => {
      const work = tempDir();
      writeFileSync(join(work, 'dump.tar.gz'), 'these are not the bytes of an archive\n');
      const run = await runCommand(ImportProxmox, ['--from', join(work, 'dump.tar.gz'), '--out', join(work, 'out')]);
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toContain(`${join(work, 'dump.tar.gz')}: field '--from' has value '${join(work, 'dump.tar.gz')}': expected a dump folder or a .tar.gz of one`);
      expect(existsSync(join(work, 'out'))).toBe(false);
    });

    it('an error inside an archive names the archive and the file in it', async () => {
      const work = tempDir();
      mkdirSync(join(work, 'src'));
      cpSync(THREE_NODE, join(work, 'src'), { recursive: true });
      writeFileSync(join(work, 'src/etc-pve/ha/rules.cfg'), 'node-affinity: x\n  resources vm:100\n\tnodes pve1:high\n');
      createTar({ gzip: true, file: join(work, 'dump.tar.gz'), cwd: join(work, 'src'), sync: true }, ['api', 'etc-pve']);
      const run = await runCommand(ImportProxmox, ['--from', join(work, 'dump.tar.gz'), '--out', join(work, 'out')]);
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toContain(`${join(work, 'dump.tar.gz')}:etc-pve/ha/rules.cfg:3: field 'x.nodes' has value 'pve1:high'`);
    });

    it('a --served-by that is not POOL=NODE', async () => {
      const run = await runCommand(ImportProxmox, ['--from', THREE_NODE, '--out', join(tempDir(), 'out'), '--served-by', 'nas']);
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toContain("--served-by: field 'POOL=NODE' has value 'nas': expected POOL=NODE, e.g. nas=pve2");
    });
  });
});
