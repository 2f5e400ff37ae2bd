import { describe, expect, it } from 'vitest';
import { strategyNamed } from '../../../../src/engine/placement/plan.js';
import { sizeForModel } from '../../../../src/engine/policy/size.js';
import { cluster, node, vm } from '../../../support/builders.js';

const options = (scenarios: 'n+1' | 'n+2') => ({
  policy: { scenarios, strictSpof: false, maxUtilAfterFailover: null, threshold: false }, restartStrategy: strategyNamed('first-fit'),
  expired: () => false, maxNodes: 50, exactMaxVms: 40, exactBudget: 1_000_000,
});

describe('size', () => {
  it('six 4 GiB HA VMs on 16 GiB nodes: capacity needs 2, N+1 needs 3, and 3 works (optimal)', () => {
    // capacity: ceil(6 × 4 / 16) = 2, and packing four 4 GiB VMs per node needs 2 as well.
    // failover: 1 + ceil(24 / 16) = 3 (1 + the packing bound 2, likewise).
    // 3 nodes, first fit: a 4 VMs, b 2. Fail a: 4 VMs (16 GiB) into b (8 free) and c (16 free). Fail b: 2 into c.
    const c = cluster().nodes(node('m').threads(64).memGiB(16)).vms(...[1, 2, 3, 4, 5, 6].map((i) => vm(`v${i}`).memGiB(4))).build();
    const result = sizeForModel(c, 'm', options('n+1'));
    expect(result.boundBy).toEqual([
      { bound: 'capacity', resource: 'memGiB', nodes: 2 },
      { bound: 'packing', resource: null, nodes: 2 },
      { bound: 'failover', resource: 'memGiB', nodes: 3 },
      { bound: 'failover-packing', resource: null, nodes: 3 },
      // quorum: 2 × 1 + 1 = 3, so that the two survivors of a failure keep 2 of 3 votes.
      { bound: 'quorum', resource: null, nodes: 3 },
    ]);
    expect(result).toMatchObject({ lowerBound: 3, bestFound: 3, optimal: true, unhostable: [] });
  });

  it('N+2 needs 2 + ceil(24 / 16) = 4 for capacity, and 2 × 2 + 1 = 5 for quorum', () => {
    // Four nodes losing two keep 2 of 4 votes, not a majority: every scenario would end in
    // no-quorum. Five keep 3 of 5, and the three survivors (48 GiB) hold the 24 GiB of VMs.
    const c = cluster().nodes(node('m').threads(64).memGiB(16)).vms(...[1, 2, 3, 4, 5, 6].map((i) => vm(`v${i}`).memGiB(4))).build();
    const result = sizeForModel(c, 'm', options('n+2'));
    expect(result.boundBy.find((b) => b.bound === 'failover')).toEqual({ bound: 'failover', resource: 'memGiB', nodes: 4 });
    expect(result).toMatchObject({ lowerBound: 5, bestFound: 5, optimal: true });
  });

  it('the packing bound beats the volume bound: three 10 GiB VMs on 16 GiB nodes', () => {
    // capacity: ceil(30 / 16) = 2, but no two 10 GiB VMs share a 16 GiB node: packing needs 3.
    // N+1: 1 + 3 = 4 (the survivors must hold all three).
    const c = cluster().nodes(node('m').threads(64).memGiB(16)).vms(...[1, 2, 3].map((i) => vm(`v${i}`).memGiB(10))).build();
    const result = sizeForModel(c, 'm', options('n+1'));
    expect(result.boundBy.find((b) => b.bound === 'packing')).toEqual({ bound: 'packing', resource: null, nodes: 3 });
    expect(result).toMatchObject({ lowerBound: 4, bestFound: 4, optimal: true });
  });

  it('an anti-affinity group of 4 needs 4 nodes even when capacity needs 1', () => {
    const c = cluster().nodes(node('m').threads(64).memGiB(64)).vms(...[1, 2, 3, 4].map((i) => vm(`w${i}`).memGiB(1).group('g'))).build();
    const result = sizeForModel(c, 'm', options('n+1'));
    expect(result.boundBy).toContainEqual({ bound: 'spread', resource: null, nodes: 4 });
    expect(result).toMatchObject({ lowerBound: 4, bestFound: 4, optimal: true });
  });

  it('leaves out the VMs the model can never host, and says why', () => {
    const c = cluster().nodes(node('m').threads(8).memGiB(16), node('gpu').gpus(1)).vms(vm('ml').gpus(1), vm('web').memGiB(4)).build();
    const result = sizeForModel(c, 'm', options('n+1'));
    expect(result.unhostable).toEqual([{ vm: 'ml', why: 'needs 1 GPU(s), the model has 0' }]);
    // web alone: capacity 1, failover 1 + 1 = 2, quorum 2 × 1 + 1 = 3 (one of two nodes is no majority).
    expect(result).toMatchObject({ lowerBound: 3, bestFound: 3 });
  });

  it('stops when the time limit (the safety net) fires and reports the interval it has', () => {
    const c = cluster().nodes(node('m').memGiB(16)).vms(vm('v').memGiB(4)).build();
    const result = sizeForModel(c, 'm', { ...options('n+1'), expired: () => true });
    expect(result).toMatchObject({ bestFound: null, timedOut: true, optimal: false });
  });

  it('the exact search proves the bound too low: [3, 4] becomes 4 (optimal)', () => {
    // 16 GiB nodes; db 12 and web 10 (HA), batch 9 (not HA), small 2 (HA).
    // capacity ceil(33 / 16) = 3; packing: any two of 12, 10, 9 exceed 16, so 3; failover: HA
    // 24 GiB, 1 + ceil(24 / 16) = 3, and 1 + packing {12, 2}, {10} = 3. With three nodes db, web
    // and batch sit apart; when db's node fails db needs 12 free on a survivor, web's node has at
    // most 6 and batch's 7: no placement keeps n+1. Four work (first fit: {web, small}, {db},
    // {batch}, {}: web and db restart on the empty node, small beside db).
    const c = cluster().nodes(node('m').threads(64).memGiB(16)).vms(vm('web').memGiB(10), vm('db').memGiB(12), vm('batch').memGiB(9).notHa(), vm('small').memGiB(2)).build();
    expect(sizeForModel(c, 'm', { ...options('n+1'), exactMaxVms: 0 })).toMatchObject({ lowerBound: 3, bestFound: 4, optimal: false, strategy: 'first-fit' });
    const result = sizeForModel(c, 'm', options('n+1'));
    expect(result).toMatchObject({ lowerBound: 4, bestFound: 4, optimal: true, strategy: 'first-fit', timedOut: false });
    expect(result.boundBy.at(-1)).toEqual({ bound: 'exact', resource: null, nodes: 4 });
    expect(result.exact).toMatchObject({ vms: 4, maxVms: 40, tried: [{ nodes: 3, outcome: 'infeasible', stoppedBy: null }] });
  });

  it('the exact search finds what every strategy misses: [3, 4] becomes 3 (optimal)', () => {
    // 6 GiB nodes; fill1 3, fill2 3, big 5, tiny 1 (not HA) and ha 3 (HA): 15 GiB.
    // capacity ceil(15 / 6) = 3; packing {5, 1}, {3, 3}, {3} = 3; failover 1 + ceil(3 / 6) = 2.
    // Three nodes leave 3 GiB free in all, and ha needs 3 free on a survivor: the layout must be
    // {big, tiny}, {fill, ha}, {fill}. Every strategy pairs the two fills instead (they come
    // before ha: input order, or equal sizes in input order) or spreads, leaving no 3 GiB hole:
    //   first-fit, ffd, best-fit: {fill1, fill2} or {big, tiny}, {fill, fill}, {ha}: ha's node
    //   fails, the others are full;
    //   worst-fit, dot-product (prefers the most free room), balanced: big, fill1, fill2 on three
    //   nodes, ha beside a fill (6 either way, first by name), tiny beside the other fill: free
    //   1, 0, 2.
    // With four nodes first fit works: {fill1, fill2}, {big, tiny}, {ha}, {} (ha restarts on the empty node).
    const vms = [vm('fill1').memGiB(3).notHa(), vm('fill2').memGiB(3).notHa(), vm('big').memGiB(5).notHa(), vm('ha').memGiB(3), vm('tiny').memGiB(1).notHa()];
    const c = cluster().nodes(node('m').threads(64).memGiB(6)).vms(...vms).build();
    expect(sizeForModel(c, 'm', { ...options('n+1'), exactMaxVms: 4 })).toMatchObject({ lowerBound: 3, bestFound: 4, optimal: false, exact: { vms: 5, maxVms: 4, tried: [] } });
    const result = sizeForModel(c, 'm', options('n+1'));
    expect(result).toMatchObject({ lowerBound: 3, bestFound: 3, optimal: true, strategy: 'exact search' });
    expect(result.exact.tried).toMatchObject([{ nodes: 3, outcome: 'found', stoppedBy: null }]);
  });

  it('reports the nodes of the exact search against its budget, and the result does not depend on it', () => {
    // The [3, 4] case above: the search on 3 nodes is the only one, and proves it infeasible.
    const c = cluster().nodes(node('m').threads(64).memGiB(16)).vms(vm('web').memGiB(10), vm('db').memGiB(12), vm('batch').memGiB(9).notHa(), vm('small').memGiB(2)).build();
    const reports: Array<[number, number]> = [];
    const heard = sizeForModel(c, 'm', { ...options('n+1'), onProgress: (done, total) => reports.push([done, total]) });
    expect(heard).toEqual(sizeForModel(c, 'm', options('n+1')));
    const spent = heard.exact.tried[0]!.searchNodes;
    expect(reports.at(-1)).toEqual([spent, spent]);
    for (const [done, total] of reports) expect(done).toBeLessThanOrEqual(Math.min(total, 1_000_000));
  });

  it('an exact search stopped by its budget leaves the interval open and says so', () => {
    const c = cluster().nodes(node('m').threads(64).memGiB(16)).vms(vm('web').memGiB(10), vm('db').memGiB(12), vm('batch').memGiB(9).notHa(), vm('small').memGiB(2)).build();
    const result = sizeForModel(c, 'm', { ...options('n+1'), exactBudget: 1 });
    expect(result).toMatchObject({ lowerBound: 3, bestFound: 4, optimal: false, timedOut: false });
    expect(result.exact.tried).toEqual([{ nodes: 3, outcome: 'unknown', stoppedBy: 'budget', searchNodes: 1 }]);
  });
});
