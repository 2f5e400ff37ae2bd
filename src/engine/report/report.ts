/**
 * The main job, `headroom report`: the placement with per-node load against the threshold (the
 * current layout where the inputs give one), the VMs that do not fit, the policy's verdict with
 * its reasons, every single node failure with the policy's verdict and the single points of
 * failure, the headroom per class under the scenario's failover policy (fit.ts), and, when the
 * policy breaks, the fewest nodes like an existing one that repair it, with the headroom they
 * give (node-remedy.ts); with utilisation history, the forecast (capacity-forecast.ts); with a
 * pair sweep made by the caller, every pair of failures; the expected downtime per service (the
 * analytic method of availability/). Pure: one typed document that `report --json` prints and the Markdown
 * and terminal renderers read.
 */
import type { Cluster, Policy } from '../model/cluster.js';
import { failureContext } from '../failure/context.js';
import { checkEverySingleFailure, loadAfterFailure, type DownAfterSingleFailure, type SingleNodeCheck } from '../failure/single-node.js';
import type { NodeUsage } from '../model/usage.js';
import { planPlacement, strategyNamed, type PlacementResult } from '../placement/plan.js';
import { fitUnits, type FitResult } from '../policy/fit.js';
import { evaluatePolicy, type PolicyOptions, type PolicyResult } from '../policy/failover-policy.js';
import type { PolicyBreach } from '../policy/scenario-judge.js';
import { fixesForEach, type VmFixes } from '../policy/fixes.js';
import { cheapestNodeAddition } from '../policy/node-remedy.js';
import type { History } from '../model/history.js';
import type { SweepResult } from '../policy/sweep.js';
import { capacityForecast, type CapacityForecast } from './capacity-forecast.js';
import type { DayAhead } from '../forecast/day-ahead.js';
import { analyticAvailability, availabilitySetup, type DowntimeFigures } from '../availability/availability.js';
import { DEFAULT_AVAILABILITY } from '../availability/defaults.js';

export interface SingleFailureRow extends SingleNodeCheck {
  /** The policy's verdict on this failure: quorum, HA VMs lost for capacity, survivors over capacity. */
  policy: 'holds' | 'breaks';
  breach: PolicyBreach | null;
  /** HA VMs this failure takes down whatever the capacity (single points of failure). */
  singlePointsOfFailure: number;
}

export interface ClusterReport {
  scenario: string;
  policy: Policy;
  /** Each node's hardware and what its host keeps for itself (the report's load charts stack VMs, free room and the reserve). */
  hardware: Array<{ node: string; cpuThreads: number; memGiB: number; memReservedGiB: number; gpus: number; gpuModel: string | null }>;
  placement: PlacementResult;
  /** The scenario's failover policy on the cluster as placed: the steady state and every scenario. */
  verdict: PolicyResult;
  nPlusOne: {
    /** Whether every single node failure keeps the policy (the steady state included). */
    holds: boolean;
    nodes: SingleFailureRow[];
    /** HA VMs that go down whenever one given node fails, whatever the capacity. */
    singlePointsOfFailure: Array<DownAfterSingleFailure & { failedNode: string }>;
    /** HA VMs a single node failure leaves down for lack of room (or only anti-affinity). */
    lostForCapacity: Array<DownAfterSingleFailure & { failedNode: string }>;
    /** The worst single failure (most HA VMs lost for room, then the fullest survivor) and the load on every node after it; null with one node. */
    worst: { failedNode: string; nodesAfter: NodeUsage[] } | null;
  };
  /** How many more VMs of each class fit while the scenario's failover policy holds. */
  headroom: { policy: string; holds: boolean; classes: FitResult[] };
  /** When the policy breaks: the fewest nodes like an existing one that make it hold, or null. */
  remedy: { like: string; added: string[]; headroom: FitResult[] } | null;
  /** Candidate changes checked for the remedy (up to MAX_ADDED_NODES nodes of each model). */
  remedyChecked: number;
  /** For each HA VM a single failure loses for capacity, the changes that make it restart, each checked (fixes.ts); none past MAX_VMS_FIXED VMs, counted in fixesOmitted. */
  fixes: VmFixes[];
  fixesOmitted: number;
  /** When the scenario has utilisation history: the crossing dates and the N+1 loss (capacity-forecast.ts). */
  forecast: CapacityForecast | null;
  /** With `--sweep 2`: every single and pair failure, summarised (policy/sweep.ts); null otherwise. */
  pairs: SweepResult | null;
  /** Expected downtime per service a year, by the analytic method of `availability` (no simulation). */
  availability: { method: 'analytic'; services: Array<{ name: string; vms: string[]; rule: string; analytic: DowntimeFigures }> };
}

/** The forecast section's horizon. */
export const REPORT_HORIZON_DAYS = 180;

export interface ReportInputs {
  /** Utilisation history, for the forecast section. */
  history?: History | null;
  /** The forecast's day-ahead paths, made on the workers (capacity-forecast.ts dayAheadTasks); made here when absent. */
  dayAhead?: readonly DayAhead[];
  /** `report --sweep 2`: every pair of node failures, swept (on the workers) from the same placement. */
  pairs?: SweepResult | null;
  /** Called after each class's headroom of the cluster as it is (a progress bar); the report never depends on it. */
  onClass?: () => void;
}

export function buildReport(cluster: Cluster, strategyName: string, policy: PolicyOptions, { history = null, dayAhead, pairs = null, onClass = () => undefined }: ReportInputs = {}): ClusterReport {
  const { state, result } = planPlacement(cluster, strategyName);
  const strategy = strategyNamed(strategyName);
  const context = failureContext(state, strategy);
  const checks = checkEverySingleFailure(context);
  const worst = worstFailure(checks);
  const singles = evaluatePolicy(state, strategy, { ...policy, scenarios: 'n+1' });
  const breachOf = new Map(singles.breaches.map((breach) => [breach.scenario, breach]));
  const rows = checks.map((check): SingleFailureRow => {
    const breach = breachOf.get(check.node) ?? null;
    return { ...check, policy: breach === null && singles.steadyState.holds ? 'holds' : 'breaks', breach, singlePointsOfFailure: check.down.filter((d) => d.ha && d.structural).length };
  });
  const haDown = checks.flatMap((check) => check.down.filter((d) => d.ha).map((d) => ({ ...d, failedNode: check.node })));
  const verdict = policy.scenarios === 'n+1' ? singles : evaluatePolicy(state, strategy, policy);
  const headroomOf = (c: Cluster, tick: () => void = () => undefined) =>
    c.classes.map((vmClass) => {
      const fit = fitUnits(c, strategy, [{ vmClass, count: 1 }], policy);
      tick();
      return fit;
    });
  const { remedy, checked } = verdict.holds ? { remedy: null, checked: 0 } : cheapestNodeAddition(cluster, strategyName, policy);
  return {
    scenario: cluster.name,
    policy: cluster.policy,
    hardware: cluster.nodes.map((node) => ({ node: node.name, cpuThreads: node.cpuThreads, memGiB: node.memGiB, memReservedGiB: node.memReservedGiB, gpus: node.gpus, gpuModel: node.gpuModel })),
    placement: result,
    verdict,
    nPlusOne: {
      holds: singles.holds,
      nodes: rows,
      singlePointsOfFailure: haDown.filter((d) => d.structural),
      lostForCapacity: haDown.filter((d) => !d.structural),
      worst: worst === -1 ? null : { failedNode: checks[worst]!.node, nodesAfter: loadAfterFailure(context, worst) },
    },
    headroom: { policy: verdict.policy, holds: verdict.holds, classes: headroomOf(cluster, onClass) },
    remedy: remedy && { like: remedy.like, added: remedy.added, headroom: headroomOf(remedy.cluster) },
    remedyChecked: checked,
    ...fixesForEach(cluster, strategyName, policy, haDown.filter((d) => !d.structural && d.reason === 'no-capacity').map((d) => ({ vm: d.vm, failed: [d.failedNode] }))),
    forecast: history === null ? null : capacityForecast(cluster, history, { horizonDays: REPORT_HORIZON_DAYS, threshold: null, strategy: strategyName, policy, dayAhead }),
    pairs,
    availability: { method: 'analytic', services: analyticAvailability(availabilitySetup(state, strategy, cluster.availability ?? DEFAULT_AVAILABILITY)) },
  };
}

/**
 * Index of the worst single failure: the most HA VMs down for want of room, then the fullest
 * survivor, then the first in node order; -1 when no failure leaves a survivor.
 */
function worstFailure(checks: readonly SingleNodeCheck[]): number {
  const lostForRoom = (check: SingleNodeCheck) => check.down.filter((d) => d.ha && !d.structural).length;
  let worst = -1;
  checks.forEach((check, i) => {
    if (check.peakAfter === null) return;
    const best = worst === -1 ? null : checks[worst]!;
    if (best === null || lostForRoom(check) > lostForRoom(best) || (lostForRoom(check) === lostForRoom(best) && check.peakAfter.percent > best.peakAfter!.percent)) worst = i;
  });
  return worst;
}
