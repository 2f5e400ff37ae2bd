import { describe, expect, it } from 'vitest';
import { planRebalance } from '../../../../src/engine/operations/rebalance-plan.js';
import { cluster, node, vm } from '../../../support/builders.js';

describe('rebalance for the N+1 margin', () => {
  // Three nodes of 64 GiB and 8 vCPUs; every VM 1 vCPU, so memory binds.
  const lostOnFailure = () =>
    cluster()
      .nodes(node('a'), node('b'), node('c'))
      .vms(vm('big').memGiB(40).on('a'), vm('m1').memGiB(30).on('b'), vm('m2').memGiB(30).on('c'))
      .build();

  it('one move saves the VM a failure loses, and the margin turns positive', () => {
    // Before: a fails, big (40) finds 64 - 30 = 34 free on b and on c: lost, short (40 - 34) / 64
    // = 0.09375 of a node. b fails: m1 (30) -> c (a has 24): c at 60, slack 4 / 64 = 0.0625.
    // Margin = min(-0.09375, 0.0625, 0.0625) = -0.09375, 1 HA VM lost.
    // m1 b -> c (30 GiB; c then holds 60): a fails, big -> b (empty); c fails, m1 and m2 -> b
    // (60); b fails, nothing moves. Every failure leaves 4 GiB on the fullest survivor: 0.0625.
    const plan = planRebalance(lostOnFailure(), 'first-fit', { objective: 'n+1-margin', maxMoves: 5 });
    expect(plan.before.lostForCapacity).toBe(1);
    expect(plan.before.nPlusOneMargin).toBeCloseTo(-0.09375, 3);
    expect(plan.moves.map((m) => [m.vm, m.from, m.to, m.kind, m.gib, m.objectiveAfter])).toEqual([['m1', 'b', 'c', 'live', 30, 0.0625]]);
    expect(plan.after).toEqual({ nPlusOneMargin: 0.0625, lostForCapacity: 0, imbalance: plan.after.imbalance });
    expect(plan.stoppedBy).toBe('no-improving-move');
    // Gain per GiB: (0.0625 - (-0.09375)) / 30 = 0.005208.
    expect(plan.comparison[0]!.marginGainPerGib).toBeCloseTo(0.005208, 5);
  });

  it('never writes its input', () => {
    const c = lostOnFailure();
    const before = JSON.stringify(c);
    planRebalance(c, 'first-fit', { objective: 'n+1-margin', maxMoves: 3 });
    expect(JSON.stringify(c)).toBe(before);
  });
});

describe('rebalance for balance, beside the load-only balancers', () => {
  it('two VMs on one of two nodes: one move evens them; Proxmox and the ProxLB pass make the same move', () => {
    // Loads (cpu / threads + mem / memGiB) / 2: a = (4/8 + 64/64) / 2 = 0.75, b = 0. Mean 0.375,
    // population sd 0.375: imbalance 1. Moving one VM gives 0.375 and 0.375: imbalance 0.
    const c = cluster()
      .nodes(node('a'), node('b'))
      .vms(vm('v').vcpus(2).memGiB(32).on('a'), vm('w').vcpus(2).memGiB(32).on('a'))
      .build();
    const plan = planRebalance(c, 'first-fit', { objective: 'balance', maxMoves: 5 });
    expect(plan.before.imbalance).toBe(1);
    // Equal imbalance and GiB: the first VM in input order.
    expect(plan.moves.map((m) => [m.vm, m.from, m.to, m.objectiveAfter])).toEqual([['v', 'a', 'b', 0]]);
    // Proxmox: 1 > threshold 0.3, improvement (1 - 0) / 1 >= margin 0.1, ties to sid 'v'; then 0 <= 0.3.
    // ProxLB: memory 100% against 0%, gap over 10 points; largest VM first (v, input order); then gap 0.
    expect(plan.comparison.map((row) => [row.method, row.moves, row.gibMoved, row.stoppedBy])).toEqual([
      ['headroom', 1, 32, 'no-improving-move'],
      ['pve-auto-rebalance', 1, 32, 'below-threshold'],
      ['proxlb-greedy', 1, 32, 'below-threshold'],
    ]);
  });
});
