/**
 * One round of planned maintenance with no failure during it, worked out once: each node in turn
 * goes into maintenance for the window's duration (its HA VMs live-migrate away where the
 * failure engine finds them a node; the others are down), then comes back and the next goes.
 * The round ends when every VM is back where it runs with every node up and booted: `span` =
 * nodes × duration + the longest restart time, an upper bound on that moment.
 *
 * The Monte Carlo simulation adds this round's totals whenever a round starts with every node up
 * and no component fails before it ends (a fast path: the same timeline, run once); the analytic
 * method adds it perYear times a year, weighted by the chance that no component is down.
 * Complexity: O(nodes) changes of the down set, each O(VMs moved).
 */
import type { AvailabilityModel } from './model.js';
import type { OutcomeCache } from './outcome-cache.js';
import { Timeline, type DowntimeTotals } from './timeline.js';

export interface MaintenanceRound {
  /** Minutes from the round's start until every VM is back and booted (at most). */
  span: number;
  totals: DowntimeTotals;
}

export function maintenanceRound(model: AvailabilityModel, outcomes: OutcomeCache): MaintenanceRound | null {
  if (model.maintenance === null) return null;
  const { duration } = model.maintenance;
  const timeline = new Timeline(model, outcomes);
  let t = 0;
  for (let node = 0; node < model.nodeCount; node++) {
    timeline.causeDown(model.maintenanceCause(node), [node], t, false);
    timeline.integrate(t, t + duration);
    t += duration;
    timeline.causeUp(model.maintenanceCause(node), [node], t);
  }
  const span = t + Math.max(0, ...model.restartGap);
  timeline.integrate(t, span);
  return { span, totals: timeline.totals() };
}
