/**
 * Analytic estimate of each service's expected downtime a year: state enumeration over
 * independent components (every set for up to 12 components, sets of one and two beyond), with
 * domain failures as common causes, plus the HA restart and boot gaps each failure adds, plus
 * the maintenance round.
 *
 * For component c (a node, or a domain taking all its nodes down): q_c = MTTR / (MTBF + MTTR)
 * its unavailability, r_c = q_c / (1 - q_c), P0 = Π (1 - q_c) the chance that every component is
 * up, so P(exactly the set C down) = P0 × Π_{c in C} r_c. Maintenance holds node m down for a
 * fraction μ_m = perYear × duration / Y of the time (Y = 525,960 minutes), one node at a time,
 * μ = Σ μ_m. D_s(S) = 1 when, with the nodes S down, fewer than k of service s's VMs run (the
 * failure engine decides each VM: outcome-cache.ts). Minutes a year:
 *
 *   downtime_s = P0 × perYear × R_s                                   maintenance round, all up
 *              + Y × Σ_{C ≠ ∅} P(C) [ (1 - μ) D_s(S_C) + Σ_m μ_m D_s(S_C ∪ {m}) ]   failed sets
 *              + Σ_c (Y P0 / MTBF_c) (1 - μ) (gap_s(c) + tail_s(c))             restart and boot gaps
 *
 * S_C the nodes the components of C take down. Beyond 12 components, C runs over sets of one
 * and two, maintenance is combined with sets of one only, and a pair (or a component and a
 * window) only when some service is touched by both: otherwise the pair can only act through
 * capacity (a VM finding no room because the other is down), a second-order effect this method
 * leaves to the Monte Carlo estimate; the --target verdict takes the worse of the two.
 * R_s is the downtime of one maintenance round (maintenance-round.ts). Y P0 / MTBF_c is the rate
 * of c failing from the all-up state (equal to the rate of its repairs back to it). gap_s(c): once
 * c fails, the time until the k-th VM runs again, when it does without a repair (VMs HA moves
 * are back after the HA recovery time and their boot time; 0 if s stays up). tail_s(c): once c is
 * repaired, the time until the k-th VM runs again, VMs that were down booting on their own nodes.
 * The sets left out beyond 12 components (three or more down at once) weigh of order q^3, about
 * 10^-9 of a year for q of order 10^-3, well inside the Monte Carlo interval. A service down with every node up (an
 * unplaced member) is down Y minutes a year. Charges follow timeline.ts: a term goes to the causes
 * it holds down that touch the service (all of them when quorum is lost, or when none touches it:
 * a VM lost for want of room elsewhere), split equally.
 * Complexity: O(2^components × nodes) set look-ups up to 12 components, O(components² + components ×
 * nodes) beyond; failure-engine calls are cached per set of down nodes, each O(VMs moved).
 */
import { NO_INDEX } from '../model/cluster-index.js';
import type { MaintenanceRound } from './maintenance-round.js';
import { MINUTES_PER_YEAR, type AvailabilityModel } from './model.js';
import type { OutcomeCache, SetOutcome } from './outcome-cache.js';
import { kthUpTime, type DowntimeTotals } from './timeline.js';

/** Up to this many components every set is enumerated (2^12 = 4,096 sets, a few dozen distinct sets of nodes); beyond, sets of one and two. */
export const EXACT_COMPONENTS = 12;

export function analyticDowntime(model: AvailabilityModel, outcomes: OutcomeCache, round: MaintenanceRound | null, permanent: Uint8Array): DowntimeTotals {
  const { components, services, maintenance, nodeCount } = model;
  const causeCount = model.causes.length;
  const totals: DowntimeTotals = { downtime: new Float64Array(services.length), charged: new Map() };
  const charge = (s: number, minutes: number, causes: readonly number[], quorate: boolean): void => {
    if (minutes <= 0) return;
    totals.downtime[s]! += minutes;
    const { touchedBy } = services[s]!;
    const relevant = quorate ? causes.filter((cause) => touchedBy[cause] === 1) : causes;
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

  // Every set of failed components up to `order` (all of them for a small cluster), each once, in lexicographic order.
  const exact = components.length <= EXACT_COMPONENTS;
  const order = exact ? components.length : 2;
  const touching: number[][] = model.causes.map(() => []);
  services.forEach((service, s) => service.touchedBy.forEach((touches, cause) => touches === 1 && touching[cause]!.push(s)));
  const shareAService = (a: number, b: number): boolean => exact || touching[a]!.some((s) => services[s]!.touchedBy[b] === 1);
  const visit = (chosen: number[], weight: number, from: number): void => {
    for (let c = from; c < components.length; c++) {
      if (chosen.length > 0 && !shareAService(chosen[0]!, c)) continue;
      const set = [...chosen, c];
      const probability = weight * odds[c]!;
      const nodes = set.flatMap((i) => components[i]!.nodes);
      chargeDown(outcomeOf(nodes), probability * (1 - inMaintenance), set);
      if (exact || set.length === 1) {
        for (let node = 0; node < nodeCount && maintained > 0; node++) {
          const window = model.maintenanceCause(node);
          if (shareAService(c, window)) chargeDown(outcomeOf([...nodes, node]), probability * maintained, [...set, window]);
        }
      }
      if (set.length < order) visit(set, probability, c + 1);
    }
  };
  visit([], allUp, 0);

  components.forEach((c, i) => {
    const failuresPerYear = (allUp * MINUTES_PER_YEAR) / c.mtbfMinutes;
    const gaps = restartGaps(model, outcomeOf(c.nodes), permanent);
    gaps.forEach((minutes, s) => charge(s, failuresPerYear * (1 - inMaintenance) * minutes, [i], true));
  });
  return totals;
}

/** Services (not down all the time) with fewer than k VMs running in `outcome`. */
function servicesDown(model: AvailabilityModel, outcome: SetOutcome, permanent: Uint8Array): number[] {
  // A service no moved VM belongs to is as with every node up: down only if `permanent`. The
  // others count their unplaced members too, which are down in every set.
  const downVms = new Map<number, number>();
  outcome.location.forEach((node, i) => {
    if (node !== NO_INDEX) return;
    for (const s of model.servicesOf[outcome.moved[i]!]!) downVms.set(s, (downVms.get(s) ?? model.unplacedMembers.get(s) ?? 0) + 1);
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
