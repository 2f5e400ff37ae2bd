/**
 * The report's fast paths give the plain path's answer on random small clusters:
 *   - verdictAfterChange (one placement of today for many changes, evaluation stopped at the
 *     first breach) against checkChange's "after" verdict, for node additions like the remedy's;
 *   - failure scenarios on one scratch copy, reset after each, against a fresh copy each;
 *   - first-fit restarts and fit's growth through a RoomIndex against the same strategy
 *     scanning every node;
 *   - every scored strategy through its ScoreIndex, and pve-basic through its FewestGuestsIndex,
 *     placing and restarting, against the same strategy scanning every node.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/engine/model/cluster.js';
import { NO_CHANGE, nodeLike, type ClusterChange } from '../../src/engine/policy/change.js';
import { checkChange } from '../../src/engine/policy/check.js';
import { placementByName, verdictAfterChange } from '../../src/engine/policy/change-verdict.js';
import type { PolicyOptions } from '../../src/engine/policy/failover-policy.js';
import { STRATEGIES, STRATEGY_NAMES } from '../../src/engine/placement/strategies/index.js';
import { FILTERS } from '../../src/engine/placement/filters/index.js';
import { placedState, planPlacement, strategyNamed } from '../../src/engine/placement/plan.js';
import type { Strategy } from '../../src/engine/placement/types.js';
import { failureContext } from '../../src/engine/failure/context.js';
import { failureScratch, resetScratch, simulateFailure, type CompactOutcome } from '../../src/engine/failure/simulate.js';
import { stateArrays } from '../../src/engine/model/state.js';
import { fitUnits } from '../../src/engine/policy/fit.js';
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

/** Everything an outcome says, as plain data. */
function outcomeData(outcome: CompactOutcome) {
  return { quorate: outcome.quorate, after: stateArrays(outcome.after), code: outcome.code, from: outcome.from, rejections: [...outcome.rejections], touched: outcome.touched };
}

const scenarioLists = fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 });

describe('failure simulation fast paths equal the plain path', () => {
  it('scenarios in turn on one scratch copy give what a fresh copy each gives, and the scratch ends as the base', () => {
    fc.assert(
      fc.property(clusterArbitrary, fc.constantFrom(...STRATEGY_NAMES, 'pve-basic' as const, 'pve-static' as const), scenarioLists, (cluster, strategy, picks) => {
        const { state } = planPlacement(cluster, strategy);
        const context = failureContext(state, strategyNamed(strategy));
        const scratch = failureScratch(context);
        for (const pick of picks) {
          const failed = [...new Set(pick.map((p) => p % cluster.nodes.length))];
          const fresh = outcomeData(simulateFailure(context, failed, false));
          const outcome = simulateFailure(context, failed, false, scratch);
          expect(outcomeData(outcome)).toEqual(fresh);
          resetScratch(context, scratch, outcome, failed);
        }
        // Back to the base: only the never-placed VMs keep their mark.
        const never = new Set(context.unplaced);
        expect(stateArrays(scratch.after)).toEqual(stateArrays(state));
        expect(Array.from(scratch.code, (c, vm) => c !== 0 && never.has(vm)).filter(Boolean).length).toBe(never.size);
        expect(Array.from(scratch.code).filter((c) => c !== 0).length).toBe(never.size);
        expect(scratch.from.every((f) => f === -1)).toBe(true);
        expect(scratch.touched).toEqual(Array.from(context.unplaced));
      }),
      RUNS,
    );
  });

  it('first-fit restarts through a RoomIndex go where a scan of every node sends them', () => {
    fc.assert(
      fc.property(clusterArbitrary, fc.constantFrom('first-fit' as const, 'ffd' as const), scenarioLists, fc.boolean(), (cluster, strategy, picks, explain) => {
        const { state } = planPlacement(cluster, strategy);
        // Naming FILTERS explicitly (the same filters) turns the RoomIndex off: the plain scan.
        const scanning: Strategy = { ...STRATEGIES[strategy], filters: FILTERS };
        const indexed = failureContext(state, STRATEGIES[strategy]);
        const scanned = failureContext(state, scanning);
        for (const pick of picks) {
          const failed = [...new Set(pick.map((p) => p % cluster.nodes.length))];
          expect(outcomeData(simulateFailure(indexed, failed, explain))).toEqual(outcomeData(simulateFailure(scanned, failed, explain)));
        }
      }),
      RUNS,
    );
  });
});

/** The strategy without its index: the scan of every node (scorers) or the chooser over every candidate. */
function scanning(name: (typeof INDEXED)[number]): Strategy {
  return { ...STRATEGIES[name], scoreBound: undefined, choiceIndex: undefined };
}

const INDEXED = ['best-fit', 'worst-fit', 'dot-product', 'balanced', 'pve-basic'] as const;

/** Random clusters, half of them with every node shaped like n1 or n2: equal nodes give exact ties, which go by name. */
const tiedClusterArbitrary = fc.tuple(clusterArbitrary, fc.boolean()).map(([cluster, tied]) =>
  tied ? { ...cluster, nodes: cluster.nodes.map((node, i) => ({ ...cluster.nodes[i % Math.min(2, cluster.nodes.length)]!, name: node.name })) } : cluster,
);

describe('indexed choices equal the scan', () => {
  for (const strategy of INDEXED) {
    it(`${strategy} places and restarts through its index where a scan of every node sends each VM`, () => {
      fc.assert(
        fc.property(tiedClusterArbitrary, scenarioLists, fc.boolean(), (cluster, picks, explain) => {
          const indexed = placedState(cluster, STRATEGIES[strategy]);
          const scanned = placedState(cluster, scanning(strategy));
          expect(stateArrays(indexed.state)).toEqual(stateArrays(scanned.state));
          expect(indexed.unplaced).toEqual(scanned.unplaced);
          const indexedContext = failureContext(indexed.state, STRATEGIES[strategy]);
          const scannedContext = failureContext(scanned.state, scanning(strategy));
          const scratch = failureScratch(indexedContext);
          for (const pick of picks) {
            const failed = [...new Set(pick.map((p) => p % cluster.nodes.length))];
            const expected = outcomeData(simulateFailure(scannedContext, failed, explain));
            expect(outcomeData(simulateFailure(indexedContext, failed, explain))).toEqual(expected);
            // The index a sweep keeps, told of each scenario's changes and put back after it.
            const outcome = simulateFailure(indexedContext, failed, explain, scratch);
            expect(outcomeData(outcome)).toEqual(expected);
            resetScratch(indexedContext, scratch, outcome, failed);
          }
        }),
        { ...RUNS, numRuns: 60 },
      );
    });
  }
});

describe('fit fast paths equal the plain path', () => {
  it('fit with first fit through RoomIndexes (growth and restarts) gives the scanning answer', () => {
    fc.assert(
      fc.property(clusterArbitrary, fc.constantFrom('first-fit' as const, 'ffd' as const), policyArbitrary, fc.nat(), (cluster, strategy, policy, pick) => {
        const vm = cluster.vms[pick % Math.max(1, cluster.vms.length)];
        if (vm === undefined) return;
        const vmClass = { name: 'probe', description: '', vcpus: vm.vcpus, memGiB: vm.memGiB, diskGiB: vm.diskGiB, pool: vm.pool, gpus: vm.gpus, gpuModel: vm.gpuModel, antiAffinity: vm.antiAffinity, affinity: vm.affinity, ha: true, haPriority: 0 };
        const units = [{ vmClass, count: 1 + (pick % 2) }];
        const scanning: Strategy = { ...STRATEGIES[strategy], filters: FILTERS };
        expect(fitUnits(cluster, STRATEGIES[strategy], units, policy, 400)).toEqual(fitUnits(cluster, scanning, units, policy, 400));
      }),
      { ...RUNS, numRuns: 80 },
    );
  });
});
