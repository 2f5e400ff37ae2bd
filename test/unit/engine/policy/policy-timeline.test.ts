import { describe, expect, it } from 'vitest';
import { policyTimeline, type DemandStep } from '../../../../src/engine/policy/policy-timeline.js';
import { cluster, node, vm } from '../../../support/builders.js';

/** Three 16 GiB nodes, each running one 4 GiB HA VM today. */
const three = cluster()
  .nodes(node('a').threads(64).memGiB(16), node('b').threads(64).memGiB(16), node('c').threads(64).memGiB(16))
  .vms(vm('x').memGiB(4).on('a'), vm('y').memGiB(4).on('b'), vm('z').memGiB(4).on('c'))
  .build();
const policy = { scenarios: 'n+1' as const, strictSpof: false, maxUtilAfterFailover: null, threshold: false };
const growth = (day: number, factor: number): DemandStep => ({ day, cpu: Float64Array.of(1, 1, 1), mem: Float64Array.of(factor, factor, factor) });

describe('the policy along a forecast', () => {
  it('holds while every restart fits, then names the first step, scenario and VM that break it', () => {
    // Each VM is 4f GiB. a fails: x needs 4f free beside a 4f VM: 8f <= 16 holds for f <= 2.
    // Day 10, f = 1.5: 12 <= 16, holds. Day 20, f = 2.5: b and c would hold 20 > 16: x is down.
    const timeline = policyTimeline(three, 'first-fit', policy, [growth(10, 1.5), growth(20, 2.5), growth(30, 3.5)]);
    expect(timeline.stepsChecked).toBe(2);
    expect(timeline.firstBreach).toEqual({ day: 20, scenario: 'a', vm: 'x', reason: 'no-capacity' });
  });

  it('the nodes to add must hold at every step: one empty node like a takes any restart up to 16 GiB', () => {
    // With added-1 (16 GiB, empty), a failure of a sends x (at most 3.5 × 4 = 14 GiB) there.
    const timeline = policyTimeline(three, 'first-fit', policy, [growth(10, 1.5), growth(20, 2.5), growth(30, 3.5)]);
    expect(timeline.nodesToHold).toEqual({ like: 'a', added: ['added-1'] });
    expect(timeline.remedyChecked).toBe(1);
  });

  it('growth past a node itself is an overload where the VM runs, not a move', () => {
    // f = 4.5: x is 18 GiB on a 16 GiB node.
    const timeline = policyTimeline(three, 'first-fit', policy, [growth(7, 4.5)]);
    expect(timeline.firstBreach).toEqual({ day: 7, scenario: null, vm: null, reason: 'node-over-capacity' });
  });

  it('holds to the end: no breach and nothing to add', () => {
    expect(policyTimeline(three, 'first-fit', policy, [growth(30, 1.9)])).toEqual({ stepsChecked: 1, firstBreach: null, nodesToHold: null, remedyChecked: 0 });
  });
});
