/**
 * Invariants of the availability engine on random small clusters (test/support/random-cluster.ts):
 * for any set of VMs, "any" is never down longer than its best member alone, "all" never shorter
 * than its worst, and k-of-n lies between; by both methods; and each Monte Carlo chunk is the
 * same bits when run again.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyticAvailability, availabilitySetup } from '../../src/engine/availability/availability.js';
import { simulateChunk } from '../../src/engine/availability/monte-carlo.js';
import type { Cluster, ServiceSpec } from '../../src/engine/model/cluster.js';
import { placedState, strategyNamed } from '../../src/engine/placement/plan.js';
import { clusterArbitrary } from '../support/random-cluster.js';
import { settings } from '../support/availability.js';

const RUNS = { numRuns: 40, seed: 20261208 };
/** Unavailability of order 10^-2, so that the few years simulated see failures. */
const FLAKY = { mtbfMinutes: 60_000, mttrMinutes: 600 };

/** Three services over the same VMs (any, 2-of-n or all, all) and one service per VM. */
function withServices(cluster: Cluster): Cluster & { services: ServiceSpec[] } {
  const vms = cluster.vms.map((vm) => vm.name).slice(0, 3);
  const n = vms.length;
  return {
    ...cluster,
    availability: settings({ node: FLAKY, domain: FLAKY, maintenance: { perYear: 12, durationMinutes: 30 }, haRecoveryMinutes: 2, bootMinutes: { default: 1, byClass: {} } }),
    services: [
      { name: 'any-of', vms, rule: 'any', k: 1 },
      { name: 'some-of', vms, rule: 'k-of-n', k: Math.min(2, n) },
      { name: 'all-of', vms, rule: 'all', k: n },
      ...vms.map((vm): ServiceSpec => ({ name: `own-${vm}`, vms: [vm], rule: 'all', k: 1 })),
    ],
  };
}

describe('availability properties', () => {
  it('any <= each member alone <= all, and any <= k-of-n <= all, by both methods; chunks repeat exactly', () => {
    fc.assert(
      fc.property(clusterArbitrary.filter((c) => c.vms.length > 0), (random) => {
        const cluster = withServices(random);
        const strategy = strategyNamed(cluster.policy.strategy);
        const { state } = placedState(cluster, strategy, false);
        const setup = availabilitySetup(state, strategy, cluster.availability);
        const chunk = simulateChunk(setup.model, setup.outcomes, setup.round, 3, 0, 20);
        expect(simulateChunk(setup.model, setup.outcomes, setup.round, 3, 0, 20)).toEqual(chunk);
        const analytic = analyticAvailability(setup).map((s) => s.analytic.downtimeMinutesPerYear);
        const simulated = Array.from(chunk.downtime, (minutes) => minutes / 20);
        const members = cluster.services.length - 3;
        for (const downtime of [analytic, simulated]) {
          // The declared services first; the VMs in none follow, each a service of its own.
          const [any, some, all] = downtime as [number, number, number];
          const own = downtime.slice(3, 3 + members);
          const slack = 1e-6 * (1 + all);
          expect(any).toBeLessThanOrEqual(Math.min(...own) + slack);
          expect(all).toBeGreaterThanOrEqual(Math.max(...own) - slack);
          expect(any).toBeLessThanOrEqual(some + slack);
          expect(some).toBeLessThanOrEqual(all + slack);
        }
      }),
      RUNS,
    );
  });
});
