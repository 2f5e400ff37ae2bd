import { describe, expect, it } from 'vitest';
import type { HaRule } from '../../../../src/engine/proxmox/types.js';
import { nodeAffinityView } from '../../../../src/engine/proxmox/node-affinity.js';
import { applyNegativeAffinity, applyPositiveAffinity, resourceAffinityView } from '../../../../src/engine/proxmox/resource-affinity.js';
import { compileRules } from '../../../../src/engine/proxmox/rules.js';
import type { ServiceStatus } from '../../../../src/engine/proxmox/service-status.js';

const NODES = ['node1', 'node2', 'node3'];
const nodeRule = (id: string, resources: string[], nodes: [string, number][], strict: boolean): HaRule => ({
  type: 'node-affinity', id, resources, nodes: nodes.map(([node, priority]) => ({ node, priority })), strict, disabled: false,
});
const affinityRule = (id: string, resources: string[], affinity: 'positive' | 'negative'): HaRule => ({
  type: 'resource-affinity', id, resources, affinity, disabled: false,
});
const online = (...nodes: string[]) => new Set(nodes);

describe('node affinity', () => {
  const compiled = compileRules(
    [nodeRule('soft', ['vm:101'], [['node2', 2], ['node3', 1]], false), nodeRule('hard', ['vm:102'], [['node2', 0]], true)],
    NODES,
  );
  const view = (sid: string, nodes: Set<string>) => nodeAffinityView(compiled.nodeAffinity.get(sid), nodes);

  it.each([
    ['non-strict, top priority online', 'vm:101', online('node1', 'node2', 'node3'), ['node2']],
    ['non-strict, next priority', 'vm:101', online('node1', 'node3'), ['node3']],
    ['non-strict, falls back to any known node', 'vm:101', online('node1'), ['node1']],
    ['strict, listed node online', 'vm:102', online('node1', 'node2'), ['node2']],
    ['strict, listed node offline', 'vm:102', online('node1', 'node3'), []],
    ['no rule: every online node', 'vm:999', online('node1', 'node3'), ['node1', 'node3']],
  ])('%s', (_name, sid, nodes, preferred) => {
    expect([...view(sid, nodes).preferred].sort()).toEqual(preferred);
  });

  it('keeps lower-priority listed nodes allowed (they are where a service may stay)', () => {
    expect([...view('vm:101', online('node1', 'node2', 'node3')).allowed].sort()).toEqual(['node1', 'node2', 'node3']);
    expect([...view('vm:102', online('node1', 'node2', 'node3')).allowed]).toEqual(['node2']);
  });
});

describe('resource affinity', () => {
  const started = (node: string): ServiceStatus => ({ state: 'started', node });
  const compiled = compileRules([affinityRule('apart', ['vm:101', 'vm:102'], 'negative'), affinityRule('together', ['vm:101', 'vm:103'], 'positive')], NODES);
  const nodes = online(...NODES);

  it('removes negative partners\' nodes and narrows to the positive partner\'s node', () => {
    const statuses = new Map([['vm:101', started('node3')], ['vm:102', started('node1')], ['vm:103', started('node2')]]);
    const view = resourceAffinityView(compiled.resourceAffinity, 'vm:101', statuses, nodes);
    const candidates = new Set(NODES);
    applyNegativeAffinity(view, candidates);
    expect([...candidates]).toEqual(['node2', 'node3']);
    applyPositiveAffinity(view, candidates);
    expect([...candidates]).toEqual(['node2']);
  });

  it('implies negatives from configured rules only, never from an implied one', () => {
    // A+B together, C+D together, A apart from C. Implied: B apart from C (B's partner A is apart
    // from C) and D apart from A (D's partner C is apart from A). Not implied: B apart from D,
    // which would need the implied B-C to imply again.
    const rules = compileRules(
      [affinityRule('ab', ['vm:1', 'vm:2'], 'positive'), affinityRule('cd', ['vm:3', 'vm:4'], 'positive'), affinityRule('ac', ['vm:1', 'vm:3'], 'negative')],
      NODES,
    );
    const apart = (sid: string) => [...(rules.resourceAffinity.negative.get(sid) ?? [])].sort();
    expect([apart('vm:1'), apart('vm:2'), apart('vm:3'), apart('vm:4')]).toEqual([['vm:3', 'vm:4'], ['vm:3'], ['vm:1', 'vm:2'], ['vm:1']]);
  });

  it('ignores partners that are stopped or on offline nodes', () => {
    const statuses = new Map<string, ServiceStatus>([['vm:101', started('node3')], ['vm:102', { state: 'stopped', node: 'node1' }], ['vm:103', started('node2')]]);
    const view = resourceAffinityView(compiled.resourceAffinity, 'vm:101', statuses, online('node1', 'node3'));
    expect(view.separate.size).toBe(0);
    expect(view.together.size).toBe(0);
  });

  it('makes the positive partner inherit the negative constraint', () => {
    // vm:103 is together with vm:101, which is apart from vm:102, so vm:103 is apart from vm:102.
    expect([...(compiled.resourceAffinity.negative.get('vm:103') ?? [])]).toEqual(['vm:102']);
  });

  it('counts a moving partner on its target', () => {
    const statuses = new Map<string, ServiceStatus>([['vm:103', { state: 'migrate', node: 'node1', target: 'node2' }]]);
    expect(resourceAffinityView(compiled.resourceAffinity, 'vm:101', statuses, nodes).together).toEqual(new Map([['node2', 1]]));
  });
});

describe('infeasible rules', () => {
  it('drops node-affinity rules sharing a resource, and negative rules larger than the cluster', () => {
    const compiled = compileRules(
      [
        nodeRule('a', ['vm:101'], [['node1', 0]], true),
        nodeRule('b', ['vm:101'], [['node2', 0]], true),
        affinityRule('too-many', ['vm:1', 'vm:2', 'vm:3', 'vm:4'], 'negative'),
      ],
      NODES,
    );
    expect(compiled.dropped.map((drop) => drop.id)).toEqual(['a', 'b', 'too-many']);
    expect(compiled.nodeAffinity.has('vm:101')).toBe(false);
    expect(compiled.resourceAffinity.negative.size).toBe(0);
  });

  it('skips disabled rules without reporting them', () => {
    const compiled = compileRules([{ ...nodeRule('off', ['vm:101'], [['node1', 0]], true), disabled: true }], NODES);
    expect(compiled.dropped).toEqual([]);
    expect(compiled.nodeAffinity.size).toBe(0);
  });
});
