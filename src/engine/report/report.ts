/**
 * The main job, `headroom report`: the placement with per-node load against the threshold,
 * the VMs that do not fit, the single-node failure check, the headroom per class under the
 * scenario's failover policy (fit.ts), and, when the policy breaks, the fewest nodes like an
 * existing one that repair it, with the headroom they give (node-remedy.ts). Pure: one typed
 * document that `report --json` prints and the Markdown and terminal renderers read.
 */
import type { Cluster, Policy } from '../model/cluster.js';
import { failureContext } from '../failure/context.js';
import { checkEverySingleFailure, type DownAfterSingleFailure, type SingleNodeCheck } from '../failure/single-node.js';
import { planPlacement, strategyNamed, type PlacementResult } from '../placement/plan.js';
import { fitUnits, type FitResult } from '../policy/fit.js';
import { evaluatePolicy, type PolicyOptions } from '../policy/failover-policy.js';
import { cheapestNodeAddition } from '../policy/node-remedy.js';

export interface ClusterReport {
  scenario: string;
  policy: Policy;
  placement: PlacementResult;
  nPlusOne: {
    holds: boolean;
    nodes: SingleNodeCheck[];
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
}

export function buildReport(cluster: Cluster, strategyName: string = cluster.policy.strategy): ClusterReport {
  const { state, result } = planPlacement(cluster, strategyName);
  const checks = checkEverySingleFailure(failureContext(state, strategyNamed(strategyName)));
  const haDown = checks.flatMap((check) => check.down.filter((d) => d.ha).map((d) => ({ ...d, failedNode: check.node })));
  const strategy = strategyNamed(strategyName);
  // The loader admits only the named policies (scenario.ts FAILOVER_POLICIES).
  const policy: PolicyOptions = { scenarios: cluster.policy.failover as PolicyOptions['scenarios'], strictSpof: false, maxUtilAfterFailover: null };
  const headroomOf = (c: Cluster) => c.classes.map((vmClass) => fitUnits(c, strategy, [{ vmClass, count: 1 }], policy));
  const classes = headroomOf(cluster);
  const holds = evaluatePolicy(state, strategy, policy, true).holds;
  const { remedy, checked } = holds ? { remedy: null, checked: 0 } : cheapestNodeAddition(cluster, strategyName, policy);
  return {
    scenario: cluster.name,
    policy: cluster.policy,
    placement: result,
    nPlusOne: {
      holds: checks.every((check) => check.holds),
      nodes: checks,
      singlePointsOfFailure: haDown.filter((d) => d.structural),
      lostForCapacity: haDown.filter((d) => !d.structural),
    },
    headroom: { policy: cluster.policy.failover, holds, classes },
    remedy: remedy && { like: remedy.like, added: remedy.added, headroom: headroomOf(remedy.cluster) },
    remedyChecked: checked,
  };
}
