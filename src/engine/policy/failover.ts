/**
 * One failure scenario end to end, with the policy's verdict (scenario-judge.ts and
 * steady-state.ts, the same rules `check`, `fit`, `report` and `size` apply): it holds when the
 * cluster holds before the failure, the survivors keep quorum, no HA VM is down for lack of
 * capacity and no surviving node is over capacity. Structural losses (GPU only on the failed
 * node, a local disk, storage served by it) are listed as single points of failure and break
 * the verdict only under strictSpof. Each HA VM lost for capacity comes with its fixes (fixes.ts).
 */
import { strategyNamed, type PlacedCluster } from '../placement/plan.js';
import { failureContext } from '../failure/context.js';
import { describeScenario } from '../failure/describe.js';
import type { ScenarioResult } from '../failure/outcome.js';
import type { IndexedScenario } from '../failure/scenarios.js';
import { simulateFailure } from '../failure/simulate.js';
import type { PolicyOptions } from './failover-policy.js';
import { judgeScenario, type PolicyBreach, type SinglePointOfFailure } from './scenario-judge.js';
import { fixesForEach, type VmFixes } from './fixes.js';
import { judgeSteadyState, type SteadyState } from './steady-state.js';

export interface FailoverVerdict {
  holds: boolean;
  /** The cluster before the failure: a broken steady state breaks every scenario. */
  steadyState: SteadyState;
  /** What breaks the policy in this scenario, or null. */
  breach: PolicyBreach | null;
  singlePointsOfFailure: SinglePointOfFailure[];
  /** Surviving nodes at or above the alert threshold after recovery: a warning. */
  nodesOverThreshold: string[];
  /** For each HA VM lost for capacity, the changes that make it restart, each checked (fixes.ts); none past MAX_VMS_FIXED VMs, counted in fixesOmitted. */
  fixes: VmFixes[];
  fixesOmitted: number;
}

export interface FailoverResult extends ScenarioResult {
  strategy: string;
  verdict: FailoverVerdict;
}

export function runFailover(placed: PlacedCluster, strategy: string, scenario: IndexedScenario, options: Omit<PolicyOptions, 'scenarios'>): FailoverResult {
  const context = failureContext(placed.state, strategyNamed(strategy));
  const { nodes: _nodes, ...named } = scenario;
  const outcome = simulateFailure(context, scenario.nodes, true);
  const result = describeScenario(context, named, outcome);
  const steadyState = judgeSteadyState(placed.state, context.strategy, options.threshold);
  const { breach, risks } = judgeScenario(placed.index, scenario.label, outcome, options);
  return {
    strategy,
    ...result,
    verdict: {
      holds: steadyState.holds && breach === null,
      steadyState,
      breach,
      singlePointsOfFailure: risks,
      nodesOverThreshold: result.nodesAfter.filter((n) => n.up && n.overThreshold.length > 0).map((n) => n.name),
      ...failoverFixes(placed, strategy, options, scenario, breach),
    },
  };
}

function failoverFixes(placed: PlacedCluster, strategy: string, options: Omit<PolicyOptions, 'scenarios'>, scenario: IndexedScenario, breach: PolicyBreach | null): { fixes: VmFixes[]; fixesOmitted: number } {
  const lost = (breach?.vmsDown ?? []).filter((down) => down.reason === 'no-capacity').map((down) => ({ vm: down.vm, failed: scenario.failed }));
  return fixesForEach(placed.index.cluster, strategy, { ...options, scenarios: 'n+1' }, lost);
}
