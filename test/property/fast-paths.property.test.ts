/**
 * The report's fast paths give the plain path's answer on random small clusters:
 * verdictAfterChange (one placement of today for many changes, evaluation stopped at the first
 * breach) against checkChange's "after" verdict, for node additions like the remedy tries.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/engine/model/cluster.js';
import { NO_CHANGE, nodeLike, type ClusterChange } from '../../src/engine/policy/change.js';
import { checkChange, placementByName, verdictAfterChange } from '../../src/engine/policy/check.js';
import type { PolicyOptions } from '../../src/engine/policy/failover-policy.js';
import { STRATEGY_NAMES } from '../../src/engine/placement/strategies/index.js';
import { clusterArbitrary } from '../support/random-cluster.js';

const RUNS = { numRuns: 120, seed: 20261204 };

const policyArbitrary: fc.Arbitrary<PolicyOptions> = fc.record({
  scenarios: fc.constantFrom('n+1' as const, 'n+2' as const, 'domains' as const),
  strictSpof: fc.boolean(),
  maxUtilAfterFailover: fc.constantFrom(null, 0.8, 0.95),
  threshold: fc.boolean(),
});

/** `count` nodes like the cluster's node `like` (modulo its size), or no change at all. */
function additions(cluster: Cluster, like: number, count: number): ClusterChange {
  const model = cluster.nodes[like % cluster.nodes.length]!;
  const addNodes = Array.from({ length: count }, (_, i) => nodeLike(cluster, model, { ...model, name: `added-${i + 1}` }));
  return { ...NO_CHANGE, addNodes };
}

describe('fast paths equal the plain path', () => {
  it('verdictAfterChange gives checkChange\'s holds, steady state and first breach after a steady state that holds', () => {
    fc.assert(
      fc.property(clusterArbitrary, fc.constantFrom(...STRATEGY_NAMES), policyArbitrary, fc.nat(), fc.integer({ min: 0, max: 2 }), (cluster, strategy, policy, like, count) => {
        const change = additions(cluster, like, count);
        const plain = checkChange(cluster, change, strategy, policy).after.policy;
        const fast = verdictAfterChange(cluster, change, strategy, policy, placementByName(cluster, strategy));
        expect(fast.holds).toBe(plain.holds);
        expect(fast.steadyState).toEqual(plain.steadyState);
        // Stopped at the first breach, a broken steady state skips the scenarios altogether.
        if (plain.steadyState.holds) expect(fast.breaches[0]).toEqual(plain.breaches[0]);
      }),
      RUNS,
    );
  });
});
