/**
 * The exact sizing search against brute force on small copies-of-one-node clusters: every
 * placement it returns breaks no hard constraint (checked by the independent checker of
 * random-cluster.ts, plus the HA rules) and keeps the policy; and it says `infeasible` exactly
 * when none of the N^V placements does. Brute force uses no symmetry and no pruning, so this
 * checks both, the renumbering of leaves included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HaRule } from '../../src/engine/proxmox/types.js';
import type { Cluster, VmSpec } from '../../src/engine/model/cluster.js';
import { indexCluster } from '../../src/engine/model/cluster-index.js';
import { assign, emptyState, type ClusterState } from '../../src/engine/model/state.js';
import { strategyNamed } from '../../src/engine/placement/plan.js';
import { ALL_STRATEGY_NAMES } from '../../src/engine/placement/strategies/index.js';
import { evaluatePolicy, type PolicyOptions } from '../../src/engine/policy/failover-policy.js';
import { searchPlacement } from '../../src/engine/policy/size-exact.js';
import { constraintViolations } from '../support/random-cluster.js';

const RUNS = { numRuns: 600, seed: 20261124 };

const vmArbitrary = (i: number): fc.Arbitrary<VmSpec> =>
  fc.record({
    vcpus: fc.integer({ min: 1, max: 4 }),
    mem: fc.integer({ min: 1, max: 8 }),
    disk: fc.integer({ min: 0, max: 20 }),
    pool: fc.constantFrom('local', 'shared', 'shared'),
    gpus: fc.constantFrom(0, 0, 0, 1),
    group: fc.constantFrom(null, null, 'g'),
    ha: fc.constantFrom(true, true, false),
    priority: fc.integer({ min: 0, max: 1 }),
  }).map((r) => ({
    name: `vm${i}`, className: 'c', vcpus: r.vcpus, memGiB: r.mem, diskGiB: r.disk, pool: r.pool, gpus: r.gpus, gpuModel: null,
    antiAffinity: r.group, affinity: null, ha: r.ha, haPriority: r.priority, currentNode: null, replication: null,
  }));

/** 2 to 4 copies of a node, 1 to 6 VMs, an n+1 or n+2 policy, any restart strategy, HA rules between HA VMs. */
const instanceArbitrary = fc
  .record({
    nodes: fc.integer({ min: 2, max: 4 }),
    threads: fc.integer({ min: 2, max: 8 }),
    mem: fc.integer({ min: 4, max: 16 }),
    gpus: fc.integer({ min: 0, max: 1 }),
    localCap: fc.integer({ min: 10, max: 40 }),
    vms: fc.integer({ min: 1, max: 6 }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, i) => vmArbitrary(i)))),
    rule: fc.constantFrom('none', 'negative', 'positive'),
    scenarios: fc.constantFrom('n+1' as const, 'n+2' as const),
    strategy: fc.constantFrom(...ALL_STRATEGY_NAMES),
  })
  .map((r) => {
    const names = Array.from({ length: r.nodes }, (_, i) => `m${i + 1}`);
    const haVms = r.vms.filter((v) => v.ha).map((v) => v.name);
    const rules: HaRule[] = r.rule !== 'none' && haVms.length >= 2 ? [{ type: 'resource-affinity', id: 'rule', resources: haVms.slice(0, 2), affinity: r.rule, disabled: false }] : [];
    const cluster: Cluster = {
      name: 'copies',
      nodes: names.map((name) => ({ name, cpuModel: 't', cpuThreads: r.threads, memGiB: r.mem, memReservedGiB: 0, gpus: r.gpus, gpuModel: r.gpus > 0 ? 'a' : null, netGbps: 1, domains: {}, tags: [], votes: 1 })),
      pools: [
        { name: 'local', kind: 'local', media: 'nvme', capacityGiBByNode: Object.fromEntries(names.map((n) => [n, r.localCap])) },
        { name: 'shared', kind: 'shared', media: 'zfs', capacityGiB: 1000, servedBy: null, reachableFrom: names },
      ],
      classes: [],
      vms: r.vms,
      policy: { threshold: { cpu: 0.85, memGiB: 0.85, diskGiB: 0.85, gpus: 1 }, cpuOvercommit: 1, memOvercommit: 1, strategy: r.strategy, failover: r.scenarios },
      ...(rules.length > 0 ? { ha: { crs: null, rules, noFailback: [] } } : {}),
    };
    return { cluster, policy: { scenarios: r.scenarios, strictSpof: false, maxUtilAfterFailover: null, threshold: false }, strategy: r.strategy, rules };
  });

/** Constraint violations of a complete placement (VM name → node name), the HA rules included. */
function violations(cluster: Cluster, rules: readonly HaRule[], vmNode: ReadonlyMap<string, string>): string[] {
  const problems = constraintViolations(cluster, vmNode);
  for (const rule of rules) {
    if (rule.type !== 'resource-affinity') continue;
    const hosts = new Set(rule.resources.map((name) => vmNode.get(name)));
    if (rule.affinity === 'negative' && hosts.size < rule.resources.length) problems.push(`${rule.id}: members share a node`);
    if (rule.affinity === 'positive' && hosts.size > 1) problems.push(`${rule.id}: members apart`);
  }
  return problems;
}

function stateOf(cluster: Cluster, nodeOf: readonly number[]): ClusterState {
  const state = emptyState(indexCluster(cluster));
  nodeOf.forEach((node, vm) => assign(state, vm, node));
  return state;
}

/** Whether any of the N^V placements breaks no constraint and keeps the policy. */
function someHolds(cluster: Cluster, rules: readonly HaRule[], policy: PolicyOptions, strategy: string): boolean {
  const nodeCount = cluster.nodes.length;
  const nodeOf = cluster.vms.map(() => 0);
  for (let code = 0; code < nodeCount ** cluster.vms.length; code++) {
    cluster.vms.forEach((_, vm) => (nodeOf[vm] = Math.floor(code / nodeCount ** vm) % nodeCount));
    const named = new Map(cluster.vms.map((v, vm) => [v.name, `m${nodeOf[vm]! + 1}`]));
    if (violations(cluster, rules, named).length > 0) continue;
    if (evaluatePolicy(stateOf(cluster, nodeOf), strategyNamed(strategy), policy, true).holds) return true;
  }
  return false;
}

describe('exact sizing search properties', () => {
  it('returns only placements that break no constraint and keep the policy, and finds one exactly when one exists', () => {
    fc.assert(
      fc.property(instanceArbitrary, ({ cluster, policy, strategy, rules }) => {
        const outcome = searchPlacement(cluster, { policy, restartStrategy: strategyNamed(strategy), budget: 10_000_000, expired: () => false });
        expect(outcome.outcome).not.toBe('unknown');
        if (outcome.outcome === 'found') {
          const { placement } = outcome;
          const named = new Map(cluster.vms.map((v, vm) => [v.name, placement.index.nodes[placement.vmNode[vm]!]!.name]));
          expect(named.size).toBe(cluster.vms.length);
          expect(violations(cluster, rules, named)).toEqual([]);
          expect(evaluatePolicy(placement, strategyNamed(strategy), policy).holds).toBe(true);
        }
        expect(outcome.outcome === 'found').toBe(someHolds(cluster, rules, policy, strategy));
      }),
      RUNS,
    );
  });
});
