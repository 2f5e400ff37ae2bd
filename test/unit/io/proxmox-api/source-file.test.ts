import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFile } from '../../../../src/io/proxmox/source-file.js';

describe('sourceFile', () => {
  it.each([
    ['a dump folder: the file under it', '/tmp/pve-dump', 'etc-pve/ha/rules.cfg', join('/tmp/pve-dump', 'etc-pve/ha/rules.cfg')],
    ['the API: the call that answered for rules.cfg', 'https://pve1:8006/api2/json', 'etc-pve/ha/rules.cfg', 'https://pve1:8006/api2/json/cluster/ha/rules'],
    ['the API: the call that answered for pci.cfg', 'https://pve1:8006/api2/json', 'etc-pve/mapping/pci.cfg', 'https://pve1:8006/api2/json/cluster/mapping/pci'],
  ])('%s', (_name, source, relative, expected) => {
    expect(sourceFile(source, relative)).toBe(expected);
  });
});
