import { describe, expect, it } from 'vitest';
import { scenarioDiffSummary } from '../../../../src/engine/report/explain.js';
import { diffScenarios } from '../../../../src/engine/report/scenario-diff.js';
import { cluster, node, vm } from '../../../support/builders.js';

describe('diffScenarios', () => {
  const before = cluster()
    .nodes(node('a').threads(32).memGiB(128), node('b').threads(32).memGiB(128))
    .vms(vm('web').vcpus(2).memGiB(4).on('a'), vm('db').vcpus(8).memGiB(32).on('b'))
    .build();

  it('nodes added, removed and resized, with the totals', () => {
    const after = cluster()
      .nodes(node('a').threads(64).memGiB(256), node('c').threads(16).memGiB(64))
      .vms(vm('web').vcpus(2).memGiB(4).on('a'), vm('db').vcpus(8).memGiB(32).on('a'))
      .build();
    const diff = diffScenarios(before, after);
    expect(diff.nodes).toEqual({
      added: [{ name: 'c', cpuThreads: 16, memGiB: 64, gpus: 0, votes: 1 }],
      removed: [{ name: 'b', cpuThreads: 32, memGiB: 128, gpus: 0, votes: 1 }],
      resized: [{ name: 'a', before: { cpuThreads: 32, memGiB: 128, gpus: 0, votes: 1 }, after: { cpuThreads: 64, memGiB: 256, gpus: 0, votes: 1 } }],
    });
    expect(diff.guests.moved).toEqual([{ name: 'db', from: 'b', to: 'a' }]);
    // threads 64 + 16 - (32 + 32) = +16; memory 256 + 64 - (128 + 128) = +64
    expect(scenarioDiffSummary(diff)).toBe('since last: 1 moved; nodes 1 added, 1 removed, 1 resized (+16 threads, +64 GiB)');
  });

  it('a guest removed shrinks the totals', () => {
    const after = cluster().nodes(node('a').threads(32).memGiB(128), node('b').threads(32).memGiB(128)).vms(vm('web').vcpus(2).memGiB(4).on('a')).build();
    // db: 8 vCPU, 32 GiB gone
    expect(scenarioDiffSummary(diffScenarios(before, after))).toBe('since last: -1 VMs, -8 vCPU, -32 GiB memory; 1 removed');
  });
});
