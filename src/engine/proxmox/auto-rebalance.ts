/**
 * Proxmox HA auto-rebalance (ha-manager 5.2.0, `crs: ha-auto-rebalance=1`): the decision of
 * `Manager.pm::load_balance`, with the imbalance measure and both scoring methods of
 * proxmox-resource-scheduling `scheduler.rs` (`calculate_node_imbalance`,
 * `score_best_balancing_migration_candidates[_topsis]`). Spec: docs/pve-ha-recovery.md §9.5.
 *
 * Node imbalance, the coefficient of variation of the node loads, in [0, sqrt(N - 1)]:
 *   load_n    = (cpu_n / maxCpu_n + mem_n / maxMem_n) / 2
 *   mean      = sum(load_n) / N
 *   sd        = sqrt(sum((load_n - mean)^2) / N)          (population sd, not sample)
 *   imbalance = sd / mean
 * 0 is perfectly even; sqrt(N - 1) is everything on one node.
 * Version modelled: the measure the upstream regression tests were written against (pve-ha-manager
 * src/test at b71218f, e.g. test-crs-static-auto-rebalance2 logs "from 1.41 to 0.94" on three
 * nodes). proxmox-resource-scheduling divides the CV by sqrt(N - 1) since 2026-04-30 (scaled to
 * [0, 1]; those tests would log 1.00 and 0.66); the tests are followed, so thresholds apply to the
 * unscaled CV. Reference: https://en.wikipedia.org/wiki/Coefficient_of_variation
 *
 * A candidate moves one bundle (a service and its positive-affinity partners, all started on the
 * same node and not moving, named by the byte-wise first member) to one of its allowed nodes:
 * node affinity's top-priority online nodes, minus nodes of negative partners, minus the source.
 * Its effect is taken "as if migrated": the bundle's load leaves the source (never below 0) and
 * joins the target, all other nodes unchanged.
 *   bruteforce: the lowest resulting imbalance, truncated to 15 decimals (f64::DIGITS) so values
 *               equal in their significant digits tie; ties go to (sid, source, target) byte-wise.
 *   topsis:     each candidate is an alternative [1 + rms cpu, 1 + max cpu, 1 + rms mem,
 *               1 + max mem] over the post-migration node fractions, ranked with the static
 *               scheduler's criteria (weights 1 : 2 : 5 : 10); exact ties keep candidate order.
 * The move is made only if it improves the imbalance by at least `margin`, relatively:
 *   (current - expected) / current >= margin.
 *
 * Conventions: nodes are summed in byte-wise name order (upstream sums in its own Vec order, so
 * results may differ from it in the last ulp). Which loads count is the caller's: the static
 * scheduler's full-size view, or the dynamic scheduler's measured base (usage.ts).
 * Complexity: O(C * N) for C candidates over N nodes. Pure: no argument is modified.
 */
import { topsisCloseness } from '../numeric/topsis.js';
import { nodeAffinityView } from './node-affinity.js';
import { resourceAffinityView } from './resource-affinity.js';
import type { CompiledRules } from './rules.js';
import { STATIC_CRITERIA, type StaticNodeLoad, loadAlternative } from './scheduler-static.js';
import type { ServiceStatus } from './service-status.js';
import { compareBytes } from './sid-order.js';

export type RebalanceMethod = 'bruteforce' | 'topsis';
export const REBALANCE_METHODS: readonly RebalanceMethod[] = ['bruteforce', 'topsis'];

export interface AutoRebalanceOptions {
  /** Imbalance (the CV of node loads) above which the cluster counts as unbalanced (`-threshold`). */
  threshold: number;
  method: RebalanceMethod;
  /** Consecutive CRM rounds above the threshold before acting (`-hold-duration`). */
  holdRounds: number;
  /** Least relative improvement in [0, 1] worth a migration (`-margin`). */
  margin: number;
}

/** Defaults of the datacenter.cfg `crs` property (§9.5). */
export const AUTO_REBALANCE_DEFAULTS: Readonly<AutoRebalanceOptions> = { threshold: 0.3, method: 'bruteforce', holdRounds: 3, margin: 0.1 };

/** What a bundle uses on its node: cores and bytes. */
export interface ResourceLoad {
  cpu: number;
  memBytes: number;
}

export interface MigrationCandidate {
  /** The bundle's leader: its byte-wise first member. */
  sid: string;
  /** Every member of the bundle, leader first, byte-sorted. */
  members: string[];
  source: string;
  target: string;
  load: ResourceLoad;
}

export interface ScoredMigration {
  candidate: MigrationCandidate;
  /** Expected imbalance after the migration, truncated to 15 decimals. */
  imbalance: number;
}

/** The node imbalance in [0, sqrt(N - 1)]; lower is better. */
export function nodeImbalance(nodes: readonly StaticNodeLoad[]): number {
  // Fewer than two nodes: nothing to balance between.
  if (nodes.length < 2) return 0;
  const loads = byName(nodes).map((node) => (node.usedCpu / node.maxCpu + node.usedMemBytes / node.maxMemBytes) / 2);
  const total = loads.reduce((sum, load) => sum + load, 0);
  // An idle cluster is perfectly balanced (and the mean would divide by 0).
  if (total === 0) return 0;
  const mean = total / loads.length;
  const squaredDeviations = loads.reduce((sum, load) => sum + (load - mean) ** 2, 0);
  const standardDeviation = Math.sqrt(squaredDeviations / loads.length);
  return standardDeviation / mean;
}

/** The node loads as if `candidate` had moved; the source never drops below zero. */
export function loadsAfter(nodes: readonly StaticNodeLoad[], candidate: MigrationCandidate): StaticNodeLoad[] {
  return nodes.map((node) => {
    if (node.name === candidate.source) {
      return { ...node, usedCpu: Math.max(0, node.usedCpu - candidate.load.cpu), usedMemBytes: Math.max(0, node.usedMemBytes - candidate.load.memBytes) };
    }
    if (node.name === candidate.target) {
      return { ...node, usedCpu: node.usedCpu + candidate.load.cpu, usedMemBytes: node.usedMemBytes + candidate.load.memBytes };
    }
    return node;
  });
}

/**
 * Every bundle that may move, with each allowed target, in (leader sid, target) byte order.
 * `online` are the online nodes; `loadOf` is a service's load on its node.
 */
export function balancingCandidates(
  rules: CompiledRules,
  statuses: ReadonlyMap<string, ServiceStatus>,
  online: ReadonlySet<string>,
  loadOf: (sid: string) => ResourceLoad,
): MigrationCandidate[] {
  const stationary = (status: ServiceStatus | undefined): status is ServiceStatus =>
    status !== undefined && status.state === 'started' && status.target === undefined && status.cmd === undefined && online.has(status.node);
  const candidates: MigrationCandidate[] = [];
  for (const sid of [...statuses.keys()].sort(compareBytes)) {
    const source = statuses.get(sid)!.node;
    const members = [sid, ...(rules.resourceAffinity.positive.get(sid) ?? [])].filter((member) => statuses.has(member)).sort(compareBytes);
    // A bundle is considered once, under its leader.
    if (members[0] !== sid) continue;
    // Our choice where upstream is silent: a bundle with a member that is moving, stopped or
    // elsewhere is left alone rather than split.
    if (!members.every((member) => stationary(statuses.get(member)) && statuses.get(member)!.node === source)) continue;
    const targets = nodeAffinityView(rules.nodeAffinity.get(sid), online).preferred;
    for (const member of members) {
      for (const node of resourceAffinityView(rules.resourceAffinity, member, statuses, online).separate) targets.delete(node);
    }
    targets.delete(source);
    const load = members.map(loadOf).reduce((sum, one) => ({ cpu: sum.cpu + one.cpu, memBytes: sum.memBytes + one.memBytes }), { cpu: 0, memBytes: 0 });
    for (const target of [...targets].sort(compareBytes)) candidates.push({ sid, members, source, target, load });
  }
  return candidates;
}

/** The best migration by `method`, or undefined without candidates. */
export function selectBalancingMigration(
  nodes: readonly StaticNodeLoad[],
  candidates: readonly MigrationCandidate[],
  method: RebalanceMethod,
): ScoredMigration | undefined {
  // No candidates: nothing to score (TOPSIS needs at least one alternative).
  if (candidates.length === 0) return undefined;
  const scored = (candidate: MigrationCandidate): ScoredMigration => ({ candidate, imbalance: truncateDigits(nodeImbalance(loadsAfter(nodes, candidate))) });
  if (method === 'topsis') {
    const closeness = topsisCloseness(candidates.map((candidate) => postMigrationAlternative(nodes, candidate)), STATIC_CRITERIA);
    // Array.prototype.sort is stable: exact ties keep candidate order.
    const best = candidates.map((_, index) => index).sort((a, b) => closeness[b]! - closeness[a]!)[0]!;
    return scored(candidates[best]!);
  }
  return candidates.map(scored).sort((a, b) => a.imbalance - b.imbalance || compareMigrations(a.candidate, b.candidate))[0];
}

/** Relative improvement from `current` to `expected`; 0 when there is nothing to improve. */
export function relativeImprovement(current: number, expected: number): number {
  // A perfectly balanced cluster cannot improve (and would divide by 0).
  if (current === 0) return 0;
  return (current - expected) / current;
}

function postMigrationAlternative(nodes: readonly StaticNodeLoad[], candidate: MigrationCandidate): number[] {
  const after = byName(loadsAfter(nodes, candidate));
  return loadAlternative(after.map((node) => node.usedCpu / node.maxCpu), after.map((node) => node.usedMemBytes / node.maxMemBytes));
}

function compareMigrations(a: MigrationCandidate, b: MigrationCandidate): number {
  return compareBytes(a.sid, b.sid) || compareBytes(a.source, b.source) || compareBytes(a.target, b.target);
}

/** Keeps 15 decimals (f64::DIGITS), dropping the rest toward zero. */
function truncateDigits(value: number): number {
  const factor = 1e15;
  return Math.trunc(value * factor) / factor;
}

function byName(nodes: readonly StaticNodeLoad[]): StaticNodeLoad[] {
  return [...nodes].sort((a, b) => compareBytes(a.name, b.name));
}
