/**
 * `report --fail-on policy,threshold,forecast`: which of the named gates the report breaks, so a
 * scheduled run fails (exit 1) and shows in `systemctl --failed`.
 *   policy     the failover policy does not hold (the report's verdict)
 *   threshold  a node or pool is at or above its alert threshold now (whether or not the
 *              threshold counts in the policy)
 *   forecast   an earliest threshold crossing or the N+1 loss falls within FORECAST_GATE_DAYS
 *              (capacity-forecast.ts dueWithin); a report without history cannot judge it
 */
import { dueWithin } from './capacity-forecast.js';
import type { ClusterReport } from './report.js';

export const GATES = ['policy', 'threshold', 'forecast'] as const;
export type Gate = (typeof GATES)[number];

/** The window of the forecast gate: a month, the lead time of a hardware order. */
export const FORECAST_GATE_DAYS = 30;

export function brokenGates(report: ClusterReport, gates: readonly Gate[]): Gate[] {
  const broken = (gate: Gate): boolean => {
    const steady = report.verdict.steadyState;
    if (gate === 'policy') return !report.verdict.holds;
    if (gate === 'threshold') return steady.nodesOverThreshold.length + steady.poolsOverThreshold.length > 0;
    const due = dueWithin(report.forecast!, FORECAST_GATE_DAYS);
    return due.crossings.length > 0 || due.nPlusOneLoss;
  };
  return gates.filter(broken);
}
