import { describe, expect, it } from 'vitest';
import { scoreNodesBasic } from '../../../../src/engine/proxmox/scheduler-basic.js';
import { scoreNodesStatic } from '../../../../src/engine/proxmox/scheduler-static.js';

const GIB = 1024 ** 3;

describe('scoreNodesBasic', () => {
  it('puts the node with fewest services first, ties by byte-wise name', () => {
    const ranked = scoreNodesBasic([
      { name: 'node2', services: 1 },
      { name: 'node10', services: 1 },
      { name: 'node3', services: 0 },
    ]);
    // 'node10' < 'node2' byte-wise ('1' < '2'), unlike natural order.
    expect(ranked).toEqual([
      { name: 'node3', score: -0 },
      { name: 'node10', score: -1 },
      { name: 'node2', score: -1 },
    ]);
  });
});

describe('scoreNodesStatic', () => {
  it('prefers the node that leaves the cluster evenest', () => {
    // Both nodes 4 cores / 4 GiB; node1 already uses 2 cores / 2 GiB. Service: 2 cores / 2 GiB.
    // On node1: cpu fractions [1, 0] -> rms sqrt(1/2) = 0.7071, peak 1; memory the same.
    // On node2: fractions [0.5, 0.5] -> rms 0.5, peak 0.5. node2 is better on every criterion,
    // so it is the ideal best (closeness 1) and node1 the ideal worst (closeness 0).
    const ranked = scoreNodesStatic(
      [
        { name: 'node1', maxCpu: 4, maxMemBytes: 4 * GIB, usedCpu: 2, usedMemBytes: 2 * GIB },
        { name: 'node2', maxCpu: 4, maxMemBytes: 4 * GIB, usedCpu: 0, usedMemBytes: 0 },
      ],
      { cpu: 2, memBytes: 2 * GIB },
    );
    expect(ranked).toEqual([{ name: 'node2', score: 1 }, { name: 'node1', score: 0 }]);
  });

  it('weighs memory above cpu', () => {
    // node1 is fuller in cpu (3 of 4 cores), node2 in memory (3 of 4 GiB); service 1 core, 1 GiB.
    // Memory criteria weigh 15/18, cpu 3/18, so adding to node1 (memory stays even) wins.
    const ranked = scoreNodesStatic(
      [
        { name: 'node1', maxCpu: 4, maxMemBytes: 4 * GIB, usedCpu: 3, usedMemBytes: GIB },
        { name: 'node2', maxCpu: 4, maxMemBytes: 4 * GIB, usedCpu: 1, usedMemBytes: 3 * GIB },
      ],
      { cpu: 1, memBytes: GIB },
    );
    expect(ranked.map((node) => node.name)).toEqual(['node1', 'node2']);
    // Alternatives: node1 = [1+0.7289, 1+1, 1+0.6374, 1+0.75], node2 = [1+0.6374, 1+0.75, 1+0.7289, 1+1]
    // (rms of [1, 0.25] is 0.7289, of [0.5, 0.75] 0.6374). Each column holds the same two values,
    // so node1 is ideal on memory and worst on cpu and node2 the reverse: with C and M the weighted
    // cpu and memory distances, closeness(node1) = M/(C+M), closeness(node2) = C/(C+M), sum 1.
    expect(ranked[0]!.score + ranked[1]!.score).toBeCloseTo(1, 12);
  });

  it('breaks exact ties by byte-wise node name', () => {
    const empty = { maxCpu: 8, maxMemBytes: 8 * GIB, usedCpu: 0, usedMemBytes: 0 };
    const ranked = scoreNodesStatic([{ name: 'node2', ...empty }, { name: 'node10', ...empty }], { cpu: 1, memBytes: GIB });
    expect(ranked.map((node) => node.name)).toEqual(['node10', 'node2']);
  });

  it('counts a service without a cpu limit as all cores of the candidate', () => {
    // node1 has 2 cores, node2 has 8: an unlimited service fills node1 completely (fraction 1)
    // but node2 too (8/8), so cpu ties and the equal memory ties: name decides.
    const ranked = scoreNodesStatic(
      [
        { name: 'node1', maxCpu: 2, maxMemBytes: 8 * GIB, usedCpu: 0, usedMemBytes: 0 },
        { name: 'node2', maxCpu: 8, maxMemBytes: 8 * GIB, usedCpu: 0, usedMemBytes: 0 },
      ],
      { cpu: 0, memBytes: GIB },
    );
    expect(ranked.map((node) => node.name)).toEqual(['node1', 'node2']);
    expect(ranked[0]!.score).toBe(0);
  });

  it('does not modify its input', () => {
    const nodes = [{ name: 'node1', maxCpu: 4, maxMemBytes: GIB, usedCpu: 1, usedMemBytes: 1 }];
    const copy = structuredClone(nodes);
    scoreNodesStatic(nodes, { cpu: 1, memBytes: 1 });
    expect(nodes).toEqual(copy);
  });
});
