/**
 * A failover policy: a set of failure scenarios and the rule that must hold in each.
 *
 *   n+1      every single node fails
 *   n+2      every single node and every pair
 *   domains  every failure domain (rack, power feed)
 *   list     named scenarios, e.g. ['node01+node02', 'rack:rack-a']
 *
 * The policy holds when the steady state holds (steady-state.ts: every VM has a node, nothing
 * above capacity, no rule broken, and by default nothing at the alert threshold) and every
 * scenario keeps it (scenario-judge.ts: quorum kept, no HA VM down for capacity, no survivor
 * over capacity). Every command that gives a verdict calls this file, so none disagrees.
 */
import type { ClusterIndex } from '../model/cluster-index.js';
import type { ClusterState } from '../model/state.js';
import { failureContext } from '../failure/context.js';
import { combinationScenarios, domainScenarios, type IndexedScenario } from '../failure/scenarios.js';
import { failureScratch, resetScratch, simulateFailure } from '../failure/simulate.js';
import type { Strategy } from '../placement/types.js';
import { judgeScenario, type JudgeOptions, type PolicyBreach, type SinglePointOfFailure } from './scenario-judge.js';
import { judgeSteadyState, type SteadyState } from './steady-state.js';

export type { PolicyBreach } from './scenario-judge.js';

export interface PolicyOptions extends JudgeOptions {
  /** `n+1`, `n+2`, `domains`, or an explicit list of scenarios. */
  scenarios: 'n+1' | 'n+2' | 'domains' | readonly IndexedScenario[];
  /** Whether a node or pool at the alert threshold in steady state breaks the policy (default true). */
  threshold: boolean;
}

export interface PolicyResult {
  policy: string;
  scenarioCount: number;
  holds: boolean;
  steadyState: SteadyState;
  breaches: PolicyBreach[];
  /** Structural losses (reported, breaking only under strictSpof): VM, reason, scenario. */
  risks: SinglePointOfFailure[];
}

export function policyScenarios(index: ClusterIndex, scenarios: PolicyOptions['scenarios']): readonly IndexedScenario[] {
  if (scenarios === 'n+1') return combinationScenarios(index, 1);
  if (scenarios === 'n+2') return combinationScenarios(index, 2);
  if (scenarios === 'domains') return domainScenarios(index);
  return scenarios;
}

export function policyName(scenarios: PolicyOptions['scenarios']): string {
  return typeof scenarios === 'string' ? scenarios : `list of ${scenarios.length}`;
}

/**
 * Evaluates the policy on a placed state. With `stopAtFirstBreach` it returns as soon as the
 * steady state or one scenario breaks (what a search for "how many more fit" needs); otherwise
 * it lists every breach. `presentVms`: how many VMs (a prefix of the index) the inventory has;
 * fit's growth record indexes VMs it has not added yet.
 */
export function evaluatePolicy(state: ClusterState, strategy: Strategy, options: PolicyOptions, stopAtFirstBreach = false, presentVms = state.index.vmCount): PolicyResult {
  const steadyState = judgeSteadyState(state, strategy, options.threshold, presentVms);
  const scenarios = policyScenarios(state.index, options.scenarios);
  const breaches: PolicyBreach[] = [];
  const risks: SinglePointOfFailure[] = [];
  if (steadyState.holds || !stopAtFirstBreach) {
    const context = failureContext(state, strategy);
    // One copy of the base for every scenario, put back after each is judged.
    const scratch = failureScratch(context);
    for (const scenario of scenarios) {
      const outcome = simulateFailure(context, scenario.nodes, false, scratch);
      const judgement = judgeScenario(state.index, scenario.label, outcome, options);
      resetScratch(context, scratch, outcome, scenario.nodes);
      risks.push(...judgement.risks);
      if (judgement.breach !== null) {
        breaches.push(judgement.breach);
        if (stopAtFirstBreach) break;
      }
    }
  }
  return { policy: policyName(options.scenarios), scenarioCount: scenarios.length, holds: steadyState.holds && breaches.length === 0, steadyState, breaches, risks };
}
