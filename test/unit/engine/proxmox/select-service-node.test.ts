import { describe, expect, it } from 'vitest';
import type { HaScenario } from '../../../../src/engine/ha-sim/model.js';
import type { HaRule } from '../../../../src/engine/proxmox/types.js';
import { compileRules } from '../../../../src/engine/proxmox/rules.js';
import { BasicUsage } from '../../../../src/engine/proxmox/scheduler-basic.js';
import { selectServiceNode } from '../../../../src/engine/proxmox/select-service-node.js';
import type { ServiceStatus } from '../../../../src/engine/proxmox/service-status.js';
import { sortedKeys } from '../../../../src/engine/proxmox/sid-order.js';
import { replayScenario } from '../../../../src/engine/ha-sim/simulate.js';

function usageOf(nodes: string[], statuses: Map<string, ServiceStatus>): BasicUsage {
  const usage = new BasicUsage(nodes);
  for (const [sid, status] of statuses) usage.addServiceUsage(sid, status);
  return usage;
}

describe('service id order', () => {
  it('is byte-wise, as Perl sort: ct < fa < vm and vm:1000 < vm:101', () => {
    expect(sortedKeys({ 'vm:101': 1, 'vm:1000': 1, 'fa:1501': 1, 'ct:200': 1, 'vm:99': 1 })).toEqual(['ct:200', 'fa:1501', 'vm:1000', 'vm:101', 'vm:99']);
  });
});

describe('selectServiceNode', () => {
  const rules = compileRules([], ['node1', 'node10', 'node2']);

  it('breaks equal service counts by byte-wise node name (node10 before node2)', () => {
    const statuses = new Map<string, ServiceStatus>([
      ['vm:100', { state: 'recovery', node: 'node1' }],
      ['vm:200', { state: 'started', node: 'node2' }],
      ['vm:300', { state: 'started', node: 'node10' }],
    ]);
    const usage = usageOf(['node10', 'node2'], statuses);
    expect(selectServiceNode(rules, usage, 'vm:100', { failback: true }, statuses, 'best-score')).toBe('node10');
  });

  it('picks the least loaded node before the name', () => {
    const statuses = new Map<string, ServiceStatus>([
      ['vm:100', { state: 'recovery', node: 'node1' }],
      ['vm:200', { state: 'started', node: 'node10' }],
    ]);
    const usage = usageOf(['node10', 'node2'], statuses);
    expect(selectServiceNode(rules, usage, 'vm:100', { failback: true }, statuses, 'best-score')).toBe('node2');
  });

  it('stays put with preference none and no failback while still allowed', () => {
    const soft: HaRule = { type: 'node-affinity', id: 'r', resources: ['vm:100'], nodes: [{ node: 'node2', priority: 1 }], strict: false, disabled: false };
    const withRule = compileRules([soft], ['node1', 'node10', 'node2']);
    const statuses = new Map<string, ServiceStatus>([['vm:100', { state: 'started', node: 'node10' }]]);
    const usage = usageOf(['node10', 'node2'], statuses);
    expect(selectServiceNode(withRule, usage, 'vm:100', { failback: false }, statuses, 'none')).toBe('node10');
    expect(selectServiceNode(withRule, usage, 'vm:100', { failback: true }, statuses, 'none')).toBe('node2');
  });

  it('tries the next node after a start failure', () => {
    const statuses = new Map<string, ServiceStatus>([['vm:100', { state: 'started', node: 'node10', failedNodes: ['node10'] }]]);
    const usage = usageOf(['node10', 'node2'], statuses);
    expect(selectServiceNode(rules, usage, 'vm:100', { failback: true }, statuses, 'try-next')).toBe('node2');
  });
});

describe('recovery of several services', () => {
  it('recovers in sid order with the load updated after each', () => {
    // node1 and node2 run one service each; node3 (with vm:201, vm:202) loses its network.
    // vm:201 goes first: counts node1 1, node2 1 -> tie -> node1. vm:202 then sees node1 2,
    // node2 1 -> node2. Without the update both would land on node1.
    const scenario: HaScenario = {
      name: 'inline',
      nodes: ['node1', 'node2', 'node3'].map((name) => ({ name, power: 'off', network: 'off' })),
      services: [
        ['vm:101', 'node1'], ['vm:102', 'node2'], ['vm:202', 'node3'], ['vm:201', 'node3'],
      ].map(([sid, node]) => ({ sid: sid!, node: node!, state: 'started', failback: true, maxRestart: 1, maxRelocate: 1 })),
      rules: [],
      groups: [],
      datacenter: { scheduler: 'basic', rebalanceOnStart: false, autoRebalance: false, shutdownPolicy: 'conditional' },
      staticStats: {},
      dynamicStats: {},
      managerStatus: { nodeStatus: {}, serviceStatus: {}, nodeRequest: {} },
      runningAtStart: {},
      cmdlist: [
        ['node1', 'node2', 'node3'].map((node) => ({ kind: 'power', text: `power ${node} on`, node, on: true })),
        [{ kind: 'network', text: 'network node3 off', node: 'node3', on: false }],
      ],
      unsupported: [],
    };
    const replay = replayScenario(scenario);
    expect(replay.status).toBe('ok');
    if (replay.status !== 'ok') return;
    expect(replay.decisions).toEqual([
      { time: 240, kind: 'recover', cause: 'fence', sid: 'vm:201', from: 'node3', to: 'node1' },
      { time: 240, kind: 'recover', cause: 'fence', sid: 'vm:202', from: 'node3', to: 'node2' },
    ]);
  });
});
