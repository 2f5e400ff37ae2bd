import { describe, expect, it } from 'vitest';
import { InvariantError } from '../../../../src/errors.js';
import type { VmSpec } from '../../../../src/engine/model/cluster.js';
import { strategyNamed } from '../../../../src/engine/placement/plan.js';
import { searchPlacement, type ExactOptions, type ExactOutcome } from '../../../../src/engine/policy/size-exact.js';
import { cluster, node, vm } from '../../../support/builders.js';

const options: ExactOptions = {
  policy: { scenarios: 'n+1', strictSpof: false, maxUtilAfterFailover: null, threshold: false },
  restartStrategy: strategyNamed('first-fit'),
  budget: 1_000_000,
  expired: () => false,
};

/** `count` copies of one node, m1..mN, with `memGiB` each; 64 threads, so CPU never binds. */
function copies(count: number, memGiB: number, ...vms: Array<ReturnType<typeof vm>>) {
  return cluster().nodes(...Array.from({ length: count }, (_, i) => node(`m${i + 1}`).threads(64).memGiB(memGiB))).vms(...vms).build();
}

function placementOf(outcome: ExactOutcome): Record<string, string> {
  if (outcome.outcome !== 'found') throw new Error(`expected a placement, got ${outcome.outcome}`);
  const { index, vmNode } = outcome.placement;
  return Object.fromEntries(index.cluster.vms.map((v: VmSpec, i) => [v.name, index.nodes[vmNode[i]!]!.name]));
}

// db 12 and web 10 (HA), batch 9 (not HA), small 2 (HA) on 16 GiB nodes. Any two of db, web and
// batch exceed 16, so they take three nodes. With three nodes, when db's node fails db needs 12
// GiB free on a survivor, but web's node has at most 16 − 10 = 6 free and batch's at most 7.
const volumeSaysThree = [vm('db').memGiB(12), vm('web').memGiB(10), vm('batch').memGiB(9).notHa(), vm('small').memGiB(2)];

describe('exact sizing search', () => {
  it('proves three nodes infeasible when db has nowhere to restart', () => {
    expect(searchPlacement(copies(3, 16, ...volumeSaysThree), options)).toMatchObject({ outcome: 'infeasible' });
  });

  it('finds four nodes, hardest VM first, a new node only when the used ones refuse', () => {
    // Order db 12, web 10, batch 9, small 2: db m1; web and batch do not fit beside it (22, 21)
    // nor beside each other (19): m2, m3; small joins db on m1 (14). Fail m1: db restarts on
    // m4 (m2 has 6 free, m3 7), small on m2. Fail m2: web on m4. Batch is not HA.
    expect(placementOf(searchPlacement(copies(4, 16, ...volumeSaysThree), options))).toEqual({ db: 'm1', web: 'm2', batch: 'm3', small: 'm1' });
  });

  it('finds the layout that leaves a hole for the HA VM', () => {
    // 6 GiB nodes; big 5, fill1 3, fill2 3, tiny 1 (not HA), ha 3 (HA): 15 GiB on 18, 3 free. The
    // HA VM needs a survivor with 3 free, so the free 3 must sit on one node without it, the
    // other two full: {big, tiny}, {fill, ha}, {fill}. Search: big m1; fill1 m2; fill2 beside it
    // leaves ha alone on m3 with 1 GiB free on m1 and m2 together (before tiny): cut by the
    // failover room; so fill2 goes to m3, ha joins fill1 on m2, tiny joins big on m1. Fail m2:
    // ha restarts on m3 (m1 is full).
    const vms = [vm('fill1').memGiB(3).notHa(), vm('fill2').memGiB(3).notHa(), vm('big').memGiB(5).notHa(), vm('ha').memGiB(3), vm('tiny').memGiB(1).notHa()];
    expect(placementOf(searchPlacement(copies(3, 6, ...vms), options))).toEqual({ big: 'm1', tiny: 'm1', fill1: 'm2', ha: 'm2', fill2: 'm3' });
  });

  it('does not count a VM every survivor shuts out by anti-affinity as needing room', () => {
    // Three 8 GiB members of one group fill three 8 GiB nodes. A failed member cannot restart
    // (both survivors run a member): down for anti-affinity, a risk, not a capacity breach.
    const members = [1, 2, 3].map((i) => vm(`w${i}`).memGiB(8).group('workers'));
    expect(placementOf(searchPlacement(copies(3, 8, ...members), options))).toEqual({ w1: 'm1', w2: 'm2', w3: 'm3' });
  });

  it('stops at the search-node budget and says so', () => {
    // One search node is spent (db on m1); the next one would pass the budget of 1.
    expect(searchPlacement(copies(4, 16, ...volumeSaysThree), { ...options, budget: 1 })).toEqual({ outcome: 'unknown', stoppedBy: 'budget', searchNodes: 1 });
  });

  it('stops when the time limit (the safety net) fires and says so', () => {
    expect(searchPlacement(copies(4, 16, ...volumeSaysThree), { ...options, expired: () => true })).toEqual({ outcome: 'unknown', stoppedBy: 'time-limit', searchNodes: 0 });
  });

  it('refuses nodes that are not copies of one node', () => {
    const mixed = cluster().nodes(node('a').memGiB(16), node('b').memGiB(32)).vms(vm('v')).build();
    expect(() => searchPlacement(mixed, options)).toThrow(InvariantError);
  });
});
