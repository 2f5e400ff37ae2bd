/**
 * The main job, `headroom report`: the placement with per-node load against the threshold,
 * the VMs that do not fit, and the single-node failure check. Pure: one typed document that
 * `report --json` prints and the Markdown and terminal renderers read.
 */
import type { Cluster, Policy } from '../model/cluster.js';
import { failureContext } from '../failure/context.js';
import { checkEverySingleFailure, type DownAfterSingleFailure, type SingleNodeCheck } from '../failure/single-node.js';
import { planPlacement, strategyNamed, type PlacementResult } from '../placement/plan.js';

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
}

export function buildReport(cluster: Cluster, strategyName: string = cluster.policy.strategy): ClusterReport {
  const { state, result } = planPlacement(cluster, strategyName);
  const checks = checkEverySingleFailure(failureContext(state, strategyNamed(strategyName)));
  const haDown = checks.flatMap((check) => check.down.filter((d) => d.ha).map((d) => ({ ...d, failedNode: check.node })));
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
  };
}
