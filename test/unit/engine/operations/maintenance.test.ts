import { describe, expect, it } from 'vitest';
import { planMaintenance, type MaintenancePlan } from '../../../../src/engine/operations/maintenance.js';
import { cluster, localPool, node, sharedPool, vm } from '../../../support/builders.js';

const moveList = (plan: MaintenancePlan, wave: number) => plan.waves[wave]!.moves.map((m) => `${m.vm} ${m.from}->${m.to ?? 'off'} ${m.kind}${m.parking ? ' parking' : ''}`);

describe('maintenance: evacuation of one wave', () => {
  it('a parking move makes room when no node takes the VM directly, with durations over the slower link', () => {
    // Memory 64 GiB each (overcommit 1, no reservation). a runs v1 (40), b runs v2 (40), c runs
    // v3 and v4 (20 each). With a down, v1 needs 40 free: b has 64 - 40 = 24, c 64 - 40 = 24.
    // Parking: b refuses v1 for room only, but its one VM v2 (40) fits nowhere else (c has 24);
    // on c, the smaller v3 (20) moves to b (24 free), leaving 44 on c for v1.
    const c = cluster()
      .nodes(node('a').net(10), node('b').net(10), node('c').net(2.5))
      .vms(vm('v1').memGiB(40).on('a'), vm('v2').memGiB(40).on('b'), vm('v3').memGiB(20).on('c'), vm('v4').memGiB(20).on('c'))
      .build();
    const before = JSON.stringify(c);
    const plan = planMaintenance(c, 'first-fit', { maxParallel: 1, keep: 'none', rebootSeconds: 300 });
    const waveOfA = plan.waves.findIndex((w) => w.nodes.includes('a'));
    expect(moveList(plan, waveOfA)).toEqual(['v3 c->b live parking', 'v1 a->c live']);
    const wave = plan.waves[waveOfA]!;
    // v3 c->b: 20 GiB × 8.589934592 Gb/GiB / min(2.5, 10) Gb/s = 68.72 s; v1 a->c: 40 × 8.589934592 / 2.5 = 137.44 s.
    expect(wave.moves.map((m) => m.seconds)).toEqual([68.7, 137.4]);
    // Evacuate 68.7 + 137.4 = 206.1 s, reboot 300 s, the same moves back 206.1 s: 712.2 s; 20 + 40 = 60 GiB moved.
    expect([wave.evacuateSeconds, wave.returnSeconds, wave.durationSeconds, wave.gibMoved]).toEqual([206.1, 206.1, 712.2, 60]);
    expect(JSON.stringify(c)).toBe(before);
  });

  it('says which kind each move is: live (shared disk), offline copy (local disk, its GiB), shutdown (passthrough GPU)', () => {
    const c = cluster()
      .nodes(node('a').gpus(1, 'a4000'), node('b'), node('c'))
      .pools(localPool('local', { a: 500, b: 500, c: 500 }), sharedPool('shared', 1000, null, ['a', 'b', 'c']))
      .vms(
        vm('web').memGiB(8).on('a'),
        vm('db').memGiB(4).disk(100, 'local').on('a'),
        vm('ml').memGiB(4).gpus(1, 'a4000').on('a'),
      )
      .build();
    const plan = planMaintenance(c, 'first-fit', { maxParallel: 1, keep: 'none', rebootSeconds: 300 });
    const wave = plan.waves.find((w) => w.nodes.includes('a'))!;
    // Largest memory first: web (8), then db and ml (4 each, input order). ml's GPU exists only on a.
    expect(wave.moves.map((m) => [m.vm, m.kind, m.to, m.gib])).toEqual([
      ['web', 'live', 'b', 8],
      ['db', 'offline-copy', 'b', 100],
      ['ml', 'shutdown', null, 0],
    ]);
    expect(wave.stopped).toEqual([{ vm: 'ml', ha: true, node: 'a', cause: { code: 'passthrough', gpus: 1, gpuModel: 'a4000' } }]);
  });
});

describe('maintenance: waves and the guarantee', () => {
  const fiveSmallNodes = () =>
    cluster()
      .nodes(...['n1', 'n2', 'n3', 'n4', 'n5'].map((name) => node(name)))
      .vms(...['n1', 'n2', 'n3', 'n4', 'n5'].map((name, i) => vm(`v${i + 1}`).memGiB(4).on(name)))
      .build();

  it('five nodes, two at a time: 3 waves (ceil(5 / 2)); three at a time is refused by quorum, so still 3', () => {
    // 2 down leave 3 of 5 votes (2 × 3 > 5: quorate); 3 down leave 2 (2 × 2 < 5: lost).
    for (const maxParallel of [2, 3]) {
      const plan = planMaintenance(fiveSmallNodes(), 'first-fit', { maxParallel, keep: 'none', rebootSeconds: 60 });
      expect(plan.waves.map((w) => w.nodes.length)).toEqual([2, 2, 1]);
      expect(plan.holds).toBe(true);
    }
  });

  it('n+1 while a wave is down: five nodes keep it one at a time, a lone third node cannot (quorum)', () => {
    // One node down for maintenance and one more failing leave 3 of 5 votes: quorate; 4 GiB VMs
    // fit anywhere. With three nodes, 1 of 3 votes remains: quorum lost, the policy breaks.
    const five = planMaintenance(fiveSmallNodes(), 'first-fit', { maxParallel: 1, keep: 'n+1', rebootSeconds: 60 });
    expect([five.holds, five.waves.length]).toEqual([true, 5]);
    const three = cluster()
      .nodes(node('a'), node('b'), node('c'))
      .vms(vm('v').memGiB(4).on('a'))
      .build();
    const plan = planMaintenance(three, 'first-fit', { maxParallel: 1, keep: 'n+1', rebootSeconds: 60 });
    expect(plan.holds).toBe(false);
    const blocker = plan.waves[0]!.blockers[0]!;
    expect(blocker.code === 'failover-breach' && blocker.breach.quorate).toBe(false);
  });

  it('an HA VM pinned to the wave node blocks n+1 and is named; a non-HA one is only listed as stopped', () => {
    const c = cluster()
      .nodes(...['n1', 'n2', 'n3', 'n4', 'n5'].map((name) => node(name)))
      .vms(vm('pinned').pin('n1').on('n1'), vm('batch').notHa().pin('n2').on('n2'))
      .build();
    const plan = planMaintenance(c, 'first-fit', { maxParallel: 1, keep: 'n+1', rebootSeconds: 60 });
    const blockers = plan.waves.flatMap((w) => w.blockers.map((b) => `${w.nodes.join('+')}: ${b.code} ${'vm' in b ? b.vm : ''}`));
    expect(blockers).toEqual(['n1: ha-vm-stops pinned']);
    expect(plan.waves.find((w) => w.nodes.includes('n2'))!.stopped.map((s) => s.vm)).toEqual(['batch']);
  });
});
