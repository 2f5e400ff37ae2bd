/**
 * A failover policy: a set of failure scenarios and the rule that must hold in each.
 *
 *   n+1      every single node fails
 *   n+2      every single node and every pair
 *   domains  every failure domain (rack, power feed)
 *   list     named scenarios, e.g. ['node01+node02', 'rack:rack-a']
 *
 * The policy holds when, in every scenario that keeps quorum, no HA VM is down for a capacity
 * reason (no room, or a strict rule made unsatisfiable by capacity) and no surviving node is
 * over capacity. Options tighten it: strictSpof counts structural losses (the only GPU node,
 * a local disk, storage served by the failed node) as breaking; maxUtilAfterFailover breaks it
 * when a surviving node's load passes that fraction. A scenario that loses quorum is reported
 * and breaks the policy only under strictSpof (capacity cannot cure it).
 */
import type { ClusterIndex } from '../model/cluster-index.js';
import type { ClusterState } from '../model/state.js';
import { failureContext, type FailureContext } from '../failure/context.js';
import { reasonOf } from '../failure/describe.js';
import { CAPACITY_REASONS, type DownReason } from '../failure/outcome.js';
import { combinationScenarios, domainScenarios, type IndexedScenario } from '../failure/scenarios.js';
import { DOWN_BASE, simulateFailure } from '../failure/simulate.js';
import type { Strategy } from '../placement/types.js';

export interface PolicyOptions {
  /** `n+1`, `n+2`, `domains`, or an explicit list of scenarios. */
  scenarios: 'n+1' | 'n+2' | 'domains' | readonly IndexedScenario[];
  strictSpof: boolean;
  /** A fraction such as 0.85, or null for no utilisation rule. */
  maxUtilAfterFailover: number | null;
}

export interface PolicyBreach {
  scenario: string;
  quorate: boolean;
  /** HA VMs down, with the reason, that break the policy in this scenario. */
  vmsDown: Array<{ vm: string; reason: DownReason }>;
  nodesOverCapacity: string[];
  /** Surviving nodes above maxUtilAfterFailover, with the highest load fraction. */
  nodesOverUtil: Array<{ node: string; resource: string; load: number }>;
}

export interface PolicyResult {
  policy: string;
  scenarioCount: number;
  holds: boolean;
  breaches: PolicyBreach[];
  /** Structural losses (reported, breaking only under strictSpof): VM, reason, scenario. */
  risks: Array<{ vm: string; reason: DownReason; scenario: string }>;
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
 * Evaluates the policy on a placed state. With `stopAtFirstBreach` it returns as soon as one
 * scenario breaks (what a search for "how many more fit" needs); otherwise it lists them all.
 */
export function evaluatePolicy(state: ClusterState, strategy: Strategy, options: PolicyOptions, stopAtFirstBreach = false): PolicyResult {
  const context = failureContext(state, strategy);
  const scenarios = policyScenarios(state.index, options.scenarios);
  const breaches: PolicyBreach[] = [];
  const risks: PolicyResult['risks'] = [];
  for (const scenario of scenarios) {
    const breach = checkScenario(context, scenario, options, risks);
    if (breach !== null) {
      breaches.push(breach);
      if (stopAtFirstBreach) break;
    }
  }
  return { policy: policyName(options.scenarios), scenarioCount: scenarios.length, holds: breaches.length === 0, breaches, risks };
}

function checkScenario(context: FailureContext, scenario: IndexedScenario, options: PolicyOptions, risks: PolicyResult['risks']): PolicyBreach | null {
  const { index } = context.base;
  const outcome = simulateFailure(context, scenario.nodes, false);
  const vmsDown: PolicyBreach['vmsDown'] = [];
  for (const vm of outcome.touched) {
    const code = outcome.code[vm]!;
    if (code < DOWN_BASE || index.vmHa[vm] === 0) continue;
    const reason = reasonOf(code);
    if (reason === 'unplaced') continue;
    const name = index.cluster.vms[vm]!.name;
    if (CAPACITY_REASONS.has(reason)) vmsDown.push({ vm: name, reason });
    else {
      risks.push({ vm: name, reason, scenario: scenario.label });
      if (options.strictSpof) vmsDown.push({ vm: name, reason });
    }
  }
  const { after } = outcome;
  const nodesOverCapacity: string[] = [];
  const nodesOverUtil: PolicyBreach['nodesOverUtil'] = [];
  for (let node = 0; node < index.nodeCount; node++) {
    if (after.nodeUp[node] === 0) continue;
    const loads: Array<[string, number]> = [
      ['cpu', after.cpuUsed[node]! / index.cpuCap[node]!],
      ['memGiB', after.memUsed[node]! / index.memCap[node]!],
    ];
    if (loads.some(([, load]) => load > 1 + 1e-9)) nodesOverCapacity.push(index.nodes[node]!.name);
    if (options.maxUtilAfterFailover !== null) {
      const [resource, load] = loads.reduce((a, b) => (b[1] > a[1] ? b : a));
      if (load > options.maxUtilAfterFailover + 1e-9) nodesOverUtil.push({ node: index.nodes[node]!.name, resource, load: Math.round(load * 1000) / 1000 });
    }
  }
  const broken = vmsDown.length > 0 || nodesOverCapacity.length > 0 || nodesOverUtil.length > 0 || (!outcome.quorate && options.strictSpof);
  return broken ? { scenario: scenario.label, quorate: outcome.quorate, vmsDown, nodesOverCapacity, nodesOverUtil } : null;
}
