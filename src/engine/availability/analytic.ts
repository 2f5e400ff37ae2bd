/**
 * Analytic estimate of each service's expected downtime a year: state enumeration to second
 * order over independent components, with domain failures as common causes, plus the HA restart
 * and boot gaps each failure adds, plus the maintenance round.
 *
 * For component c (a node, or a domain taking all its nodes down): q_c = MTTR / (MTBF + MTTR)
 * its unavailability, r_c = q_c / (1 - q_c), P0 = Π (1 - q_c) the chance that every component is
 * up, so P(exactly the set C down) = P0 × Π_{c in C} r_c. Maintenance holds node m down for a
 * fraction μ_m = perYear × duration / Y of the time (Y = 525,960 minutes), one node at a time,
 * μ = Σ μ_m. D_s(S) = 1 when, with the nodes S down, fewer than k of service s's VMs run (the
 * failure engine decides each VM: outcome-cache.ts). Minutes a year:
 *
 *   downtime_s = P0 × perYear × R_s                                   maintenance round, all up
 *              + Y × Σ_c P0 r_c [ (1 - μ) D_s(S_c) + Σ_m μ_m D_s(S_c ∪ {m}) ]    one component
 *              + Y × Σ_{c<d} P0 r_c r_d (1 - μ) D_s(S_c ∪ S_d)                   two components
 *              + Σ_c (Y P0 / MTBF_c) (1 - μ) (gap_s(c) + tail_s(c))             restart and boot gaps
 *
 * R_s is the downtime of one maintenance round (maintenance-round.ts). Y P0 / MTBF_c is the rate
 * of c failing from the all-up state (equal to the rate of its repairs back to it). gap_s(c): once
 * c fails, the time until the k-th VM runs again, when it does without a repair (VMs HA moves
 * are back after the HA recovery time and their boot time; 0 if s stays up). tail_s(c): once c is
 * repaired, the time until the k-th VM runs again, VMs that were down booting on their own nodes.
 * Sets of three or more components are left out: with q of order 10^-3 their weight is of order
 * 10^-9 of a year, well inside the Monte Carlo interval. A service down with every node up (an
 * unplaced member) is down Y minutes a year. Charges follow timeline.ts: a term goes to the causes
 * it holds down that touch the service, split equally (all of them when none or quorum is lost).
 * Complexity: O(components²) failure-engine calls (cached per set of down nodes), each O(VMs moved).
 */
import { NO_INDEX } from '../model/cluster-index.js';
import type { MaintenanceRound } from './maintenance-round.js';
import { MINUTES_PER_YEAR, type AvailabilityModel } from './model.js';
import type { OutcomeCache, SetOutcome } from './outcome-cache.js';
import { kthUpTime, type DowntimeTotals } from './timeline.js';

export function analyticDowntime(model: AvailabilityModel, outcomes: OutcomeCache, round: MaintenanceRound | null, permanent: Uint8Array): DowntimeTotals {
  const { components, services, maintenance, nodeCount } = model;
  const causeCount = model.causes.length;
  const totals: DowntimeTotals = { downtime: new Float64Array(services.length), charged: new Map() };
  const charge = (s: number, minutes: number, causes: readonly number[], quorate: boolean): void => {
    if (minutes <= 0) return;
    totals.downtime[s]! += minutes;
    const { touchedBy } = services[s]!;
    const relevant = quorate ? causes.filter((cause) => touchedBy[cause] === 1) : [];
    const shared = relevant.length > 0 ? relevant : causes;
    for (const cause of shared) totals.charged.set(s * causeCount + cause, (totals.charged.get(s * causeCount + cause) ?? 0) + minutes / shared.length);
  };

  services.forEach((_, s) => {
    if (permanent[s] === 1) charge(s, MINUTES_PER_YEAR, [model.unplacedCause], true);
  });
  const unavailability = components.map((c) => c.mttrMinutes / (c.mtbfMinutes + c.mttrMinutes));
  const odds = unavailability.map((q) => q / (1 - q));
  const allUp = unavailability.reduce((product, q) => product * (1 - q), 1);
  const maintained = maintenance === null ? 0 : (maintenance.perYear * maintenance.duration) / MINUTES_PER_YEAR;
  const inMaintenance = maintained * nodeCount;

  if (round !== null && maintenance !== null) {
    for (const [key, minutes] of round.totals.charged) {
      const s = Math.floor(key / causeCount);
      if (permanent[s] === 0) charge(s, allUp * maintenance.perYear * minutes, [key % causeCount], true);
    }
  }

  const outcomeOf = (nodes: Iterable<number>): SetOutcome => {
    return outcomes.outcome([...new Set(nodes)].sort((a, b) => a - b));
  };
  const chargeDown = (outcome: SetOutcome, weight: number, causes: readonly number[]): void => {
    for (const s of servicesDown(model, outcome, permanent)) charge(s, weight * MINUTES_PER_YEAR, causes, outcome.quorate);
  };

  components.forEach((c, i) => {
    const alone = outcomeOf(c.nodes);
    chargeDown(alone, allUp * odds[i]! * (1 - inMaintenance), [i]);
    for (let node = 0; node < nodeCount && maintained > 0; node++) chargeDown(outcomeOf([...c.nodes, node]), allUp * odds[i]! * maintained, [i, model.maintenanceCause(node)]);
    for (let j = i + 1; j < components.length; j++) chargeDown(outcomeOf([...c.nodes, ...components[j]!.nodes]), allUp * odds[i]! * odds[j]! * (1 - inMaintenance), [i, j]);
    const failuresPerYear = (allUp * MINUTES_PER_YEAR) / c.mtbfMinutes;
    const gaps = restartGaps(model, alone, permanent);
    gaps.forEach((minutes, s) => charge(s, failuresPerYear * (1 - inMaintenance) * minutes, [i], true));
  });
  return totals;
}

/** Services (not down all the time) with fewer than k VMs running in `outcome`. */
function servicesDown(model: AvailabilityModel, outcome: SetOutcome, permanent: Uint8Array): number[] {
  const downVms = new Map<number, number>();
  // Unplaced members are down in every set; a service they alone take down is `permanent`.
  model.services.forEach((service, s) => {
    const unplaced = service.members.filter((vm) => model.baseLocation[vm] === NO_INDEX).length;
    if (unplaced > 0) downVms.set(s, unplaced);
  });
  outcome.location.forEach((node, i) => {
    if (node !== NO_INDEX) return;
    for (const s of model.servicesOf[outcome.moved[i]!]!) downVms.set(s, (downVms.get(s) ?? 0) + 1);
  });
  return [...downVms]
    .filter(([s, down]) => permanent[s] === 0 && model.services[s]!.members.length - down < model.services[s]!.k)
    .map(([s]) => s)
    .sort((a, b) => a - b);
}

/** Per service touched by `outcome`: gap (restarts after the failure) + tail (boots after the repair), in minutes. */
function restartGaps(model: AvailabilityModel, outcome: SetOutcome, permanent: Uint8Array): Map<number, number> {
  const neverUp = (vm: number): number => (model.baseLocation[vm] === NO_INDEX ? Infinity : -Infinity);
  const afterFailure = Float64Array.from({ length: model.vmCount }, (_, vm) => neverUp(vm));
  const afterRepair = Float64Array.from({ length: model.vmCount }, (_, vm) => neverUp(vm));
  const touched = new Set<number>();
  outcome.moved.forEach((vm, i) => {
    const down = outcome.location[i] === NO_INDEX;
    afterFailure[vm] = down ? Infinity : model.restartGap[vm]!;
    if (down) afterRepair[vm] = model.boot[vm]!;
    for (const s of model.servicesOf[vm]!) touched.add(s);
  });
  const gaps = new Map<number, number>();
  for (const s of [...touched].sort((a, b) => a - b)) {
    if (permanent[s] === 1) continue;
    const { members, k } = model.services[s]!;
    const scratch = new Float64Array(members.length);
    const gap = kthUpTime(afterFailure, members, k, scratch);
    const minutes = (Number.isFinite(gap) ? Math.max(gap, 0) : 0) + Math.max(kthUpTime(afterRepair, members, k, scratch), 0);
    if (minutes > 0) gaps.set(s, minutes);
  }
  return gaps;
}
