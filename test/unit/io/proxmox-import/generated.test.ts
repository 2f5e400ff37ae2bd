import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../../../src/io/loaders/scenario.js';
import { readDump } from '../../../../src/io/proxmox/dump/read-dump.js';
import { importProxmox, type ProxmoxImport } from '../../../../src/io/proxmox/import/map-dump.js';
import { scenarioFiles } from '../../../../src/io/proxmox/import/scenario-files.js';
import { writeGeneratedDump, type GeneratedDumpCounts } from '../../../bench/generate-proxmox-dump.js';

describe('a generated dump of 2,000 guests on 64 nodes', () => {
  let dir: string;
  let counts: GeneratedDumpCounts;
  let result: ProxmoxImport;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'headroom-generated-dump-'));
    counts = writeGeneratedDump(join(dir, 'dump'), { nodes: 64, guests: 2000, seed: 13 });
    result = importProxmox(readDump(join(dir, 'dump')));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports every node and counts every guest but templates and stopped ones', () => {
    expect(counts.templates + counts.stopped + counts.counted).toBe(2000);
    expect(result.cluster.nodes).toHaveLength(64);
    expect(result.guests).toHaveLength(2000);
    expect(result.cluster.vms).toHaveLength(counts.counted);
    expect(result.cluster.vms.filter((vm) => vm.ha)).toHaveLength(counts.haCounted);
    expect(result.cluster.pools.map((pool) => pool.name)).toEqual(['ceph', 'local-lvm', 'nas']); // by id, as readDump lists them
    expect(result.notes).toContainEqual({ code: 'node-offline', node: 'node64', guests: result.cluster.vms.filter((vm) => vm.currentNode === 'node64').length });
  });

  it('writes files that load back as the same cluster', () => {
    const target = mkdtempSync(join(dir, 'scenario-'));
    for (const file of scenarioFiles(result)) writeFileSync(join(target, file.name), file.content);
    expect(loadScenario(join(target, 'generated.yaml'))).toEqual(result.cluster);
  });
});
