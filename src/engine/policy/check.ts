/**
 * `check`: does the cluster still keep its failover policy after a change? Both sides are
 * placed with the same strategy and evaluated against the same policy; the answer is the
 * "after" verdict, with what the change made break or fixed, which VMs moved or no longer fit,
 * what it did to the HA rules, the load per node before and after, and each service's expected
 * downtime before and after (the analytic method of `availability`: cheap, no simulation). A change of CRS mode
 * switches a Proxmox strategy on the "after" side (strategyAfterChange).
 */
import type { Cluster } from '../model/cluster.js';
import { planPlacement, strategyNamed } from '../placement/plan.js';
import type { NodeUsage } from '../model/usage.js';
import { applyChange, strategyAfterChange, type ClusterChange } from './change.js';
import { evaluatePolicy, policyScenarios, type PolicyOptions, type PolicyResult } from './failover-policy.js';
import { fixesForEach, type VmFixes } from './fixes.js';
import { haDifference, type HaDifference } from './ha-difference.js';
import { analyticAvailability, availabilitySetup } from '../availability/availability.js';
import { DEFAULT_AVAILABILITY } from '../availability/defaults.js';
import type { ClusterState } from '../model/state.js';

/** A service's expected downtime, analytic, before and after the change (null: no such service on that side). */
export interface DowntimeChange {
  service: string;
  rule: string;
  beforeMinutesPerYear: number | null;
  afterMinutesPerYear: number | null;
  /** after - before, when both exist. */
  changeMinutesPerYear: number | null;
}

export interface ChangeSide {
  strategy: string;
  holds: boolean;
  vms: number;
  nodes: number;
  unplaced: string[];
  policy: PolicyResult;
  load: NodeUsage[];
}

export interface ChangeCheck {
  strategy: string;
  policy: string;
  holds: boolean;
  before: ChangeSide;
  after: ChangeSide;
  difference: {
    /** Scenarios that break the policy after the change and did not before. */
    newBreaches: string[];
    /** Scenarios that broke it before and no longer do. */
    fixedBreaches: string[];
    newlyUnplaced: string[];
    moved: Array<{ vm: string; from: string; to: string }>;
    load: Array<{ node: string; cpuPercent: [number | null, number | null]; memPercent: [number | null, number | null] }>;
    ha: HaDifference;
    /** Expected downtime per service (the analytic method of `availability`) where the change moves it, the largest change first (downtimeChanges). */
    downtime: DowntimeChange[];
  };
  /** For the VMs the change leaves without a node or lost for capacity in a scenario, the changes that make each fit again, checked on the cluster after the change (none past MAX_VMS_FIXED VMs, counted in fixesOmitted). */
  fixes: VmFixes[];
  fixesOmitted: number;
}

export function checkChange(cluster: Cluster, change: ClusterChange, strategyName: string, policy: PolicyOptions): ChangeCheck {
  const side = (c: Cluster, sideStrategy: string) => {
    const placed = planPlacement(c, sideStrategy);
    const result = evaluatePolicy(placed.state, strategyNamed(sideStrategy), policy);
    const summary: ChangeSide = {
      strategy: sideStrategy,
      holds: result.holds,
      vms: c.vms.length,
      nodes: c.nodes.length,
      unplaced: placed.result.unplaced.map((u) => u.vm),
      policy: result,
      load: placed.result.nodes,
    };
    return { summary, cluster: c, index: placed.index, ha: c.ha, dropped: placed.index.ha.rules?.dropped ?? [], nodeOf: new Map(placed.result.placements.map((p) => [p.vm, p.node])), downtime: downtimeOf(c, placed.state, sideStrategy) };
  };
  const before = side(cluster, strategyName);
  const afterStrategy = strategyAfterChange(strategyName, change);
  const after = side(applyChange(cluster, change, before.nodeOf), afterStrategy);
  const failedIn = new Map(policyScenarios(after.index, policy.scenarios).map((scenario) => [scenario.label, scenario.failed]));
  const toFix = [
    ...after.summary.unplaced.map((vm) => ({ vm, failed: [] as string[] })),
    ...after.summary.policy.breaches.flatMap((b) => b.vmsDown.filter((d) => d.reason === 'no-capacity').map((d) => ({ vm: d.vm, failed: failedIn.get(b.scenario) ?? [] }))),
  ];
  const breaking = (s: ChangeSide) => new Set(s.policy.breaches.map((b) => b.scenario));
  const [broke, breaks] = [breaking(before.summary), breaking(after.summary)];
  const loadOf = (s: ChangeSide) => new Map(s.load.map((n) => [n.name, n]));
  const [loadBefore, loadAfter] = [loadOf(before.summary), loadOf(after.summary)];
  const nodeNames = [...new Set([...loadBefore.keys(), ...loadAfter.keys()])];
  return {
    strategy: strategyName,
    policy: after.summary.policy.policy,
    holds: after.summary.holds,
    before: before.summary,
    after: after.summary,
    difference: {
      newBreaches: [...breaks].filter((s) => !broke.has(s)),
      fixedBreaches: [...broke].filter((s) => !breaks.has(s)),
      newlyUnplaced: after.summary.unplaced.filter((vm) => !before.summary.unplaced.includes(vm)),
      moved: [...after.nodeOf].flatMap(([vm, to]) => {
        const from = before.nodeOf.get(vm);
        return from !== undefined && from !== to ? [{ vm, from, to }] : [];
      }),
      load: nodeNames.map((node) => ({
        node,
        cpuPercent: [loadBefore.get(node)?.percent.cpu ?? null, loadAfter.get(node)?.percent.cpu ?? null],
        memPercent: [loadBefore.get(node)?.percent.memGiB ?? null, loadAfter.get(node)?.percent.memGiB ?? null],
      })),
      ha: haDifference(before.ha, after.ha, before.dropped, after.dropped),
      downtime: downtimeChanges(before.downtime, after.downtime),
    },
    ...fixesForEach(after.cluster, afterStrategy, policy, toFix),
  };
}

interface ServiceDowntime {
  rule: string;
  minutes: number;
  /** Declared in `services:`, not a VM's service of its own. */
  declared: boolean;
}

function downtimeOf(cluster: Cluster, state: ClusterState, strategy: string): Map<string, ServiceDowntime> {
  const declared = new Set((cluster.services ?? []).map((s) => s.name));
  const services = analyticAvailability(availabilitySetup(state, strategyNamed(strategy), cluster.availability ?? DEFAULT_AVAILABILITY));
  return new Map(services.map((s) => [s.name, { rule: s.rule, minutes: s.analytic.downtimeMinutesPerYear, declared: declared.has(s.name) }]));
}

/**
 * Every service whose figure the change moves, and every declared service only one side has. A
 * VM's own service that comes or goes with the VM is the change itself (listed with the VMs), so
 * `check --add class:3750` does not list 3,750 new services.
 */
function downtimeChanges(before: ReadonlyMap<string, ServiceDowntime>, after: ReadonlyMap<string, ServiceDowntime>): DowntimeChange[] {
  const names = [...new Set([...before.keys(), ...after.keys()])].filter((name) => {
    const [b, a] = [before.get(name), after.get(name)];
    return b !== undefined && a !== undefined ? a.minutes !== b.minutes : (a ?? b)!.declared;
  });
  const changes = names.map((service): DowntimeChange => {
    const [b, a] = [before.get(service), after.get(service)];
    const change = a !== undefined && b !== undefined ? Math.round((a.minutes - b.minutes) * 1000) / 1000 : null;
    return { service, rule: (a ?? b)!.rule, beforeMinutesPerYear: b?.minutes ?? null, afterMinutesPerYear: a?.minutes ?? null, changeMinutesPerYear: change };
  });
  // Largest change first (a service only on one side counts as the largest); ties keep the services' order.
  const size = (c: DowntimeChange): number => (c.changeMinutesPerYear === null ? Infinity : Math.abs(c.changeMinutesPerYear));
  return changes.sort((x, y) => size(y) - size(x));
}
