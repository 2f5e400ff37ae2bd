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
    expect(timeline.nodesToHold).toEqual({ like: 'a', added: ['added-1'], rebalance: false });
    expect(timeline.remedyChecked).toBe(1);
  });

  it('growth past a node itself is an overload where the VM runs, not a move', () => {
    // f = 4.5: x is 18 GiB on a 16 GiB node.
    const timeline = policyTimeline(three, 'first-fit', policy, [growth(7, 4.5)]);
    expect(timeline.firstBreach).toEqual({ day: 7, scenario: null, vm: null, reason: 'node-over-capacity' });
  });

  it('growth that overfills a node where two VMs run needs the VMs placed again as well as a node', () => {
    // x and y (4 GiB each) run on a, z on b; at f = 2.5 each is 10 GiB and a holds 20 > 16: an
    // overload where they run, which no added node cures (3 in-place candidates: 1 to 3 nodes
    // like a, the only model). Placed afresh on a, b, c and added-1 by first fit: x on a, y on b
    // (a has 6 free), z on c; any failure sends its 10 GiB VM to the empty added-1. Without it,
    // a failing sends x to a node with 6 free: lost. So one node, with a rebalance, 4 checked.
    const crowded = cluster()
      .nodes(node('a').threads(64).memGiB(16), node('b').threads(64).memGiB(16), node('c').threads(64).memGiB(16))
      .vms(vm('x').memGiB(4).on('a'), vm('y').memGiB(4).on('a'), vm('z').memGiB(4).on('b'))
      .build();
    const timeline = policyTimeline(crowded, 'first-fit', policy, [growth(10, 2.5)]);
    expect(timeline.firstBreach).toEqual({ day: 10, scenario: null, vm: null, reason: 'node-over-capacity' });
    expect(timeline.nodesToHold).toEqual({ like: 'a', added: ['added-1'], rebalance: true });
    expect(timeline.remedyChecked).toBe(4);
  });

  it('holds to the end: no breach and nothing to add', () => {
    expect(policyTimeline(three, 'first-fit', policy, [growth(30, 1.9)])).toEqual({ stepsChecked: 1, firstBreach: null, nodesToHold: null, remedyChecked: 0 });
  });
});
