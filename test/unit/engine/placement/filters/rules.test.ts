import { describe, expect, it } from 'vitest';
import { indexCluster } from '../../../../../src/engine/model/cluster-index.js';
import { assign, emptyState } from '../../../../../src/engine/model/state.js';
import { antiAffinity } from '../../../../../src/engine/placement/filters/anti-affinity.js';
import { gpuModel } from '../../../../../src/engine/placement/filters/gpu-model.js';
import { nodeAffinity } from '../../../../../src/engine/placement/filters/node-affinity.js';
import { storageReachable } from '../../../../../src/engine/placement/filters/storage-reachable.js';
import { cluster, localPool, node, sharedPool, vm } from '../../../../support/builders.js';

describe('hard-rule filters', () => {
  it('anti-affinity rejects a node that runs a VM of the same group, naming it', () => {
    const state = emptyState(indexCluster(cluster().nodes(node('a'), node('b')).vms(vm('w1').group('k8s'), vm('w2').group('k8s'), vm('x')).build()));
    assign(state, 0, 0);
    expect(antiAffinity.passes(state, 1, 0)).toBe(false);
    expect(antiAffinity.explain(state, 1, 0)).toEqual([{ code: 'anti-affinity', group: 'k8s', conflictsWith: ['w1'] }]);
    expect(antiAffinity.passes(state, 1, 1)).toBe(true);
    expect(antiAffinity.passes(state, 2, 0)).toBe(true); // no group, no rule
  });

  it('strict node affinity passes only the named nodes', () => {
    const state = emptyState(indexCluster(cluster().nodes(node('a'), node('b')).vms(vm('p').pin('b')).build()));
    expect([nodeAffinity.passes(state, 0, 0), nodeAffinity.passes(state, 0, 1)]).toEqual([false, true]);
    expect(nodeAffinity.explain(state, 0, 0)).toEqual([{ code: 'node-affinity', allowed: ['b'] }]);
  });

  it('preferred affinity is not a filter', () => {
    const state = emptyState(indexCluster(cluster().nodes(node('a'), node('b')).vms(vm('p').prefer('b')).build()));
    expect(nodeAffinity.passes(state, 0, 0)).toBe(true);
  });

  it('storage: a local pool is reachable only on its nodes, a shared pool needs its server up', () => {
    const c = cluster()
      .nodes(node('a'), node('b'), node('s'))
      .pools(localPool('nvme', { a: 10 }), sharedPool('zfs', 100, 's', ['a', 'b', 's']))
      .vms(vm('local').disk(1, 'nvme'), vm('shared').disk(1, 'zfs'))
      .build();
    const state = emptyState(indexCluster(c));
    expect([storageReachable.passes(state, 0, 0), storageReachable.passes(state, 0, 1)]).toEqual([true, false]);
    expect(storageReachable.explain(state, 0, 1)).toEqual([{ code: 'storage-unreachable', pool: 'nvme' }]);
    state.nodeUp[2] = 0;
    expect(storageReachable.passes(state, 1, 0)).toBe(false);
    expect(storageReachable.explain(state, 1, 0)).toEqual([{ code: 'storage-offline', pool: 'zfs', servedBy: 's' }]);
  });

  it('gpu model: a VM asking for a model runs only where it is installed', () => {
    const c = cluster().nodes(node('a').gpus(1, 'a4000'), node('b').gpus(1, 'l40')).vms(vm('ml').gpus(1, 'l40'), vm('any').gpus(1)).build();
    const state = emptyState(indexCluster(c));
    expect([gpuModel.passes(state, 0, 0), gpuModel.passes(state, 0, 1)]).toEqual([false, true]);
    expect(gpuModel.explain(state, 0, 0)).toEqual([{ code: 'gpu-model', requested: 'l40', available: 'a4000' }]);
    expect([gpuModel.passes(state, 1, 0), gpuModel.passes(state, 1, 1)]).toEqual([true, true]);
  });
});
