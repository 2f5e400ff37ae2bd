import { describe, expect, it } from 'vitest';
import type { InputIssue } from '../../../src/errors.js';
import { loadScenario } from '../../../src/io/loaders/scenario.js';
import { issueOf } from '../../support/input-issue.js';
import { labCopy, type LabCopy } from '../../support/scenario-files.js';

/** The shipped lab with `text` appended to its scenario (its own sections replaced). */
function labWith(text: string): LabCopy {
  const lab = labCopy('current');
  return lab.edit('lab.yaml', /\n# Failure, repair and maintenance figures[\s\S]*$/, `\n${text}`);
}

describe('scenario availability: and services:', () => {
  it('reads the lab: its services, and figures over the defaults', () => {
    const lab = loadScenario('scenarios/lab.yaml');
    expect(lab.services!.map((s) => [s.name, s.rule, s.k, s.vms.length])).toEqual([
      ['dns', 'any', 1, 2],
      ['domain-controllers', 'any', 1, 2],
      ['kubernetes-control-plane', 'k-of-n', 2, 3],
      ['kubernetes-workers', 'k-of-n', 2, 3],
      ['database', 'all', 1, 1],
      ['applications', 'any', 1, 2],
    ]);
    // 30m = 30 minutes; 3m for the database class; everything else the defaults (15,000 h = 900,000 min).
    expect(lab.availability).toMatchObject({ maintenance: { perYear: 12, durationMinutes: 30 }, bootMinutes: { default: 1, byClass: { database: 3 } }, node: { mtbfMinutes: 900_000, mttrMinutes: 480 } });
  });

  it('reads durations in every unit and per node and domain overrides', () => {
    // 2y = 2 × 525,960 = 1,051,920 min; 1.5h = 90 min; 1w = 10,080 min; 90s = 1.5 min.
    const lab = labWith('availability:\n  node: { mtbf: 2y, mttr: 1.5h }\n  nodes: { node05: { mttr: 1w } }\n  domains: { power:ups-a: { mtbf: 1d } }\n  haRecovery: 90s\n');
    const { availability } = loadScenario(lab.scenario);
    expect(availability!.node).toEqual({ mtbfMinutes: 1_051_920, mttrMinutes: 90 });
    expect(availability!.nodeOverrides).toEqual({ node05: { mttrMinutes: 10_080 } });
    expect(availability!.domainOverrides).toEqual({ 'power:ups-a': { mtbfMinutes: 1_440 } });
    expect(availability!.haRecoveryMinutes).toBe(1.5);
  });

  const cases: Array<{ name: string; text: string; expected: Partial<InputIssue> }> = [
    { name: 'an MTBF of zero', text: 'availability:\n  node: { mtbf: 0h }\n', expected: { line: 2, field: 'availability.node.mtbf', value: '0h' } },
    { name: 'a negative MTTR', text: 'availability:\n  domain: { mttr: -4h }\n', expected: { line: 2, field: 'availability.domain.mttr', value: '-4h' } },
    { name: 'a duration in an unknown unit', text: 'availability:\n  node:\n    mtbf: 3fortnights\n', expected: { line: 3, field: 'availability.node.mtbf', value: '3fortnights' } },
    { name: 'a duration without a unit', text: 'availability:\n  nodes: { node01: { mttr: 8 } }\n', expected: { line: 2, field: 'availability.nodes.node01.mttr', value: '8' } },
    { name: 'an unknown node', text: 'availability:\n  nodes:\n    node09: { mttr: 8h }\n', expected: { line: 3, field: 'availability.nodes', value: 'node09' } },
    { name: 'an unknown domain', text: 'availability:\n  domains: { rack:rack-z: { mtbf: 1y } }\n', expected: { line: 2, field: 'availability.domains', value: 'rack:rack-z' } },
    { name: 'an unknown class in boot', text: 'availability:\n  boot: { databse: 3m }\n', expected: { line: 2, field: 'availability.boot.databse', value: 'databse' } },
    { name: 'a maintenance round longer than its period', text: 'availability:\n  maintenance: { perYear: 12, duration: 10000m }\n', expected: { line: 2, field: 'availability.maintenance.duration', value: '10000 minutes' } },
    { name: 'a service naming an unknown VM', text: 'services:\n  - { name: dns, vms: [dns1, dns9], rule: any }\n', expected: { line: 2, field: 'services[0].vms[1]', value: 'dns9', expected: 'the name of a VM in the vms file' } },
    { name: 'a k larger than the VM count', text: 'services:\n  - name: dns\n    vms: [dns1, dns2]\n    rule: 3-of-2\n', expected: { line: 4, field: 'services[0].rule', value: '3-of-2', expected: "a k from 1 to 2, the service's VM count" } },
    { name: 'an n other than the VM count', text: 'services:\n  - { name: dns, vms: [dns1, dns2], rule: 1-of-3 }\n', expected: { line: 2, field: 'services[0].rule', value: '1-of-3' } },
    { name: 'an unknown rule', text: 'services:\n  - { name: dns, vms: [dns1, dns2], rule: most }\n', expected: { line: 2, field: 'services[0].rule', value: 'most' } },
    { name: 'a VM listed twice', text: 'services:\n  - { name: dns, vms: [dns1, dns1] }\n', expected: { line: 2, field: 'services[0].vms[1]', value: 'dns1' } },
    { name: 'two services of one name', text: 'services:\n  - { name: dns, vms: [dns1] }\n  - { name: dns, vms: [dns2] }\n', expected: { line: 3, field: 'services[1].name', value: 'dns' } },
    { name: "a service named after a VM that is a service of its own", text: 'services:\n  - { name: glpi, vms: [dns1] }\n', expected: { line: 2, field: 'services[0].name', value: 'glpi' } },
  ];

  for (const { name, text, expected } of cases) {
    it(`refuses ${name}, naming file, line, field and value`, () => {
      const lab = labWith(text);
      // Lines in the cases count from the appended text's first line.
      const offset = lab.lineOf('lab.yaml', text.split('\n')[0]!) - 1;
      expect(issueOf(() => loadScenario(lab.scenario))).toMatchObject({ file: lab.scenario, ...expected, line: offset + expected.line! });
    });
  }
});
