import { describe, expect, it } from 'vitest';
import { indexCluster } from '../../../../../src/engine/model/cluster-index.js';
import { assign, emptyState } from '../../../../../src/engine/model/state.js';
import { capacity } from '../../../../../src/engine/placement/filters/capacity.js';
import { cluster, localPool, node, vm } from '../../../../support/builders.js';

describe('capacity filter', () => {
  // pve1: 4 threads × overcommit 2 = 8 vCPU; 16 GiB − 2 reserved = 14 GiB; local pool 100 GiB; 1 GPU.
  const build = (...vms: ReturnType<typeof vm>[]) =>
    emptyState(
      indexCluster(
        cluster()
          .nodes(node('pve1').threads(4).memGiB(16).reservedGiB(2).gpus(1))
          .pools(localPool('local', { pve1: 100 }))
          .policy({ cpuOvercommit: 2 })
          .vms(...vms)
          .build(),
      ),
    );

  it('passes a VM that exactly fills every resource (equal edge case)', () => {
    const state = build(vm('all').vcpus(8).memGiB(14).disk(100, 'local').gpus(1));
    expect(capacity.passes(state, 0, 0)).toBe(true);
  });

  it('reports every short resource with requested, free and capacity', () => {
    // base uses 6 vCPU, 10 GiB, 80 GiB; big asks 3 vCPU (free 8−6=2), 5 GiB (free 14−10=4), 30 GiB (free 100−80=20), 2 GPUs (free 1).
    const state = build(vm('base').vcpus(6).memGiB(10).disk(80, 'local'), vm('big').vcpus(3).memGiB(5).disk(30, 'local').gpus(2));
    assign(state, 0, 0);
    expect(capacity.passes(state, 1, 0)).toBe(false);
    expect(capacity.explain(state, 1, 0)).toEqual([
      { code: 'insufficient', resource: 'cpu', requested: 3, free: 2, capacity: 8 },
      { code: 'insufficient', resource: 'memGiB', requested: 5, free: 4, capacity: 14 },
      { code: 'insufficient', resource: 'diskGiB', requested: 30, free: 20, capacity: 100 },
      { code: 'insufficient', resource: 'gpus', requested: 2, free: 1, capacity: 1 },
    ]);
  });

  it('reports only the resource that is short', () => {
    // base uses 12 of 14 GiB; next asks 3 GiB > 2 free, everything else fits.
    const state = build(vm('base').memGiB(12).disk(0, 'local'), vm('next').memGiB(3).disk(0, 'local'));
    assign(state, 0, 0);
    expect(capacity.explain(state, 1, 0)).toEqual([{ code: 'insufficient', resource: 'memGiB', requested: 3, free: 2, capacity: 14 }]);
  });
});
