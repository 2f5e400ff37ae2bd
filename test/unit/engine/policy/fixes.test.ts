import { describe, expect, it } from 'vitest';
import { fixesFor } from '../../../../src/engine/policy/fixes.js';
import { loadScenario } from '../../../../src/io/loaders/scenario.js';
import { PROPOSED_LAB } from '../../../support/scenario-files.js';
import { cluster, node, vm } from '../../../support/builders.js';

const POLICY = { scenarios: 'n+1' as const, strictSpof: false, maxUtilAfterFailover: null, threshold: true };

describe('fixes for a VM that does not fit', () => {
  it('the proposed lab: what makes node01\'s failure survivable for k8s-worker3, cheapest first', () => {
    // node01 fails; k8s-worker3 (32 GiB) is kept apart from worker1 (node04) and worker2 (node05).
    // node02 has 62 - 44 = 18 GiB free, node03 62 - 40 = 22: short 14 and 10 GiB.
    // Moves: the smallest VM whose memory covers the shortfall: app1 (16 >= 14) on node02, app2
    // (16 >= 10) on node03; each to node05, the roomiest node its rules allow. 16 GiB each.
    const fixes = fixesFor(loadScenario(PROPOSED_LAB), 'balanced', POLICY, 'k8s-worker3', ['node01']);
    expect(fixes.fixes).toEqual([
      { kind: 'move-vm', vm: 'app1', from: 'node02', to: 'node05', gib: 16 },
      { kind: 'move-vm', vm: 'app2', from: 'node03', to: 'node05', gib: 16 },
      { kind: 'grow-node', node: 'node03', addMemGiB: 10, addThreads: 0, addGpus: 0 },
      { kind: 'grow-node', node: 'node02', addMemGiB: 14, addThreads: 0, addGpus: 0 },
      { kind: 'add-node', like: 'node01', count: 1 },
      { kind: 'relax-rule', rule: 'anti-affinity group k8s-workers and HA rule k8s-workers-apart', what: 'anti-affinity-group' },
    ]);
    expect(fixes.cheapest).toEqual(fixes.fixes[0]);
  });

  it('an unplaced VM: grow a node by the shortfall, or add a node like it; no move helps', () => {
    // a and b (64 GiB) run x and y (40 each): 24 free on each, z asks 40. Moving x or y finds no
    // node with 40 free. Growing a or b by 40 - 24 = 16 GiB, or a third node, places z.
    const c = cluster()
      .nodes(node('a'), node('b'))
      .vms(vm('x').memGiB(40).on('a'), vm('y').memGiB(40).on('b'), vm('z').memGiB(40))
      .build();
    const before = JSON.stringify(c);
    const fixes = fixesFor(c, 'first-fit', POLICY, 'z', []);
    expect(fixes.fixes).toEqual([
      { kind: 'grow-node', node: 'a', addMemGiB: 16, addThreads: 0, addGpus: 0 },
      { kind: 'grow-node', node: 'b', addMemGiB: 16, addThreads: 0, addGpus: 0 },
      { kind: 'add-node', like: 'a', count: 1 },
    ]);
    expect(JSON.stringify(c)).toBe(before);
  });
});
