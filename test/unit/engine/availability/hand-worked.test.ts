import { describe, expect, it } from 'vitest';
import { cluster, node, vm } from '../../../support/builders.js';
import { availabilityOf, HOURS, settings } from '../../../support/availability.js';
import { analyticAvailability, availabilitySetup, type AvailabilityResult } from '../../../../src/engine/availability/availability.js';
import { simulateChunk } from '../../../../src/engine/availability/monte-carlo.js';
import { planPlacement, strategyNamed } from '../../../../src/engine/placement/plan.js';

const YEAR = 525_960; // minutes in 365.25 days
/** MTBF 1,000 h, MTTR 10 h: q = 10 / 1,010 = 0.00990099 unavailable, 525,960 / 60,600 = 8.67921 failures a year. */
const FLAKY = { mtbfMinutes: 1_000 * HOURS, mttrMinutes: 10 * HOURS };
/** Practically never fails: q = 1e-9. */
const SOLID = { mtbfMinutes: 1e10 * HOURS, mttrMinutes: 10 * HOURS };

function service(result: AvailabilityResult, name: string) {
  return result.services.find((s) => s.name === name)!;
}

/** The Monte Carlo interval holds the exact figure, and the analytic figure equals it. */
function expectAgreement(result: AvailabilityResult, name: string, exact: number, analyticDigits = 1): void {
  const s = service(result, name);
  expect(s.analytic.downtimeMinutesPerYear).toBeCloseTo(exact, analyticDigits);
  expect(s.monteCarlo.interval95[0]).toBeLessThanOrEqual(exact);
  expect(s.monteCarlo.interval95[1]).toBeGreaterThanOrEqual(exact);
}

describe('availability, worked by hand', () => {
  it('one VM on one node without HA: MTTR / (MTBF + MTTR) × 525,960 minutes', () => {
    // 10 / 1,010 × 525,960 = 5,207.5248 minutes a year (boot time 0, no maintenance, no domain).
    const c = { ...cluster().nodes(node('n1')).vms(vm('solo').notHa().on('n1')).build(), availability: settings({ node: FLAKY }) };
    const result = availabilityOf(c, 20_000);
    expectAgreement(result, 'solo', 5_207.5248, 3);
    expect(service(result, 'solo').rule).toBe('all');
    expect(service(result, 'solo').monteCarlo.contributors).toEqual([{ kind: 'node', name: 'n1', minutesPerYear: expect.any(Number), share: 1 }]);
  });

  it('2-of-3 on independent identical nodes: the binomial sum', () => {
    // One non-HA VM per node; the service is down when 2 or 3 nodes are: with q = 0.1
    // (MTBF 90 h, MTTR 10 h), P = C(3,2) q^2 (1 - q) + q^3 = 3 × 0.01 × 0.9 + 0.001 = 0.028,
    // × 525,960 = 14,726.88 minutes a year. Two nodes down leaves 1 of 3 votes: no quorum, but
    // the survivor runs no HA VM, so it does not fence itself and its VM keeps running.
    const tenPercent = { mtbfMinutes: 90 * HOURS, mttrMinutes: 10 * HOURS };
    const c = {
      ...cluster().nodes(node('n1'), node('n2'), node('n3')).vms(vm('w1').notHa().on('n1'), vm('w2').notHa().on('n2'), vm('w3').notHa().on('n3')).build(),
      availability: settings({ node: tenPercent }),
      services: [{ name: 'workers', vms: ['w1', 'w2', 'w3'], rule: 'k-of-n' as const, k: 2 }],
    };
    const result = availabilityOf(c, 4_000);
    expectAgreement(result, 'workers', 14_726.88, 2);
    expect(service(result, 'workers').rule).toBe('2-of-3');
    // Every VM is in the service, so there is no service of one VM.
    expect(result.services.map((s) => s.name)).toEqual(['workers']);
  });

  it('a rack taking down both members of a 1-of-2 service shows in the simulation and in the common-cause term', () => {
    // dns1 on n1, dns2 on n2, both in rack-a; n3-n5 elsewhere, so a rack-a failure leaves 3 of 5
    // votes (quorum holds). Nodes practically never fail alone; rack-a fails with MTBF 1,000 h,
    // MTTR 10 h: the service is down whenever the rack is, 10 / 1,010 × 525,960 = 5,207.52 minutes.
    // Had the two nodes failed independently with those figures, it would be q^2 × 525,960 =
    // 0.00990099^2 × 525,960 = 51.56 minutes: the common cause is a hundred times worse.
    const c = {
      ...cluster()
        .nodes(node('n1').rack('rack-a'), node('n2').rack('rack-a'), node('n3').rack('rack-b'), node('n4').rack('rack-b'), node('n5').rack('rack-c'))
        .vms(vm('dns1').notHa().on('n1'), vm('dns2').notHa().on('n2'))
        .build(),
      availability: settings({ node: SOLID, domain: SOLID, domainOverrides: { 'rack:rack-a': FLAKY } }),
      services: [{ name: 'dns', vms: ['dns1', 'dns2'], rule: 'any' as const, k: 1 }],
    };
    const result = availabilityOf(c, 20_000);
    expectAgreement(result, 'dns', 5_207.5248, 1);
    for (const method of ['analytic', 'monteCarlo'] as const) {
      expect(service(result, 'dns')[method].contributors[0]).toMatchObject({ kind: 'domain', name: 'rack:rack-a', share: 1 });
    }
  });

  it('with room for one restart only, the first HA VM restarts and the second waits for the repair', () => {
    // n1 (128 GiB) runs first (priority 2) and second (priority 1), 40 GiB each; n2 has 64 GiB,
    // room for one of them; n3 is full (60 GiB of a non-HA VM). Only n1 fails (MTBF 1,000 h, MTTR
    // 10 h; 8.67921 failures a year). HA recovery 2 min, boot 1 min.
    //   first:  restarted on n2 after 2 + 1 = 3 minutes each time: 8.67921 × 3 = 26.0376 min a year;
    //           it fails back by live migration when n1 returns.
    //   second: no capacity, down until n1 is repaired, then boots: q × 525,960 + 8.67921 × 1
    //           = 5,207.5248 + 8.6792 = 5,216.2040 min a year.
    const c = {
      ...cluster()
        .nodes(node('n1').memGiB(128), node('n2').memGiB(64), node('n3').memGiB(64))
        .vms(vm('first').memGiB(40).priority(2).on('n1'), vm('second').memGiB(40).priority(1).on('n1'), vm('filler').memGiB(60).notHa().on('n3'))
        .build(),
      availability: settings({ node: SOLID, nodeOverrides: { n1: FLAKY }, domain: SOLID, haRecoveryMinutes: 2, bootMinutes: { default: 1, byClass: {} } }),
    };
    const result = availabilityOf(c, 20_000);
    expect(service(result, 'first').analytic.downtimeMinutesPerYear).toBeCloseTo(26.0376, 2);
    expectAgreement(result, 'first', 26.0376);
    expect(service(result, 'second').analytic.downtimeMinutesPerYear).toBeCloseTo(5_216.204, 2);
    expectAgreement(result, 'second', 5_216.204);
    expect(service(result, 'filler').monteCarlo.downtimeMinutesPerYear).toBe(0);
    expect(service(result, 'filler').monteCarlo.nines).toBeNull();
  });

  it('maintenance: a VM that cannot move is down for its node\'s window and its boot; an HA VM live-migrates', () => {
    // 12 rounds a year, 30 minutes per node, boot 1 minute, no failures. local: non-HA on n1,
    // down 30 + 1 = 31 minutes a round, 372 a year. mover: HA, migrated away first: 0.
    // YEAR / 12 = 43,830 minutes between rounds; nodes patched one after another.
    const c = {
      ...cluster().nodes(node('n1'), node('n2'), node('n3')).vms(vm('local').notHa().on('n1'), vm('mover').on('n2')).build(),
      availability: settings({ node: SOLID, domain: SOLID, maintenance: { perYear: 12, durationMinutes: 30 }, bootMinutes: { default: 1, byClass: {} } }),
    };
    const result = availabilityOf(c, 200);
    expect(service(result, 'local').analytic.downtimeMinutesPerYear).toBeCloseTo(372, 2);
    expect(service(result, 'local').monteCarlo.downtimeMinutesPerYear).toBeCloseTo(372, 2);
    expect(service(result, 'local').monteCarlo.contributors[0]).toMatchObject({ kind: 'maintenance', name: 'n1', share: 1 });
    expect(service(result, 'mover').monteCarlo.downtimeMinutesPerYear).toBe(0);
    expect(YEAR / 12).toBe(43_830);
  });
});

describe('availability, invariants', () => {
  it('leaves the placed state as it found it, and gives the same result twice', () => {
    const c = cluster().nodes(node('n1'), node('n2'), node('n3')).vms(vm('a').on('n1'), vm('b').notHa().on('n2')).build();
    const placed = planPlacement(c, c.policy.strategy);
    const before = JSON.stringify([...placed.state.vmNode, ...placed.state.memUsed, ...placed.state.nodeUp]);
    const setup = availabilitySetup(placed.state, strategyNamed(c.policy.strategy));
    const chunk = simulateChunk(setup.model, setup.outcomes, setup.round, 5, 0, 200);
    analyticAvailability(setup);
    expect(JSON.stringify([...placed.state.vmNode, ...placed.state.memUsed, ...placed.state.nodeUp])).toBe(before);
    expect(simulateChunk(setup.model, setup.outcomes, setup.round, 5, 0, 200)).toEqual(chunk);
  });
});
