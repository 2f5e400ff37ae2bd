/**
 * The main job, `headroom report`: the placement with per-node load against the threshold (the
 * current layout where the inputs give one), the VMs that do not fit, the policy's verdict with
 * its reasons, every single node failure with the policy's verdict and the single points of
 * failure, the headroom per class under the scenario's failover policy (fit.ts), and, when the
 * policy breaks, the fewest nodes like an existing one that repair it, with the headroom they
 * give (node-remedy.ts); with utilisation history, the forecast (capacity-forecast.ts). Pure: one typed document that `report --json` prints and the Markdown
 * and terminal renderers read.
 */
import type { Cluster, Policy } from '../model/cluster.js';
import { failureContext } from '../failure/context.js';
import { checkEverySingleFailure, type DownAfterSingleFailure, type SingleNodeCheck } from '../failure/single-node.js';
import { planPlacement, strategyNamed, type PlacementResult } from '../placement/plan.js';
import { fitUnits, type FitResult } from '../policy/fit.js';
import { evaluatePolicy, type PolicyOptions, type PolicyResult } from '../policy/failover-policy.js';
import type { PolicyBreach } from '../policy/scenario-judge.js';
import { cheapestNodeAddition } from '../policy/node-remedy.js';
import type { History } from '../model/history.js';
import { capacityForecast, type CapacityForecast } from './capacity-forecast.js';

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
  };
  /** How many more VMs of each class fit while the scenario's failover policy holds. */
  headroom: { policy: string; holds: boolean; classes: FitResult[] };
  /** When the policy breaks: the fewest nodes like an existing one that make it hold, or null. */
  remedy: { like: string; added: string[]; headroom: FitResult[] } | null;
  /** Candidate changes checked for the remedy (up to MAX_ADDED_NODES nodes of each model). */
  remedyChecked: number;
  /** When the scenario has utilisation history: the crossing dates and the N+1 loss (capacity-forecast.ts). */
  forecast: CapacityForecast | null;
}

/** The forecast section's horizon. */
export const REPORT_HORIZON_DAYS = 180;

/** `onClass`: called after each class's headroom of the cluster as it is (a progress bar); the report never depends on it. */
export function buildReport(cluster: Cluster, strategyName: string, policy: PolicyOptions, history: History | null = null, onClass: () => void = () => undefined): ClusterReport {
  const { state, result } = planPlacement(cluster, strategyName);
  const strategy = strategyNamed(strategyName);
  const checks = checkEverySingleFailure(failureContext(state, strategy));
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
    placement: result,
    verdict,
    nPlusOne: {
      holds: singles.holds,
      nodes: rows,
      singlePointsOfFailure: haDown.filter((d) => d.structural),
      lostForCapacity: haDown.filter((d) => !d.structural),
    },
    headroom: { policy: verdict.policy, holds: verdict.holds, classes: headroomOf(cluster, onClass) },
    remedy: remedy && { like: remedy.like, added: remedy.added, headroom: headroomOf(remedy.cluster) },
    remedyChecked: checked,
    forecast: history === null ? null : capacityForecast(cluster, history, { horizonDays: REPORT_HORIZON_DAYS, threshold: null, strategy: strategyName, policy }),
  };
}
