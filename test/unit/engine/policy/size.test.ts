import { describe, expect, it } from 'vitest';
import { sizeForModel } from '../../../../src/engine/policy/size.js';
import { cluster, node, vm } from '../../../support/builders.js';

const options = (scenarios: 'n+1' | 'n+2') => ({ policy: { scenarios, strictSpof: false, maxUtilAfterFailover: null }, now: () => 0, deadline: 1, maxNodes: 50 });

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
    ]);
    expect(result).toMatchObject({ lowerBound: 3, bestFound: 3, optimal: true, unhostable: [] });
  });

  it('N+2 adds a node: 2 + ceil(24 / 16) = 4', () => {
    const c = cluster().nodes(node('m').threads(64).memGiB(16)).vms(...[1, 2, 3, 4, 5, 6].map((i) => vm(`v${i}`).memGiB(4))).build();
    expect(sizeForModel(c, 'm', options('n+2'))).toMatchObject({ lowerBound: 4, bestFound: 4, optimal: true });
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
    // web alone: capacity 1, failover 1 + 1 = 2.
    expect(result).toMatchObject({ lowerBound: 2, bestFound: 2 });
  });

  it('stops at the deadline and reports the interval it has', () => {
    const c = cluster().nodes(node('m').memGiB(16)).vms(vm('v').memGiB(4)).build();
    const result = sizeForModel(c, 'm', { ...options('n+1'), now: () => 10, deadline: 5 });
    expect(result).toMatchObject({ bestFound: null, timedOut: true, optimal: false });
  });
});
