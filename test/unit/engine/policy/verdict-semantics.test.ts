/**
 * The semantics every verdict shares (failover-policy.ts, steady-state.ts, scenario-judge.ts),
 * on clusters small enough to work by hand. Each case failed before these rules existed: the
 * policy said "holds" while quorum was lost, a VM had no node, or a node sat at its threshold.
 */
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../../../src/engine/model/cluster.js';
import { evaluatePolicy, type PolicyOptions } from '../../../../src/engine/policy/failover-policy.js';
import { placeAndJudge } from '../../../../src/engine/policy/place.js';
import { planPlacement, strategyNamed } from '../../../../src/engine/placement/plan.js';
import { cluster, node, vm } from '../../../support/builders.js';

const nPlusOne = (threshold: boolean): PolicyOptions => ({ scenarios: 'n+1', strictSpof: false, maxUtilAfterFailover: null, threshold });
const evaluate = (c: Cluster, threshold = false) => evaluatePolicy(planPlacement(c, 'first-fit').state, strategyNamed('first-fit'), nPlusOne(threshold));

/** Two 10 GiB nodes (one vote each), one HA VM of `memGiB` on a. */
const twoNodes = (memGiB: number) => cluster().nodes(node('a').memGiB(10), node('b').memGiB(10)).vms(vm('web').memGiB(memGiB).on('a'));

describe('lost quorum breaks the policy', () => {
  it('a two-node cluster is not N+1: either failure leaves 1 of 2 votes', () => {
    // 2 × 1 > 2 is false: no majority, so nothing restarts and the survivor fences itself.
    const result = evaluate(twoNodes(4).build());
    expect(result.holds).toBe(false);
    expect(result.breaches.map((b) => [b.scenario, b.quorate])).toEqual([['a', false], ['b', false]]);
  });

  it('with a QDevice (one vote held by no node) it is: 1 + 1 of 3 votes survive', () => {
    // a fails: b and the QDevice hold 2 of 3 votes, 2 × 2 > 3; web (4 GiB) restarts on b (10 GiB).
    const result = evaluate({ ...twoNodes(4).build(), qdevice: { votes: 1 } });
    expect(result).toMatchObject({ holds: true, breaches: [] });
  });
});

describe('the steady state', () => {
  it('a VM with nowhere to run breaks the policy, naming the VM', () => {
    // 12 GiB on 10 GiB nodes: no node fits it. With a QDevice, every failure keeps quorum.
    const c = { ...cluster().nodes(node('a').memGiB(10), node('b').memGiB(10)).vms(vm('big').memGiB(12)).build(), qdevice: { votes: 1 } };
    const result = evaluate(c);
    expect(result.holds).toBe(false);
    expect(result.steadyState.unplaced).toEqual(['big']);
    expect(result.breaches).toEqual([]);
  });

  it('the alert threshold counts unless turned off: 9 of 10 GiB is 90% >= 85%', () => {
    // After a fails, web (9 GiB) runs on b at 90%: after a failure that is only a warning.
    const c = { ...twoNodes(9).build(), qdevice: { votes: 1 } };
    const withThreshold = evaluate(c, true);
    expect(withThreshold.holds).toBe(false);
    expect(withThreshold.steadyState.nodesOverThreshold).toEqual([{ node: 'a', resources: ['memGiB'] }]);
    expect(evaluate(c, false).holds).toBe(true);
  });

  it('a current node that is full is an overload where the VM runs, never a quiet move', () => {
    // x (6 GiB) and y (6 GiB) both run on a (10 GiB) today: 12 > 10. b is empty, yet y stays.
    const c = { ...cluster().nodes(node('a').memGiB(10), node('b').memGiB(10)).vms(vm('x').memGiB(6).on('a'), vm('y').memGiB(6).on('a')).build(), qdevice: { votes: 1 } };
    const placed = placeAndJudge(c, 'worst-fit');
    expect(placed.layout).toBe('current');
    expect(placed.placements).toEqual([{ vm: 'x', node: 'a' }, { vm: 'y', node: 'a' }]);
    expect(placed.verdict).toMatchObject({ holds: false, nodesOverCapacity: [{ node: 'a', resources: ['memGiB'] }] });
  });

  it('a current node that breaks a rule is a violation where the VM runs', () => {
    // w1 and w2 share the anti-affinity group "workers" and both run on a today.
    const c = cluster().nodes(node('a').memGiB(64), node('b').memGiB(64), node('c').memGiB(64)).vms(vm('w1').memGiB(4).group('workers').on('a'), vm('w2').memGiB(4).group('workers').on('a')).build();
    const placed = placeAndJudge(c, 'balanced');
    expect(placed.violations).toEqual([{ vm: 'w1', node: 'a', reasons: [{ code: 'anti-affinity', group: 'workers', conflictsWith: ['w2'] }] }, { vm: 'w2', node: 'a', reasons: [{ code: 'anti-affinity', group: 'workers', conflictsWith: ['w1'] }] }]);
    expect(placed.verdict.holds).toBe(false);
  });
});
