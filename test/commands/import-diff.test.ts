import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ImportDiff from '../../src/commands/import/diff.js';
import ImportProxmox from '../../src/commands/import/proxmox.js';
import type { ScenarioDiff } from '../../src/engine/report/scenario-diff.js';
import { runCommand } from '../support/run-command.js';

const THREE_NODE = join(import.meta.dirname, '../fixtures/proxmox-dump/three-node');

describe('headroom import diff', () => {
  let work: string;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'headroom-import-diff-'));
    const later = join(work, 'later-dump');
    cpSync(THREE_NODE, later, { recursive: true });
    const nodes = join(later, 'etc-pve/nodes');
    // A week later: web-3 is new on pve2, db-2 has twice the memory, web-1 moved to pve2, gpu-hosts is no longer strict.
    writeFileSync(join(nodes, 'pve2/qemu-server/108.conf'), 'cores: 2\nmemory: 4096\nname: web-3\nscsi0: nas:108/vm-108-disk-0.qcow2,size=32G\n');
    writeFileSync(join(nodes, 'pve2/qemu-server/101.conf'), readFileSync(join(nodes, 'pve2/qemu-server/101.conf'), 'utf8').replace('memory: 16384', 'memory: 32768'));
    renameSync(join(nodes, 'pve1/qemu-server/102.conf'), join(nodes, 'pve2/qemu-server/102.conf'));
    writeFileSync(join(later, 'etc-pve/ha/rules.cfg'), readFileSync(join(later, 'etc-pve/ha/rules.cfg'), 'utf8').replace('strict 1', 'strict 0'));
    for (const [from, out] of [[THREE_NODE, 'before'], [later, 'after']] as const) {
      expect((await runCommand(ImportProxmox, ['--from', from, '--out', join(work, out)])).exitCode).toBe(0);
    }
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('says what changed, the summary line first', async () => {
    const run = await runCommand(ImportDiff, [join(work, 'before'), join(work, 'after')]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout.split('\n').slice(0, 5)).toEqual([
      // +1 VM (web-3); vCPU +2 (web-3); memory +4 (web-3) +16 (db-2: 16 -> 32 GiB) = +20; disk +32 (web-3)
      'since last: +1 VMs, +2 vCPU, +20 GiB memory, +32 GiB disk; 1 added, 1 moved, 1 resized; rules 1 changed',
      '+ guest web-3 on pve2: 2 vCPU, 4 GiB, 32 GiB on nas',
      '~ guest web-1 moved from pve1 to pve2',
      '~ guest db-2 resized: 8 vCPU, 16 GiB, 256.00 GiB on tank -> 8 vCPU, 32 GiB, 256.00 GiB on tank',
      '~ rule gpu-hosts changed',
    ]);
  });

  it('--json gives the changes as data; the same import twice is no change', async () => {
    const diff = JSON.parse((await runCommand(ImportDiff, [join(work, 'before', 'prod3.yaml'), join(work, 'after'), '--json'])).stdout) as ScenarioDiff;
    expect(diff.guests.moved).toEqual([{ name: 'web-1', from: 'pve1', to: 'pve2' }]);
    expect(diff.delta).toEqual({ vms: 1, vcpus: 2, memGiB: 20, diskGiB: 32, gpus: 0, nodes: 0, nodeThreads: 0, nodeMemGiB: 0 });
    const same = await runCommand(ImportDiff, [join(work, 'before'), join(work, 'before')]);
    expect(same.stdout).toBe('since last: no change\n');
  });
});
