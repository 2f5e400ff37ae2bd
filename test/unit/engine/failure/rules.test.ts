import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../../../src/engine/model/cluster.js';
import { failureContext } from '../../../../src/engine/failure/context.js';
import { describeScenario } from '../../../../src/engine/failure/describe.js';
import { simulateFailure } from '../../../../src/engine/failure/simulate.js';
import { planPlacement, strategyNamed } from '../../../../src/engine/placement/plan.js';
import { cluster, localPool, node, sharedPool, vm } from '../../../support/builders.js';

function fail(c: Cluster, ...names: string[]) {
  const placed = planPlacement(c, 'first-fit');
  const context = failureContext(placed.state, strategyNamed('first-fit'));
  const failed = names.map((name) => placed.index.nodeIndex.get(name)!);
  return describeScenario(context, { failed: names, label: names.join('+') }, simulateFailure(context, failed, true)).vms;
}

describe('failure rules', () => {
  it('a local disk VM restarts only on its replica node, with the replication interval as data-loss window', () => {
    const c = cluster()
      .nodes(node('a'), node('b'), node('c'))
      .pools(localPool('nvme', { a: 100, b: 100, c: 100 }))
      .vms(vm('replicated').disk(10, 'nvme').on('a').replicatedTo('c', 5), vm('single').disk(10, 'nvme').on('a'))
      .build();
    expect(fail(c, 'a')).toEqual([
      { vm: 'replicated', state: 'restarted', node: 'c', from: 'a', dataLossWindowMinutes: 5 },
      { vm: 'single', state: 'down', node: null, from: 'a', reason: 'local-disk' },
    ]);
  });

  it('anti-affinity is the reason when a node has room but already runs a group member', () => {
    // a fails; w1 could fit on b by capacity, but w2 is there. b holds 2 of 3 votes: quorate.
    const c = cluster().nodes(node('a'), node('b').votes(2)).vms(vm('w1').group('g').on('a'), vm('w2').group('g').on('b')).build();
    expect(fail(c, 'a')[0]).toMatchObject({ vm: 'w1', state: 'down', reason: 'anti-affinity' });
  });

  it('node-affinity is the reason when every allowed node is down', () => {
    // 5 nodes so that losing two keeps quorum (3 of 5).
    const c = cluster().nodes(node('a'), node('b'), node('c'), node('d'), node('e')).vms(vm('pinned').pin('a', 'b').on('a')).build();
    expect(fail(c, 'a')[0]).toMatchObject({ state: 'restarted', node: 'b' });
    expect(fail(c, 'a', 'b')[0]).toMatchObject({ state: 'down', reason: 'node-affinity' });
  });

  it('no-capacity carries the surviving nodes\' reasons', () => {
    // a: big 40 GiB; b has 64 − 30 = 34 GiB free. b holds 2 of 3 votes: quorate.
    const c = cluster().nodes(node('a'), node('b').votes(2)).vms(vm('big').memGiB(40).on('a'), vm('other').memGiB(30).on('b')).build();
    expect(fail(c, 'a')[0]).toEqual({
      vm: 'big',
      state: 'down',
      node: null,
      from: 'a',
      reason: 'no-capacity',
      rejections: [{ node: 'b', reasons: [{ code: 'insufficient', resource: 'memGiB', requested: 40, free: 34, capacity: 64 }] }],
    });
  });

  it('restarts in HA priority order: the higher priority takes the last room', () => {
    // a (128 GiB) runs low (prio 1) and high (prio 9), 40 GiB each; b (64 GiB) has room for one.
    // low comes first in input order, so only the priority can put high first.
    const fits = cluster()
      .nodes(node('a').memGiB(128), node('b').votes(2))
      .vms(vm('low').memGiB(40).priority(1).on('a'), vm('high').memGiB(40).priority(9).on('a'))
      .build();
    expect(fail(fits, 'a').map((o) => `${o.vm}:${o.state}`)).toEqual(['low:down', 'high:restarted']);
  });

  it('without quorum only nodes that run HA VMs fence themselves', () => {
    // 5 nodes, 3 fail: 2 of 5 votes. d runs an HA VM (fences), e runs only a non-HA VM (keeps running).
    const c = cluster()
      .nodes(node('a'), node('b'), node('c'), node('d'), node('e'))
      .vms(vm('x').on('a'), vm('ha-on-d').on('d'), vm('plain-on-d').notHa().on('d'), vm('plain-on-e').notHa().on('e'))
      .build();
    expect(fail(c, 'a', 'b', 'c').map((o) => (o.state === 'down' ? `${o.vm}:${o.reason}` : `${o.vm}:${o.state}`))).toEqual([
      'x:no-quorum',
      'ha-on-d:fenced',
      'plain-on-d:fenced',
      'plain-on-e:running',
    ]);
  });

  it('a storage server failure stops its pool\'s VMs on other nodes too', () => {
    const c = cluster()
      .nodes(node('a').votes(2), node('s'))
      .pools(sharedPool('zfs', 1000, 's', ['a', 's']), localPool('nvme', { a: 100 }))
      .vms(vm('on-zfs').disk(10, 'zfs').on('a'), vm('on-nvme').disk(10, 'nvme').on('a'))
      .build();
    expect(fail(c, 's').map((o) => `${o.vm}:${o.state}`)).toEqual(['on-zfs:down', 'on-nvme:running']);
  });
});
