import { describe, expect, it } from 'vitest';
import {
  balancingCandidates, type MigrationCandidate, nodeImbalance, relativeImprovement, selectBalancingMigration,
} from '../../../../src/engine/proxmox/auto-rebalance.js';
import type { HaScenario } from '../../../../src/engine/ha-sim/model.js';
import { compileRules } from '../../../../src/engine/proxmox/rules.js';
import type { StaticNodeLoad } from '../../../../src/engine/proxmox/scheduler-static.js';
import type { ServiceStatus } from '../../../../src/engine/proxmox/service-status.js';
import { replayScenario } from '../../../../src/engine/ha-sim/simulate.js';

const GIB = 1024 ** 3;

/** A node of 8 cores and 8 GiB whose CPU and memory are both `fraction` used. */
function node(name: string, fraction: number): StaticNodeLoad {
  return { name, maxCpu: 8, maxMemBytes: 8 * GIB, usedCpu: 8 * fraction, usedMemBytes: 8 * GIB * fraction };
}

function move(sid: string, source: string, target: string, cores: number): MigrationCandidate {
  return { sid, members: [sid], source, target, load: { cpu: cores, memBytes: cores * GIB } };
}

describe('nodeImbalance', () => {
  it.each([
    // all load on one node: mean 0.25, sd sqrt((0.25 + 0.0625 + 0.0625) / 3) = 0.3536, CV sqrt(2),
    // the bound sqrt(N - 1) (upstream's tests log 1.41 for it on three nodes)
    ['everything on one node', [0.75, 0, 0], Math.sqrt(2)],
    // mean 0.25, sd sqrt((0.0625 + 0 + 0.0625) / 3) = 0.2041, CV 0.8165 = sqrt(2/3)
    ['three uneven nodes', [0.5, 0.25, 0], Math.sqrt(2 / 3)],
    // mean 0.375, sd 0.25, CV 2/3
    ['two nodes', [0.625, 0.125], 2 / 3],
    ['equal loads', [0.4, 0.4, 0.4], 0],
    ['an idle cluster (mean 0)', [0, 0, 0], 0],
    ['a single node (no N - 1)', [0.9], 0],
  ])('%s', (_name, fractions, expected) => {
    expect(nodeImbalance(fractions.map((fraction, index) => node(`node${index + 1}`, fraction)))).toBeCloseTo(expected, 12);
  });

  it('averages the CPU and the memory fraction', () => {
    // node1: cpu 8/8, mem 0 -> load 0.5; node2 idle -> loads 0.5, 0: imbalance 1
    const nodes = [{ ...node('node1', 0), usedCpu: 8 }, node('node2', 0)];
    expect(nodeImbalance(nodes)).toBeCloseTo(1, 12);
  });
});

describe('selectBalancingMigration', () => {
  const nodes = [node('node1', 0.75), node('node2', 0), node('node3', 0)];

  it('bruteforce: equal imbalances go to (sid, source, target) byte order', () => {
    // every candidate leaves 0.5, 0.25, 0 (imbalance sqrt(2/3)); vm:101 -> node2 sorts first
    const candidates = [move('vm:102', 'node1', 'node3', 2), move('vm:102', 'node1', 'node2', 2), move('vm:101', 'node1', 'node3', 2), move('vm:101', 'node1', 'node2', 2)];
    const best = selectBalancingMigration(nodes, candidates, 'bruteforce')!;
    expect(best.candidate).toEqual(move('vm:101', 'node1', 'node2', 2));
    expect(best.imbalance).toBeCloseTo(Math.sqrt(2 / 3), 14);
  });

  it('bruteforce: the lowest resulting imbalance wins', () => {
    // node1 0.75 and node2 0 (two nodes). Moving 1 core + 1 GiB leaves 0.625, 0.125 (imbalance 2/3);
    // moving 2 leaves 0.5, 0.25: mean 0.375, sd 0.125, CV 1/3.
    const twoNodes = [node('node1', 0.75), node('node2', 0)];
    const best = selectBalancingMigration(twoNodes, [move('vm:101', 'node1', 'node2', 1), move('vm:102', 'node1', 'node2', 2)], 'bruteforce')!;
    expect(best.candidate.sid).toBe('vm:102');
    expect(best.imbalance).toBeCloseTo(1 / 3, 14);
  });

  it('topsis: ranks by closeness, not by candidate order', () => {
    // After vm:101 (1 core): fractions 0.625, 0.125; after vm:102 (2 cores): 0.5, 0.25. vm:102 is
    // lower on all four criteria (RMS 0.395 < 0.451, peak 0.5 < 0.625, for CPU and memory alike),
    // so it is the ideal best (closeness 1) and vm:101 the ideal worst (closeness 0).
    const twoNodes = [node('node1', 0.75), node('node2', 0)];
    const best = selectBalancingMigration(twoNodes, [move('vm:101', 'node1', 'node2', 1), move('vm:102', 'node1', 'node2', 2)], 'topsis')!;
    expect(best.candidate.sid).toBe('vm:102');
    expect(best.imbalance).toBeCloseTo(1 / 3, 14);
  });

  it('topsis: exact ties keep candidate order', () => {
    // node2 and node3 are symmetric: both alternatives are equal, the first listed stays first
    const best = selectBalancingMigration(nodes, [move('vm:101', 'node1', 'node3', 2), move('vm:101', 'node1', 'node2', 2)], 'topsis')!;
    expect(best.candidate.target).toBe('node3');
  });

  it('has nothing to choose without candidates', () => {
    expect(selectBalancingMigration(nodes, [], 'topsis')).toBeUndefined();
  });

  it('never drops a source below zero and leaves its input alone', () => {
    // vm:101 claims 4 cores on an idle node1: node1 stays 0, node2 gets 0.5 -> imbalance 1
    const idle = [node('node1', 0), node('node2', 0)];
    const best = selectBalancingMigration(idle, [move('vm:101', 'node1', 'node2', 4)], 'bruteforce')!;
    expect(best.imbalance).toBe(1);
    expect(idle).toEqual([node('node1', 0), node('node2', 0)]);
  });
});

describe('relativeImprovement', () => {
  it.each([
    ['halved', 0.8, 0.4, 0.5],
    ['worse', 0.4, 0.5, -0.25],
    ['nothing to improve', 0, 0, 0],
  ])('%s', (_name, current, expected, improvement) => {
    expect(relativeImprovement(current, expected)).toBeCloseTo(improvement, 14);
  });
});

describe('balancingCandidates', () => {
  const online = new Set(['node1', 'node2', 'node3']);
  const oneCore = () => ({ cpu: 1, memBytes: GIB });

  it('moves positive bundles under their leader, away from negative partners, never to the source', () => {
    const rules = compileRules([
      { type: 'resource-affinity', id: 'together', resources: ['vm:102', 'vm:101'], affinity: 'positive', disabled: false },
      { type: 'resource-affinity', id: 'apart', resources: ['vm:101', 'vm:103'], affinity: 'negative', disabled: false },
    ], [...online]);
    const statuses = new Map<string, ServiceStatus>([
      ['vm:101', { state: 'started', node: 'node1' }],
      ['vm:102', { state: 'started', node: 'node1' }],
      ['vm:103', { state: 'started', node: 'node2' }],
      ['vm:104', { state: 'migrate', node: 'node1', target: 'node3' }],
      ['vm:105', { state: 'started', node: 'node3', cmd: ['migrate', 'node1'] }],
    ]);
    // vm:101 + vm:102: node2 holds vm:103 (negative, implicitly for vm:102 too), node1 is the source.
    // vm:103: node1 holds its negative partners, node2 is the source. vm:104 and vm:105 are moving.
    expect(balancingCandidates(rules, statuses, online, oneCore)).toEqual([
      { sid: 'vm:101', members: ['vm:101', 'vm:102'], source: 'node1', target: 'node3', load: { cpu: 2, memBytes: 2 * GIB } },
      { sid: 'vm:103', members: ['vm:103'], source: 'node2', target: 'node3', load: { cpu: 1, memBytes: GIB } },
    ]);
  });

  it('offers only the top-priority nodes of a node-affinity rule', () => {
    const rules = compileRules([
      { type: 'node-affinity', id: 'prefer', resources: ['vm:101'], nodes: [{ node: 'node1', priority: 2 }, { node: 'node2', priority: 2 }, { node: 'node3', priority: 1 }], strict: false, disabled: false },
    ], [...online]);
    const statuses = new Map<string, ServiceStatus>([['vm:101', { state: 'started', node: 'node1' }]]);
    expect(balancingCandidates(rules, statuses, online, oneCore).map((candidate) => candidate.target)).toEqual(['node2']);
  });

  it('leaves a bundle alone while a member is not started', () => {
    const rules = compileRules([{ type: 'resource-affinity', id: 'together', resources: ['vm:101', 'vm:102'], affinity: 'positive', disabled: false }], [...online]);
    const statuses = new Map<string, ServiceStatus>([
      ['vm:101', { state: 'started', node: 'node1' }],
      ['vm:102', { state: 'request_start', node: 'node1' }],
    ]);
    expect(balancingCandidates(rules, statuses, online, oneCore)).toEqual([]);
  });
});

describe('auto-rebalance in the CRM round', () => {
  // Three nodes of 8 cores / 8 GiB, vm:101..103 of 2 cores / 2 GiB all started on node1, static
  // scheduler, hold 2 rounds, other options default.
  function scenario(method: 'bruteforce' | 'topsis'): HaScenario {
    const sids = ['vm:101', 'vm:102', 'vm:103'];
    return {
      name: 'inline',
      nodes: ['node1', 'node2', 'node3'].map((name) => ({ name, power: 'off', network: 'off', maxCpu: 8, maxMemBytes: 8 * GIB })),
      services: sids.map((sid) => ({ sid, node: 'node1', state: 'started', failback: true, maxRestart: 1, maxRelocate: 1 })),
      rules: [],
      groups: [],
      datacenter: { scheduler: 'static', rebalanceOnStart: false, autoRebalance: { threshold: 0.3, method, holdRounds: 2, margin: 0.1 }, shutdownPolicy: 'conditional' },
      staticStats: Object.fromEntries(sids.map((sid) => [sid, { maxCpu: 2, maxMemBytes: 2 * GIB }])),
      dynamicStats: {},
      managerStatus: { nodeStatus: {}, serviceStatus: {}, nodeRequest: {} },
      runningAtStart: {},
      cmdlist: [['node1', 'node2', 'node3'].map((name) => ({ kind: 'power', text: `power ${name} on`, node: name, on: true }))],
      unsupported: [],
    } as HaScenario;
  }

  it.each(['bruteforce', 'topsis'] as const)('%s: two moves, then balanced', (method) => {
    // t=20 the services start (after load_balance ran). t=40, 60: imbalance sqrt(2) > 0.3, the
    // second round acts: vm:101 -> node2 (1.414 -> 0.816). t=80 still migrating: not counted.
    // t=100, 120: 0.816 > 0.3, the second acts: vm:102 -> node3 (0.816 -> 0). TOPSIS agrees: node2 and node3 tie on the first move and keep
    // candidate order; on the second, node3 (0.25 each) dominates node2 (0.25, 0.5, 0).
    const replay = replayScenario(scenario(method));
    expect(replay.status).toBe('ok');
    if (replay.status !== 'ok') return;
    expect(replay.decisions).toEqual([
      { time: 60, kind: 'migrate', cause: 'auto-rebalance', sid: 'vm:101', from: 'node1', to: 'node2' },
      { time: 120, kind: 'migrate', cause: 'auto-rebalance', sid: 'vm:102', from: 'node1', to: 'node3' },
    ]);
    expect(replay.log.filter((line) => line.message.startsWith('auto rebalance')).map((line) => line.message)).toEqual([
      'auto rebalance - migrate vm:101 to node2 (expected change for imbalance from 1.41 to 0.82)',
      'auto rebalance - migrate vm:102 to node3 (expected change for imbalance from 0.82 to 0.00)',
    ]);
  });

  it('does nothing when the best move improves less than the margin', () => {
    // margin 0.5: the first move only improves (1.414 - 0.816) / 1.414 = 0.42
    const input = scenario('bruteforce');
    input.datacenter.autoRebalance = { threshold: 0.3, method: 'bruteforce', holdRounds: 2, margin: 0.5 };
    const replay = replayScenario(input);
    expect(replay.status === 'ok' && replay.decisions).toEqual([]);
  });
});
