import { describe, expect, it } from 'vitest';
import { planPlacement } from '../../../../src/engine/placement/plan.js';
import { cluster, node, vm } from '../../../support/builders.js';

const nodes = () => [node('n1').memGiB(16), node('n2').memGiB(16), node('n10').memGiB(16)];

describe('placement pipeline', () => {
  it('orders nodes naturally: n2 before n10 (the tie-break order)', () => {
    const c = cluster().nodes(node('n10'), node('n2'), node('n1')).vms(vm('a').memGiB(60), vm('b').memGiB(60), vm('c').memGiB(60)).build();
    expect(planPlacement(c, 'first-fit').result.nodes.map((n) => n.name)).toEqual(['n1', 'n2', 'n10']);
  });

  it('keeps a VM on its current node when it fits there', () => {
    const c = cluster().nodes(...nodes()).vms(vm('a').memGiB(4).on('n10')).build();
    expect(planPlacement(c, 'first-fit').result.placements).toEqual([{ vm: 'a', node: 'n10' }]);
  });

  it('puts a preferred-affinity VM on a preferred node when one fits, elsewhere when none does', () => {
    // n2 has 16 GiB: p1 (10) fits there; p2 (10) no longer does and falls back to the first node, n1.
    const c = cluster().nodes(...nodes()).vms(vm('p1').memGiB(10).prefer('n2'), vm('p2').memGiB(10).prefer('n2')).build();
    expect(planPlacement(c, 'first-fit').result.placements).toEqual([
      { vm: 'p1', node: 'n2' },
      { vm: 'p2', node: 'n1' },
    ]);
  });

  it('places strictly pinned VMs before the rest, so a free-roaming VM does not take their only node', () => {
    // Input order puts `free` first; first fit would put it on n1 and leave no room for `pinned`.
    const c = cluster().nodes(node('n1').memGiB(16), node('n2').memGiB(16)).vms(vm('free').memGiB(10), vm('pinned').memGiB(10).pin('n1')).build();
    expect(planPlacement(c, 'first-fit').result.placements).toEqual([
      { vm: 'free', node: 'n2' },
      { vm: 'pinned', node: 'n1' },
    ]);
  });

  it('spreads an anti-affinity group, and says why the fourth member has no node', () => {
    const c = cluster().nodes(...nodes()).vms(...[1, 2, 3, 4].map((i) => vm(`w${i}`).memGiB(1).group('k8s'))).build();
    const { result } = planPlacement(c, 'first-fit');
    expect(result.placements.map((p) => p.node)).toEqual(['n1', 'n2', 'n10']);
    expect(result.unplaced[0]!.reasons.map((r) => r.reasons)).toEqual([
      [{ code: 'anti-affinity', group: 'k8s', conflictsWith: ['w1'] }],
      [{ code: 'anti-affinity', group: 'k8s', conflictsWith: ['w2'] }],
      [{ code: 'anti-affinity', group: 'k8s', conflictsWith: ['w3'] }],
    ]);
  });

  it('does not change the cluster it was given', () => {
    const c = cluster().nodes(...nodes()).vms(vm('a').memGiB(4)).build();
    const before = JSON.stringify(c);
    planPlacement(c, 'balanced');
    expect(JSON.stringify(c)).toBe(before);
  });
});
