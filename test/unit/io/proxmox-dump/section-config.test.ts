import { describe, expect, it } from 'vitest';
import { parseSectionConfig, single, splitList } from '../../../../src/io/proxmox/section-config.js';
import { issueOf } from '../../../support/input-issue.js';

// rules.cfg from the doc (section 7), the second section indented with spaces as real files may be.
const RULES = [
  '# written by ha-manager',
  'node-affinity: db-prefers-a',
  '\tresources vm:101',
  '\tnodes pve-a:2,pve-b:1',
  '\tstrict 0',
  '',
  'resource-affinity: app-with-cache',
  '    resources vm:110,ct:210',
  '    affinity positive',
  '    comment latency sensitive',
  '',
].join('\n');

describe('SectionConfig', () => {
  it('reads typed sections with their lines, tab or space indented, skipping comments', () => {
    const sections = parseSectionConfig(RULES, 'rules.cfg');
    expect(sections.map(({ type, id, line }) => ({ type, id, line }))).toEqual([
      { type: 'node-affinity', id: 'db-prefers-a', line: 2 },
      { type: 'resource-affinity', id: 'app-with-cache', line: 7 },
    ]);
    expect(sections[0]!.properties).toEqual([
      { key: 'resources', value: 'vm:101', line: 3 },
      { key: 'nodes', value: 'pve-a:2,pve-b:1', line: 4 },
      { key: 'strict', value: '0', line: 5 },
    ]);
    // The value is the rest of the line, spaces inside kept.
    expect(single(sections[1]!, 'comment', 'rules.cfg')!.value).toBe('latency sensitive');
  });

  it('reads a key without a value as the flag 1, and CRLF line ends', () => {
    const [pool] = parseSectionConfig('zfspool: fast-zfs\r\n\tpool rpool/fast\r\n\tsparse\r\n', 'storage.cfg');
    expect(pool!.properties).toEqual([
      { key: 'pool', value: 'rpool/fast', line: 2 },
      { key: 'sparse', value: '1', line: 3 },
    ]);
  });

  it('reads bare-id headers and repeated keys (mapping/pci.cfg)', () => {
    const text = ['gpu-l4', '\tmap node=pve-c,path=0000:41:00.0,id=10de:27b8', '\tmap node=pve-d,path=0000:41:00.0,id=10de:27b8', '\tdescription NVIDIA L4'].join('\n');
    const [mapping] = parseSectionConfig(text, 'pci.cfg', 'bare-id');
    expect(mapping!.id).toBe('gpu-l4');
    expect(mapping!.properties.filter((p) => p.key === 'map').map((p) => p.line)).toEqual([2, 3]);
  });

  it('splits lists on commas, semicolons and whitespace', () => {
    expect(splitList('pve-a,pve-b; pve-c  pve-d')).toEqual(['pve-a', 'pve-b', 'pve-c', 'pve-d']);
  });

  it('refuses a header without a type, naming the line', () => {
    expect(issueOf(() => parseSectionConfig('dir local\n\tpath /var/lib/vz\n', 'storage.cfg'))).toEqual({
      file: 'storage.cfg', line: 1, field: 'header', value: 'dir local', expected: "a section header '<type>: <id>' at column 0",
    });
  });

  it('refuses a property after the blank line that ended its section', () => {
    // Line 3 is blank, so line 4 belongs to no section.
    const issue = issueOf(() => parseSectionConfig('dir: local\n\tpath /var/lib/vz\n\n\tcontent iso\n', 'storage.cfg'));
    expect(issue).toMatchObject({ file: 'storage.cfg', line: 4, field: 'content', value: 'content iso' });
  });

  it('refuses a repeated single key, naming both lines', () => {
    const [section] = parseSectionConfig('dir: local\n\tpath /a\n\tpath /b\n', 'storage.cfg');
    expect(issueOf(() => single(section!, 'path', 'storage.cfg'))).toEqual({
      file: 'storage.cfg', line: 3, field: 'local.path', value: '/b', expected: "'path' once per section (first at line 2)",
    });
  });
});
