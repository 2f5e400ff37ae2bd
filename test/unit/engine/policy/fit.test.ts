import { describe, expect, it } from 'vitest';
import type { VmClass } from '../../../../src/engine/model/cluster.js';
import { fitUnits } from '../../../../src/engine/policy/fit.js';
import { strategyNamed } from '../../../../src/engine/placement/plan.js';
import { cluster, node } from '../../../support/builders.js';
import { fitTable, renderFits } from '../../../../src/io/output/formatters/fit.js';
import { textTable } from '../../../../src/io/output/tables.js';

const small: VmClass = {
  name: 'small', description: '', vcpus: 1, memGiB: 4, diskGiB: 0, pool: 'shared', gpus: 0, gpuModel: null,
  antiAffinity: null, affinity: null, ha: true, haPriority: 0,
};
// Three empty nodes of 16 GiB (64 threads: CPU never binds); one vote each, so one failure keeps quorum.
const three = cluster().nodes(node('a').threads(64).memGiB(16), node('b').threads(64).memGiB(16), node('c').threads(64).memGiB(16)).build();
const nPlusOne = { scenarios: 'n+1' as const, strictSpof: false, maxUtilAfterFailover: null, threshold: false };

describe('fit', () => {
  it('first-fit: 8 small VMs keep N+1, the 9th breaks it when a fails', () => {
    // 8 VMs: a 4, b 4, c 0. Fail a or b: its 4 VMs (16 GiB) restart on c (16 free). Holds.
    // 9 VMs: a 4, b 4, c 1. Fail a: 4 VMs need 16 GiB; b has 0 free, c 12: 3 restart, 1 is lost.
    const result = fitUnits(three, strategyNamed('first-fit'), [{ vmClass: small, count: 1 }], nPlusOne);
    expect(result.count).toBe(8);
    expect(result.proof).toMatchObject({ holdsAt: 8, failsAt: 9, scenariosChecked: 3, binding: { kind: 'failover', scenario: 'a', reason: 'no-capacity', resource: 'memGiB' } });
    expect(result.placements.map((p) => p.node)).toEqual(['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b']);
  });

  it('balanced: the same 8, spread 3-3-2, the 9th (3-3-3) loses one VM', () => {
    // 8 VMs spread 3,3,2: fail a: 3 VMs into b (4 free: 1) and c (8 free: 2). Holds.
    // 9 VMs 3,3,3: fail a: b and c have 4 free each, 2 restart, 1 is lost.
    const result = fitUnits(three, strategyNamed('balanced'), [{ vmClass: small, count: 1 }], nPlusOne);
    expect(result.count).toBe(8);
    expect(result.proof.binding).toMatchObject({ kind: 'failover', resource: 'memGiB' });
  });

  it('counts whole mixes: 2 small per unit gives 4 units (the same 8 VMs)', () => {
    const result = fitUnits(three, strategyNamed('first-fit'), [{ vmClass: small, count: 2 }], nPlusOne);
    expect([result.unit, result.vmsPerUnit, result.count]).toEqual(['small:2', 2, 4]);
  });

  it('an anti-affinity class stops at one per node: placement binds, by a rule', () => {
    // The 4th member has no node without a member. After a failure, a member cannot restart
    // (every survivor runs one): a structural risk, not a capacity breach, so N+1 holds at 3.
    const spread = { ...small, name: 'spread', antiAffinity: 'g' };
    const result = fitUnits(three, strategyNamed('first-fit'), [{ vmClass: spread, count: 1 }], nPlusOne);
    expect(result.count).toBe(3);
    expect(result.proof.binding).toMatchObject({ kind: 'placement', vm: '+spread-4', resource: 'rule' });
  });

  it('nothing fits when the policy is broken today, and says why', () => {
    // An existing 12 GiB VM on a: if a fails, b and c (16 GiB) take it; but make b and c 8 GiB.
    const tight = cluster()
      .nodes(node('a').threads(64).memGiB(16), node('b').threads(64).memGiB(8), node('c').threads(64).memGiB(8))
      .vms({ name: 'big', className: 'x', vcpus: 1, memGiB: 12, diskGiB: 0, pool: 'shared', gpus: 0, gpuModel: null, antiAffinity: null, affinity: null, ha: true, haPriority: 0, currentNode: 'a', replication: null })
      .build();
    const result = fitUnits(tight, strategyNamed('first-fit'), [{ vmClass: small, count: 1 }], nPlusOne);
    expect(result.holdsToday).toBe(false);
    expect(result.count).toBe(0);
    expect(result.proof.binding).toMatchObject({ kind: 'failover', scenario: 'a', vm: 'big', reason: 'no-capacity' });
  });

  it('a class that fits more than 10,000: the exact count and its proof, no cap', () => {
    // 20,004 GiB per node holds 5,001 VMs of 4 GiB (CPU: 8,000 threads, never binds). First fit
    // fills a and b: 10,002 VMs, c empty; when a fails its 5,001 VMs restart on c (5,001 free).
    // 10,003 puts one on c: when a fails, c has room for 5,000 of a's 5,001, one is lost.
    const roomy = cluster().nodes(node('a').threads(8000).memGiB(20_004), node('b').threads(8000).memGiB(20_004), node('c').threads(8000).memGiB(20_004)).build();
    const result = fitUnits(roomy, strategyNamed('first-fit'), [{ vmClass: small, count: 1 }], nPlusOne);
    expect(result.count).toBe(10_002);
    expect(result.proof).toMatchObject({ holdsAt: 10_002, failsAt: 10_003, binding: { kind: 'failover', scenario: 'a', reason: 'no-capacity', resource: 'memGiB' } });
  });

  it('a policy that never breaks, on a strategy that never refuses: the search limit is reported, not a count', () => {
    // pve-basic does not check CPU or memory and the class needs no disk or GPU, so every VM
    // places; an empty scenario list always holds, and three 1,000 GiB nodes never overload
    // (100 × 4 GiB spread by guest count: 34 × 4 = 136 GiB at most on one node). Nothing bounds
    // the count but the search limit.
    const big = cluster().nodes(node('a').threads(64).memGiB(1000), node('b').threads(64).memGiB(1000), node('c').threads(64).memGiB(1000)).build();
    const never = { scenarios: [] as const, strictSpof: false, maxUtilAfterFailover: null, threshold: false };
    const result = fitUnits(big, strategyNamed('pve-basic'), [{ vmClass: small, count: 1 }], never, 100);
    expect([result.count, result.placements.length]).toEqual([100, 100]);
    expect(result.proof).toEqual({ holdsAt: 100, failsAt: null, scenariosChecked: 0, binding: null });
    expect(renderFits([result]).split('\n').slice(0, 2)).toEqual([
      'at least 100 more small fit while list of 0 holds (strategy pve-basic).',
      'Proof: with 100 added, all 0 failure scenarios hold; the search stops there, at its limit of 100 new VMs, so more may fit.',
    ]);
    expect(fitTable([result], textTable)).toContain('at least 100');
  });
});
