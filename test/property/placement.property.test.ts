import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { failureContext } from '../../src/engine/failure/context.js';
import { describeScenario } from '../../src/engine/failure/describe.js';
import { simulateFailure } from '../../src/engine/failure/simulate.js';
import { planPlacement, strategyNamed } from '../../src/engine/placement/plan.js';
import { STRATEGY_NAMES } from '../../src/engine/placement/strategies/index.js';
import { clusterArbitrary, constraintViolations } from '../support/random-cluster.js';
import type { Cluster } from '../../src/engine/model/cluster.js';
import { NO_INDEX } from '../../src/engine/model/cluster-index.js';
import { instanceFor } from '../../src/engine/model/state.js';

const RUNS = { numRuns: 150, seed: 20261124 };

/** The cluster without its current layout: every VM placed by the strategy, so every constraint must hold. */
const proposal = (cluster: Cluster): Cluster => ({ ...cluster, vms: cluster.vms.map((vm) => ({ ...vm, currentNode: null })) });

describe('placement properties', () => {
  it('every strategy respects every capacity and hard constraint, and accounts for every VM once', () => {
    fc.assert(
      fc.property(clusterArbitrary, fc.constantFrom(...STRATEGY_NAMES), (withLayout, strategy) => {
        const cluster = proposal(withLayout);
        const { result } = planPlacement(cluster, strategy);
        const placedNames = result.placements.map((p) => p.vm);
        const unplacedNames = result.unplaced.map((u) => u.vm);
        expect([...placedNames, ...unplacedNames].sort()).toEqual(cluster.vms.map((v) => v.name).sort());
        expect(constraintViolations(cluster, new Map(result.placements.map((p) => [p.vm, p.node])))).toEqual([]);
        expect(result.violations).toEqual([]);
        for (const { reasons } of result.unplaced) for (const node of reasons) expect(node.reasons.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it('a current layout stays where it runs, and every broken constraint in it is reported, never hidden', () => {
    fc.assert(
      fc.property(clusterArbitrary, fc.constantFrom(...STRATEGY_NAMES), (cluster, strategy) => {
        const { index, result } = planPlacement(cluster, strategy);
        const nodeOf = new Map(result.placements.map((p) => [p.vm, p.node]));
        cluster.vms.forEach((vm, i) => {
          const current = vm.currentNode === null ? NO_INDEX : index.nodeIndex.get(vm.currentNode)!;
          if (current !== NO_INDEX && instanceFor(index, i, current) !== NO_INDEX) expect(nodeOf.get(vm.name)).toBe(vm.currentNode);
        });
        const reported = result.violations.length + result.nodes.filter((n) => n.overCapacity.length > 0).length + result.pools.filter((p) => p.usedGiB > p.capacityGiB + 1e-9).length;
        if (constraintViolations(cluster, nodeOf).length > 0) expect(reported).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it('the same input gives byte-identical output', () => {
    fc.assert(
      fc.property(clusterArbitrary, fc.constantFrom(...STRATEGY_NAMES), (cluster, strategy) => {
        const copy = structuredClone(cluster);
        expect(JSON.stringify(planPlacement(copy, strategy).result)).toBe(JSON.stringify(planPlacement(cluster, strategy).result));
      }),
      { ...RUNS, numRuns: 60 },
    );
  });
});

describe('failure properties', () => {
  const scenario = fc.tuple(clusterArbitrary, fc.constantFrom(...STRATEGY_NAMES), fc.array(fc.nat(), { maxLength: 3 }));

  it('no restarted VM breaks a constraint, every VM has one outcome, the base state is untouched', () => {
    fc.assert(
      fc.property(scenario, ([withLayout, strategy, picks]) => {
        const cluster = proposal(withLayout);
        const placed = planPlacement(cluster, strategy);
        const failed = [...new Set(picks.map((p) => p % cluster.nodes.length))];
        const before = Array.from(placed.state.vmNode);
        const context = failureContext(placed.state, strategyNamed(strategy));
        const failedNames = failed.map((n) => placed.index.nodes[n]!.name);
        const result = describeScenario(context, { failed: failedNames, label: '' }, simulateFailure(context, failed, true));
        expect(result.vms.map((v) => v.vm)).toEqual(cluster.vms.map((v) => v.name));
        const running = new Map(result.vms.flatMap((v) => (v.node === null ? [] : [[v.vm, v.node] as [string, string]])));
        const up = new Set(cluster.nodes.map((n) => n.name).filter((n) => !failedNames.includes(n)));
        expect(constraintViolations(cluster, running, up)).toEqual([]);
        for (const v of result.vms) if (v.state === 'running') expect(placed.result.placements).toContainEqual({ vm: v.vm, node: v.node });
        expect(Array.from(placed.state.vmNode)).toEqual(before);
      }),
      RUNS,
    );
  });

  /**
   * Failing more nodes is not monotone in the number of restarts (more VMs need a restart) nor
   * even in which VMs end down (a failed storage server stops VMs and frees room for others).
   * What does hold, and is tested: quorum is never regained by losing more nodes; a VM still
   * running untouched after a larger failure was running untouched after the smaller one; and a
   * VM down for a structural reason (not HA, local disk, lost storage, no quorum) stays down.
   */
  it('failing a superset: quorum, untouched VMs and structural losses are monotone', () => {
    const STRUCTURAL = new Set(['not-ha', 'local-disk', 'storage-lost', 'no-quorum', 'fenced']);
    fc.assert(
      fc.property(scenario, fc.nat(), ([cluster, strategy, picks], extra) => {
        const placed = planPlacement(cluster, strategy);
        const context = failureContext(placed.state, strategyNamed(strategy));
        const small = [...new Set(picks.map((p) => p % cluster.nodes.length))];
        const large = [...new Set([...small, extra % cluster.nodes.length])];
        const run = (failed: number[]) => describeScenario(context, { failed: [], label: '' }, simulateFailure(context, failed, false));
        const [a, b] = [run(small), run(large)];
        if (b.quorate) expect(a.quorate).toBe(true);
        b.vms.forEach((outcome, i) => {
          const before = a.vms[i]!;
          if (outcome.state === 'running') expect(before.state).toBe('running');
          if (before.state === 'down' && STRUCTURAL.has(before.reason)) expect(outcome.state).toBe('down');
        });
      }),
      RUNS,
    );
  });
});
