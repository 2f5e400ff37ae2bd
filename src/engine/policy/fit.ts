/**
 * How many more VMs of a class (or whole mixes of classes) fit while the failover policy holds.
 *
 * Method: place the inventory, then add units one VM at a time through the placement pipeline
 * (grow.ts) until one does not fit: that bounds the count by placement alone. Within that
 * bound, find the largest k whose state passes the policy by exponential then binary search
 * over k (policy checks cost one failure simulation per scenario, so the search needs
 * O(log k) checks instead of k). The answer comes with its proof, both states evaluated
 * explicitly: k units placed and the policy holding, and k + 1 either not placeable or breaking
 * the policy in a named scenario, with the binding resource.
 *
 * Adding load can only make a capacity check harder, but greedy restarts are not strictly
 * monotone, so the search returns a boundary (k holds, k + 1 does not) that it has verified,
 * and says so; it is the largest k whenever the policy is monotone in load.
 */
import type { Cluster, Resource } from '../model/cluster.js';
import { failureContext } from '../failure/context.js';
import { simulateFailure } from '../failure/simulate.js';
import type { NodeRejection, Strategy } from '../placement/types.js';
import { evaluatePolicy, policyName, policyScenarios, type PolicyBreach, type PolicyOptions } from './failover-policy.js';
import { growCluster, stateWithUnits, unitLabel, vmsWithUnits, type Unit } from './grow.js';
import type { SteadyState } from './steady-state.js';
import { cpuCapacity, memCapacity } from '../model/node-capacity.js';

const UNBOUNDED_UNITS = 10_000;

export type Binding =
  | { kind: 'placement'; vm: string; resource: Resource | 'rule'; rejections: NodeRejection[] }
  | { kind: 'failover'; scenario: string; vm: string | null; reason: string; resource: Resource | 'rule' | null; breach: PolicyBreach }
  /** Before any failure: a VM without a node, a node over capacity or at its alert threshold, a rule broken. */
  | { kind: 'steady-state'; steadyState: SteadyState };

export interface FitResult {
  unit: string;
  vmsPerUnit: number;
  strategy: string;
  policy: string;
  /** Whether the policy holds for the inventory as it is; if not, nothing more fits. */
  holdsToday: boolean;
  count: number;
  /** The new VMs at `count` units, and where they go. */
  placements: Array<{ vm: string; node: string }>;
  proof: { holdsAt: number; failsAt: number; scenariosChecked: number; binding: Binding | null };
}

export function fitUnits(cluster: Cluster, strategy: Strategy, units: readonly Unit[], policy: PolicyOptions): FitResult {
  const growth = growCluster(cluster, strategy, units, unitBound(cluster, units));
  const holds = (k: number): boolean => evaluatePolicy(stateWithUnits(growth, k), strategy, policy, true, vmsWithUnits(growth, k)).holds;
  const holdsToday = holds(0);
  let count = 0;
  if (holdsToday) {
    // Exponential search for a failing k within the placeable range, then binary search.
    let good = 0;
    let step = 1;
    let bad = growth.unitsPlaced + 1;
    while (good + step < bad) {
      if (holds(good + step)) {
        good += step;
        step *= 2;
      } else {
        bad = good + step;
        break;
      }
    }
    while (bad - good > 1) {
      const mid = Math.floor((good + bad) / 2);
      if (holds(mid)) good = mid;
      else bad = mid;
    }
    count = good;
  }
  const placedVms = count * growth.vmsPerUnit;
  return {
    unit: unitLabel(units),
    vmsPerUnit: growth.vmsPerUnit,
    strategy: strategy.name,
    policy: policyName(policy.scenarios),
    holdsToday,
    count,
    placements: growth.placedNodes.slice(0, placedVms).map((node, i) => ({ vm: growth.newVmNames[i]!, node: growth.index.nodes[node]!.name })),
    proof: {
      holdsAt: count,
      failsAt: count + 1,
      scenariosChecked: policyScenarios(growth.index, policy.scenarios).length,
      binding: bindingAt(growth, strategy, policy, holdsToday ? count + 1 : 0),
    },
  };
}

/** Why `units` units do not work: the unit cannot be placed, or a scenario breaks the policy. */
function bindingAt(growth: ReturnType<typeof growCluster>, strategy: Strategy, policy: PolicyOptions, units: number): Binding | null {
  if (units > growth.unitsPlaced) {
    const { vm, rejections } = growth.firstUnplaced!;
    return { kind: 'placement', vm, resource: dominantResource(rejections), rejections };
  }
  const state = stateWithUnits(growth, units);
  const result = evaluatePolicy(state, strategy, policy, true, vmsWithUnits(growth, units));
  if (!result.steadyState.holds) return { kind: 'steady-state', steadyState: result.steadyState };
  const breach = result.breaches[0];
  if (breach === undefined) return null;
  const lost = breach.vmsDown[0];
  let resource: Resource | 'rule' | null = null;
  if (lost !== undefined) {
    const context = failureContext(state, strategy);
    const scenario = policyScenarios(growth.index, policy.scenarios).find((s) => s.label === breach.scenario)!;
    const vm = growth.index.vmIndex.get(lost.vm)!;
    const rejections = simulateFailure(context, scenario.nodes, true).rejections.get(vm);
    resource = rejections === undefined ? null : dominantResource(rejections);
  } else if (breach.nodesOverUtil.length > 0) {
    resource = breach.nodesOverUtil[0]!.resource as Resource;
  }
  return { kind: 'failover', scenario: breach.scenario, vm: lost?.vm ?? null, reason: !breach.quorate ? 'no-quorum' : (lost?.reason ?? (breach.nodesOverCapacity.length > 0 ? 'node-over-capacity' : 'utilisation')), resource: breach.quorate ? resource : null, breach };
}

/** The resource short on the most nodes; 'rule' when no node is short of any resource. */
function dominantResource(rejections: readonly NodeRejection[]): Resource | 'rule' {
  const counts = new Map<Resource, number>();
  for (const { reasons } of rejections) {
    for (const reason of reasons) if (reason.code === 'insufficient') counts.set(reason.resource, (counts.get(reason.resource) ?? 0) + 1);
  }
  let best: Resource | 'rule' = 'rule';
  let most = 0;
  for (const [resource, count] of counts) if (count > most) [best, most] = [resource, count];
  return best;
}

/** No more units than the cluster's total capacity could hold in any one resource, plus one to see the failure. */
function unitBound(cluster: Cluster, units: readonly Unit[]): number {
  const demand = (pick: (u: Unit) => number): number => units.reduce((sum, u) => sum + pick(u) * u.count, 0);
  const capacity: Array<[number, number]> = [
    [cluster.nodes.reduce((s, n) => s + cpuCapacity(n, cluster.policy), 0), demand((u) => u.vmClass.vcpus)],
    [cluster.nodes.reduce((s, n) => s + memCapacity(n, cluster.policy), 0), demand((u) => u.vmClass.memGiB)],
    [cluster.nodes.reduce((s, n) => s + n.gpus, 0), demand((u) => u.vmClass.gpus)],
  ];
  const bounds = capacity.filter(([, need]) => need > 0).map(([total, need]) => Math.floor(total / need) + 1);
  return Math.min(UNBOUNDED_UNITS, ...bounds);
}
