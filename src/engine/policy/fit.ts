/**
 * How many more VMs of a class (or whole mixes of classes) fit while the failover policy holds.
 *
 * Method: place the inventory, then find the largest count k of new units whose state passes
 * the policy. A k fails when its units cannot all be placed (grow.ts places them one VM at a
 * time through the placement pipeline, only as far as the search asks) or when a scenario
 * breaks the policy. Policy checks are the cost (one failure simulation per scenario), so:
 *
 *   1. Place units up to the capacity ceiling (no more units than the CPU, memory or GPUs the
 *      inventory leaves free could hold, plus one): placement alone, cheap. It fails at some
 *      P + 1 <= ceiling for every strategy that checks CPU and memory.
 *   2. Search from there (boundary): the first probe is min(P + 1, ceiling); while a probe
 *      holds (it placed: the Proxmox strategies do not check CPU and memory), double it. From
 *      the first failure, exponential search downwards (1, 2, 4, ... below the last failure),
 *      restarted below the last failure after each probe that holds: at most log2 holding
 *      checks, as a binary search, and few when k sits just below P.
 *   3. A failed check moves its breaching scenario to the front, so the next failing check
 *      usually stops after one scenario; only checks that hold run them all. The order never
 *      changes whether a check holds.
 *
 * No count is assumed: the search places as many VMs as the answer needs. Its one limit is
 * memory, `maxNewVms` new VMs (MAX_NEW_VMS, 1,000,000 by default, about 1 KB each); a class
 * that still fits there is reported as "at least" that count, with `failsAt: null` and no
 * binding, never as an exact answer.
 *
 * The answer comes with its proof, both states evaluated explicitly: k units placed and the
 * policy holding, and k + 1 either not placeable or breaking the policy in a named scenario,
 * with the binding resource. Adding load can only make a capacity check harder, but greedy
 * restarts are not strictly monotone, so the search returns a boundary (k holds, k + 1 does
 * not) that it has verified, and says so; it is the largest k whenever the policy is monotone
 * in load.
 */
import type { Cluster, Resource } from '../model/cluster.js';
import { failureContext } from '../failure/context.js';
import { simulateFailure } from '../failure/simulate.js';
import type { NodeRejection, Strategy } from '../placement/types.js';
import { evaluatePolicy, policyName, policyScenarios, type PolicyBreach, type PolicyOptions } from './failover-policy.js';
import { growTo, startGrowth, stateWithUnits, unitLabel, vmsWithUnits, type Growth, type Unit } from './grow.js';
import type { SteadyState } from './steady-state.js';

/** New VMs the search may place before it reports a lower bound instead of an exact count. */
export const MAX_NEW_VMS = 1_000_000;

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
  /** failsAt is null when the policy still held at `maxNewVms` new VMs: then `count` is a lower bound. */
  proof: { holdsAt: number; failsAt: number | null; scenariosChecked: number; binding: Binding | null };
}

export function fitUnits(cluster: Cluster, strategy: Strategy, units: readonly Unit[], policy: PolicyOptions, maxNewVms = MAX_NEW_VMS): FitResult {
  const growth = startGrowth(cluster, strategy, units);
  const scenarios = [...policyScenarios(growth.index, policy.scenarios)];
  const holds = (k: number): boolean => {
    if (!growTo(growth, k)) return false;
    const result = evaluatePolicy(stateWithUnits(growth, k), strategy, { ...policy, scenarios }, true, vmsWithUnits(growth, k));
    const breach = result.breaches[0];
    if (breach !== undefined) scenarios.unshift(...scenarios.splice(scenarios.findIndex((s) => s.label === breach.scenario), 1));
    return result.holds;
  };
  const holdsToday = holds(0);
  const limit = Math.max(1, Math.floor(maxNewVms / growth.vmsPerUnit));
  const ceiling = Math.min(limit, capacityCeiling(growth));
  const { holdsAt, failsAt } = holdsToday ? boundary(holds, firstProbe(growth, ceiling), limit) : { holdsAt: 0, failsAt: 1 };
  return {
    unit: unitLabel(units),
    vmsPerUnit: growth.vmsPerUnit,
    strategy: strategy.name,
    policy: policyName(policy.scenarios),
    holdsToday,
    count: holdsAt,
    placements: growth.placedNodes.slice(0, holdsAt * growth.vmsPerUnit).map((node, i) => ({ vm: growth.newVmNames[i]!, node: growth.index.nodes[node]!.name })),
    proof: {
      holdsAt,
      failsAt,
      scenariosChecked: scenarios.length,
      binding: failsAt === null ? null : bindingAt(growth, strategy, policy, holdsToday ? failsAt : 0),
    },
  };
}

/** Places units up to `ceiling` (placement only, no policy check); the first count to check: the first that did not place, or the ceiling. */
function firstProbe(growth: Growth, ceiling: number): number {
  growTo(growth, ceiling);
  return Math.min(growth.unitsPlaced + 1, ceiling);
}

/**
 * The boundary of `holds`, which holds at 0, searched from the probe `first`:
 *   up:    while the probe holds, double it (up to `limit`; failsAt null if that holds too);
 *   down:  probe 1, 2, 4, ... below the last failure while the probes fail (a failing probe
 *          is cheap); one that holds narrows the interval to the step it jumped, at most half
 *          of it, and the steps restart at 1 below the last failure.
 * Holding probes are at most log2 of the interval, as for a binary search, and only a few
 * when the boundary sits just below where placement stops, as it does on large clusters.
 */
function boundary(holds: (k: number) => boolean, first: number, limit: number): { holdsAt: number; failsAt: number | null } {
  let good = 0;
  let bad = first;
  while (holds(bad)) {
    good = bad;
    if (good >= limit) return { holdsAt: good, failsAt: null };
    bad = Math.min(2 * bad, limit);
  }
  while (bad - good > 1) {
    for (let step = 1; bad - step > good; step *= 2) {
      if (holds(bad - step)) {
        good = bad - step;
        break;
      }
      bad -= step;
    }
  }
  return { holdsAt: good, failsAt: bad };
}

/** Why `units` units do not work: the unit cannot be placed, or a scenario breaks the policy. */
function bindingAt(growth: Growth, strategy: Strategy, policy: PolicyOptions, units: number): Binding | null {
  if (units > growth.unitsPlaced) {
    // The search saw `units` fail to place, so growTo stopped at an unplaced VM.
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

/**
 * No more units than the room the placed inventory leaves in any one resource could hold, plus
 * one: where placement fails if the strategy checks that resource. A hint for the first probe,
 * never a claim: every count the search reports is checked.
 */
function capacityCeiling(growth: Growth): number {
  const { index, base, units } = growth;
  const room = (capacity: ArrayLike<number>, used: ArrayLike<number>): number => {
    let total = 0;
    for (let node = 0; node < index.nodeCount; node++) total += Math.max(0, capacity[node]! - used[node]!);
    return total;
  };
  const demand = (pick: (u: Unit) => number): number => units.reduce((sum, u) => sum + pick(u) * u.count, 0);
  const resources: Array<[number, number]> = [
    [room(index.cpuCap, base.cpuUsed), demand((u) => u.vmClass.vcpus)],
    [room(index.memCap, base.memUsed), demand((u) => u.vmClass.memGiB)],
    [room(index.gpuCap, base.gpuUsed), demand((u) => u.vmClass.gpus)],
  ];
  const bounds = resources.filter(([, need]) => need > 0).map(([free, need]) => Math.floor(free / need) + 1);
  return Math.min(Infinity, ...bounds);
}
