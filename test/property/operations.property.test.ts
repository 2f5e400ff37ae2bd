/**
 * Invariants of the operations engine, on small random clusters placed by a strategy (so the
 * start is valid): every state of a maintenance wave, after each migration, respects capacity and
 * every hard rule (checked by the independent checker of test/support, not the engine's filters),
 * and a wave that claims n+1 has quorum and survives every further single failure as the policy
 * engine judges it; a rebalance's every move keeps capacity and rules and strictly improves its
 * objective, so it never falls; every suggested fix, applied, lets the lost VM restart. The input
 * cluster is never changed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { failureContext } from '../../src/engine/failure/context.js';
import { hasQuorum } from '../../src/engine/failure/quorum.js';
import { downCode, RESTARTED, RUNNING, simulateFailure } from '../../src/engine/failure/simulate.js';
import { applyChange, NO_CHANGE, nodeLike } from '../../src/engine/policy/change.js';
import { placementByName } from '../../src/engine/policy/change-verdict.js';
import { fixesFor } from '../../src/engine/policy/fixes.js';
import { scenarioOf } from '../../src/engine/failure/scenarios.js';
import type { Cluster } from '../../src/engine/model/cluster.js';
import { NO_INDEX } from '../../src/engine/model/cluster-index.js';
import { assign, stopVm } from '../../src/engine/model/state.js';
import { planMaintenance } from '../../src/engine/operations/maintenance.js';
import { marginBetter, measureImbalance, measureMargin } from '../../src/engine/operations/objective.js';
import { planRebalance } from '../../src/engine/operations/rebalance-plan.js';
import { placedState, strategyNamed } from '../../src/engine/placement/plan.js';
import { evaluatePolicy } from '../../src/engine/policy/failover-policy.js';
import { clusterArbitrary, constraintViolations } from '../support/random-cluster.js';

const RUNS = { numRuns: 80, seed: 20261208 };
const POLICY = { scenarios: 'n+1' as const, strictSpof: false, maxUtilAfterFailover: null, threshold: false };
const proposal = (cluster: Cluster): Cluster => ({ ...cluster, vms: cluster.vms.map((vm) => ({ ...vm, currentNode: null })) });

describe('maintenance properties', () => {
  it('every intermediate state of every wave respects capacity and rules; a wave that keeps n+1 survives one more failure', () => {
    fc.assert(
      fc.property(clusterArbitrary, fc.integer({ min: 1, max: 3 }), fc.constantFrom('n+1' as const, 'none' as const), (random, maxParallel, keep) => {
        const cluster = proposal(random);
        const before = JSON.stringify(cluster);
        const plan = planMaintenance(cluster, 'first-fit', { maxParallel, keep, rebootSeconds: 60 });
        expect(JSON.stringify(cluster)).toBe(before);
        expect(plan.waves.flatMap((w) => w.nodes).sort()).toEqual(cluster.nodes.map((n) => n.name).sort());
        const { index, state: base } = placedState(cluster, strategyNamed('first-fit'), false);
        for (const wave of plan.waves) {
          expect(wave.nodes.length).toBeLessThanOrEqual(maxParallel);
          const state = { ...base, nodeUp: base.nodeUp.slice(), vmNode: base.vmNode.slice(), vmInstance: base.vmInstance.slice(), cpuUsed: base.cpuUsed.slice(), memUsed: base.memUsed.slice(), gpuUsed: base.gpuUsed.slice(), instanceUsed: base.instanceUsed.slice() };
          const allNodes = new Set(cluster.nodes.map((n) => n.name));
          const up = new Set(cluster.nodes.map((n) => n.name).filter((n) => !wave.nodes.includes(n)));
          const running = (): Map<string, string> =>
            new Map(cluster.vms.flatMap((spec, i) => (state.vmNode[i] === NO_INDEX ? [] : [[spec.name, index.nodes[state.vmNode[i]!]!.name] as const])));
          for (const name of wave.nodes) state.nodeUp[index.nodeIndex.get(name)!] = 0;
          wave.moves.forEach((move, step) => {
            const v = index.vmIndex.get(move.vm)!;
            expect(index.nodes[state.vmNode[v]!]!.name).toBe(move.from);
            stopVm(state, v);
            if (move.to !== null) assign(state, v, index.nodeIndex.get(move.to)!);
            expect(move.to === null || !wave.nodes.includes(move.to)).toBe(true);
            // While they drain, the wave's nodes still run (and serve their storage).
            expect(constraintViolations(cluster, running(), allNodes), `wave ${wave.nodes.join('+')} after move ${step + 1}`).toEqual([]);
          });
          // Once drained they are down, with nothing left on them.
          expect(constraintViolations(cluster, running(), up), `wave ${wave.nodes.join('+')} down`).toEqual([]);
          if (keep === 'n+1' && wave.keepsGuarantee) {
            expect(hasQuorum(index, state.nodeUp)).toBe(true);
            expect(wave.stopped.filter((s) => s.ha)).toEqual([]);
            const scenarios = index.nodes.flatMap((_, n) => (state.nodeUp[n] === 1 ? [scenarioOf(index, [n])] : []));
            expect(evaluatePolicy(state, strategyNamed('first-fit'), { scenarios, threshold: false, strictSpof: false, maxUtilAfterFailover: null }).breaches).toEqual([]);
          }
        }
      }),
      RUNS,
    );
  });
});

describe('rebalance properties', () => {
  it('every move keeps capacity and rules and strictly improves the objective; the reported values are the final state\'s', () => {
    fc.assert(
      fc.property(clusterArbitrary, fc.integer({ min: 1, max: 4 }), fc.constantFrom('n+1-margin' as const, 'balance' as const), (random, maxMoves, objective) => {
        const cluster = proposal(random);
        const before = JSON.stringify(cluster);
        const plan = planRebalance(cluster, 'first-fit', { objective, maxMoves });
        expect(JSON.stringify(cluster)).toBe(before);
        expect(plan.moves.length).toBeLessThanOrEqual(maxMoves);
        const strategy = strategyNamed('first-fit');
        const { index, state } = placedState(cluster, strategy, false);
        const allNodes = new Set(cluster.nodes.map((n) => n.name));
        let margin = measureMargin(state, strategy);
        let imbalance = measureImbalance(state);
        for (const move of plan.moves) {
          const v = index.vmIndex.get(move.vm)!;
          expect(index.nodes[state.vmNode[v]!]!.name).toBe(move.from);
          stopVm(state, v);
          assign(state, v, index.nodeIndex.get(move.to)!);
          const running = new Map(cluster.vms.flatMap((spec, i) => (state.vmNode[i] === NO_INDEX ? [] : [[spec.name, index.nodes[state.vmNode[i]!]!.name] as const])));
          expect(constraintViolations(cluster, running, allNodes)).toEqual([]);
          const [nextMargin, nextImbalance] = [measureMargin(state, strategy), measureImbalance(state)];
          if (objective === 'n+1-margin') expect(marginBetter(nextMargin, margin)).toBe(true);
          else expect(nextImbalance).toBeLessThan(imbalance);
          [margin, imbalance] = [nextMargin, nextImbalance];
        }
        expect(plan.after.lostForCapacity).toBe(margin.lostForCapacity);
        expect(plan.after.nPlusOneMargin).toBeCloseTo(margin.margin, 4);
      }),
      RUNS,
    );
  });
});


describe('fix properties', () => {
  it('every suggested fix (move, grow, add a node), applied, lets the lost VM restart', () => {
    let fixesChecked = 0;
    fc.assert(
      fc.property(clusterArbitrary, fc.nat(), (random, pick) => {
        const cluster = proposal(random);
        if (cluster.nodes.length < 2) return;
        const failed = cluster.nodes[pick % cluster.nodes.length]!.name;
        const strategy = strategyNamed('first-fit');
        const { index, state } = placedState(cluster, strategy, false);
        const outcome = simulateFailure(failureContext(state, strategy), [index.nodeIndex.get(failed)!], false);
        const lost = cluster.vms.filter((_, i) => index.vmHa[i] === 1 && outcome.code[i] === downCode('no-capacity')).slice(0, 2);
        const placedOn = placementByName(cluster, 'first-fit');
        for (const { name } of lost) {
          for (const fix of fixesFor(cluster, 'first-fit', POLICY, name, [failed]).fixes) {
            let changed: Cluster;
            if (fix.kind === 'move-vm') changed = applyChange(cluster, NO_CHANGE, new Map([...placedOn, [fix.vm, fix.to]]));
            else if (fix.kind === 'grow-node') {
              const spec = cluster.nodes.find((n) => n.name === fix.node)!;
              changed = applyChange(cluster, { ...NO_CHANGE, resizeNodes: [{ name: fix.node, patch: { memGiB: spec.memGiB + fix.addMemGiB, cpuThreads: spec.cpuThreads + fix.addThreads, gpus: spec.gpus + fix.addGpus } }] }, placedOn);
            } else if (fix.kind === 'add-node') {
              const like = cluster.nodes.find((n) => n.name === fix.like)!;
              const addNodes = Array.from({ length: fix.count }, (_, i) => nodeLike(cluster, like, { ...like, name: `fix-${i + 1}` }));
              changed = applyChange(cluster, { ...NO_CHANGE, addNodes }, placedOn);
            } else continue;
            const after = placedState(changed, strategy, false);
            const v = after.index.vmIndex.get(name)!;
            const code = simulateFailure(failureContext(after.state, strategy), [after.index.nodeIndex.get(failed)!], false).code[v];
            expect([RUNNING, RESTARTED], `${name} after ${JSON.stringify(fix)}`).toContain(code);
            fixesChecked++;
          }
        }
      }),
      { ...RUNS, numRuns: 60 },
    );
    // The random clusters do lose VMs for capacity: the property was exercised.
    expect(fixesChecked).toBeGreaterThan(0);
  });
});
