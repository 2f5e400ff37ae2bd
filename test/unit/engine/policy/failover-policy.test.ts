import { describe, expect, it } from 'vitest';
import { evaluatePolicy } from '../../../../src/engine/policy/failover-policy.js';
import { planPlacement, strategyNamed } from '../../../../src/engine/placement/plan.js';
import { cluster, localPool, node, sharedPool, vm } from '../../../support/builders.js';

/**
 * Three 16 GiB nodes; s serves the shared pool. web (8 GiB, HA) runs on a from the shared pool;
 * db (8 GiB, HA) runs on b from b's local disk, so it cannot restart elsewhere.
 */
const c = cluster()
  .nodes(node('a').memGiB(16), node('b').memGiB(16), node('s').memGiB(16))
  .pools(sharedPool('zfs', 1000, 's', ['a', 'b', 's']), localPool('nvme', { a: 100, b: 100 }))
  .vms(vm('web').memGiB(8).disk(10, 'zfs').on('a'), vm('db').memGiB(8).disk(10, 'nvme').on('b'))
  .build();
const placed = planPlacement(c, 'first-fit');
const strategy = strategyNamed('first-fit');

describe('failover policy', () => {
  it('n+1 holds when the only losses are structural, and lists them as risks', () => {
    // a fails: web restarts on b (8 + 8 = 16 <= 16). b fails: db is on b's local disk (local-disk).
    // s fails: web loses its storage (storage-lost).
    const result = evaluatePolicy(placed.state, strategy, { scenarios: 'n+1', strictSpof: false, maxUtilAfterFailover: null, threshold: false });
    expect(result).toMatchObject({ policy: 'n+1', scenarioCount: 3, holds: true, breaches: [] });
    expect(result.risks).toEqual([
      { vm: 'db', reason: 'local-disk', scenario: 'b' },
      { vm: 'web', reason: 'storage-lost', scenario: 's' },
    ]);
  });

  it('--strict-spof turns those risks into breaches', () => {
    const result = evaluatePolicy(placed.state, strategy, { scenarios: 'n+1', strictSpof: true, maxUtilAfterFailover: null, threshold: false });
    expect(result.holds).toBe(false);
    expect(result.breaches.map((b) => [b.scenario, b.vmsDown])).toEqual([
      ['b', [{ vm: 'db', reason: 'local-disk' }]],
      ['s', [{ vm: 'web', reason: 'storage-lost' }]],
    ]);
  });

  it('--max-util-after-failover 0.85 breaks it when a survivor ends above 85%', () => {
    // a fails: web lands on b, which ends at 16 / 16 = 100% memory.
    const result = evaluatePolicy(placed.state, strategy, { scenarios: 'n+1', strictSpof: false, maxUtilAfterFailover: 0.85, threshold: false });
    expect(result.breaches).toEqual([{ scenario: 'a', quorate: true, vmsDown: [], nodesOverCapacity: [], nodesOverUtil: [{ node: 'b', resource: 'memGiB', load: 1 }] }]);
  });
});
