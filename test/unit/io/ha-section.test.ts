import { describe, expect, it } from 'vitest';
import { indexCluster } from '../../../src/engine/model/cluster-index.js';
import type { InputIssue } from '../../../src/errors.js';
import { loadScenario } from '../../../src/io/loaders/scenario.js';
import { issueOf } from '../../support/input-issue.js';
import { labCopy } from '../../support/scenario-files.js';

const RULES = 'rules:\n';


/** The lab with one more rule line after `rules:`. */
function labWithRule(rule: string) {
  const lab = labCopy().edit('lab.yaml', RULES, `${RULES}    - ${rule}\n`);
  return { lab, line: lab.lineOf('lab.yaml', rule) };
}

describe('the ha: section', () => {
  it("loads the lab's CRS mode and rules, VM names as resources", () => {
    const { ha } = loadScenario('scenarios/lab.yaml');
    expect(ha).toEqual({
      crs: 'static',
      noFailback: [],
      rules: [
        { type: 'resource-affinity', id: 'k8s-workers-apart', resources: ['k8s-worker1', 'k8s-worker2', 'k8s-worker3'], affinity: 'negative', disabled: false },
        { type: 'node-affinity', id: 'gpu-on-node04', resources: ['gpu1'], nodes: [{ node: 'node04', priority: 0 }], strict: true, disabled: false },
      ],
    });
  });

  it('reads node priorities, failback and default ids', () => {
    const { lab } = labWithRule('{ type: node-affinity, nodes: [node02:2, node03], resources: [hpc1], failback: false }');
    const { ha } = loadScenario(lab.scenario);
    expect(ha!.rules[0]).toEqual({ type: 'node-affinity', id: 'rule-1', resources: ['hpc1'], nodes: [{ node: 'node02', priority: 2 }, { node: 'node03', priority: 0 }], strict: false, disabled: false });
    expect(ha!.noFailback).toEqual(['hpc1']);
  });

  const bad: Array<{ name: string; rule: string; expected: Partial<InputIssue> }> = [
    {
      name: 'an unknown node',
      rule: '{ type: node-affinity, nodes: [node09], resources: [hpc1] }',
      expected: { field: 'ha.rules[0].nodes[0]', value: 'node09', expected: 'a node of the nodes file, optionally with a priority (node04 or node04:2)' },
    },
    {
      name: 'an unknown VM',
      rule: '{ type: resource-affinity, affinity: positive, resources: [app1, app9] }',
      expected: { field: 'ha.rules[0].resources[1]', value: 'app9', expected: 'the name of a VM in the vms file' },
    },
    {
      name: 'a VM that is not HA-managed',
      rule: '{ type: resource-affinity, affinity: negative, resources: [dns1, dns2] }',
      expected: { field: 'ha.rules[0].resources[0]', value: 'dns1', expected: 'an HA-managed VM (dns1 has ha false; Proxmox rules name HA resources only)' },
    },
    {
      name: 'an unknown rule type',
      rule: '{ type: node-anti-affinity, nodes: [node01], resources: [hpc1] }',
      expected: { field: 'ha.rules[0].type', value: 'node-anti-affinity', expected: 'one of node-affinity, resource-affinity' },
    },
    {
      name: 'a resource-affinity rule without its affinity',
      rule: '{ type: resource-affinity, resources: [app1, app2] }',
      expected: { field: 'ha.rules[0].affinity', value: undefined, expected: 'one of positive, negative' },
    },
    {
      name: 'a key of the other rule type',
      rule: '{ type: resource-affinity, affinity: negative, strict: true, resources: [app1, app2] }',
      expected: { field: 'ha.rules[0].strict', value: 'strict', expected: 'one of the keys id, type, resources, affinity, disable' },
    },
    {
      name: 'a VM named twice in one rule',
      rule: '{ type: resource-affinity, affinity: negative, resources: [app1, app2, app1] }',
      expected: { field: 'ha.rules[0].resources[2]', value: 'app1', expected: 'a VM that no other entry of the rule names (app1 is given twice)' },
    },
    {
      name: 'a node named twice in one rule, with another priority',
      rule: '{ type: node-affinity, nodes: [node03, node03:2], resources: [hpc1] }',
      expected: { field: 'ha.rules[0].nodes[1]', value: 'node03', expected: 'a node that no other entry of the rule names (node03 is given twice)' },
    },
  ];

  it.each(bad)('rejects $name with file, line, field, value and what was expected', ({ rule, expected }) => {
    const { lab, line } = labWithRule(rule);
    expect(issueOf(() => loadScenario(lab.scenario))).toEqual({ file: lab.scenario, line, ...expected });
  });

  it('rejects an unknown CRS mode', () => {
    const lab = labCopy().edit('lab.yaml', 'crs: static', 'crs: dynamic');
    expect(issueOf(() => loadScenario(lab.scenario))).toEqual({ file: lab.scenario, line: lab.lineOf('lab.yaml', 'crs: dynamic'), field: 'ha.crs', value: 'dynamic', expected: 'one of basic, static' });
  });

  it('lets the CRS mode choose the strategy when the policy names none, and rejects a contradiction', () => {
    expect(loadScenario(labCopy().edit('lab.yaml', '  strategy: balanced\n', '').scenario).policy.strategy).toBe('pve-static');
    const lab = labCopy().edit('lab.yaml', 'strategy: balanced', 'strategy: pve-basic');
    expect(issueOf(() => loadScenario(lab.scenario))).toMatchObject({ field: 'policy.strategy', value: 'pve-basic', expected: 'a strategy other than pve-basic: ha.crs is static' });
  });

  it('keeps an infeasible rule in the model and drops it when compiled, with Proxmox\'s reason', () => {
    // Six VMs kept apart on five nodes can never hold (Rules/ResourceAffinity.pm).
    const { lab } = labWithRule('{ id: too-many, type: resource-affinity, affinity: negative, resources: [monitoring, glpi, postgres, app1, app2, hpc1] }');
    const cluster = loadScenario(lab.scenario);
    expect(cluster.ha!.rules.map((rule) => rule.id)).toEqual(['too-many', 'k8s-workers-apart', 'gpu-on-node04']);
    expect(indexCluster(cluster).ha.rules!.dropped).toEqual([{ id: 'too-many', reason: 'rule defines more resources than available nodes' }]);
  });
});
