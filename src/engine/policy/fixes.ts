/**
 * The fix for a "does not fit": the smallest changes that make one VM run, in steady state (an
 * unplaced VM) or after a failure (an HA VM lost for capacity), each checked by re-running the
 * engine on the changed cluster before it is shown (the same applyChange, placement and failure
 * simulation as `check`). Kinds, from the nodes' reasons for refusing the VM:
 *
 *   move-vm    a node refuses it for room alone: the smallest VM there (memory) whose move to a
 *              node that passes every filter for it (not a failed one; the roomiest) frees enough;
 *              its GiB are what crosses the network: memory, or the disk of a local pool;
 *   grow-node  a node refuses it for room alone: that node with the shortfall added, in whole
 *              GiB of memory, whole threads and GPUs, through the overcommit ratios:
 *                addMemGiB   = ceil((requested - free) / memOvercommit)
 *                addThreads  = ceil((requested - free) / cpuOvercommit)
 *                addGpus     = requested - free (GPUs are not overcommitted)
 *   relax-rule a rule shuts the VM out of a node: the VM leaves its anti-affinity group (and any HA
 *              negative rule naming it with the VMs it conflicts with), its CSV affinity, or the HA
 *              node-affinity rule naming it;
 *   add-node   the fewest nodes like an existing one (node-remedy.ts, judged by this VM fitting).
 *
 * Every candidate that passes its check is listed; `cheapest` is the first in the order: no
 * hardware and no rule change first (move-vm, fewest GiB), then hardware (grow-node, fewest GiB
 * then threads added; then add-node), a relaxed rule last (it weakens what the cluster promises).
 * A fix makes this VM fit; whether the whole policy then holds is `check`'s question.
 * Complexity: one placement and one failure simulation per candidate; at most
 * nodes × (1 + MOVES_TRIED) + rules + node-remedy's candidates.
 */
import type { Cluster, VmRequirements } from '../model/cluster.js';
import { NO_INDEX } from '../model/cluster-index.js';
import { assign, stopVm, type ClusterState } from '../model/state.js';
import { failureContext } from '../failure/context.js';
import { RESTARTED, RUNNING, simulateFailure } from '../failure/simulate.js';
import { explainRejections, passesAllFilters } from '../placement/pipeline.js';
import { placedState, strategyNamed } from '../placement/plan.js';
import type { NodeRejection, Reason } from '../placement/types.js';
import { applyChange, NO_CHANGE, strategyAfterChange, type ClusterChange } from './change.js';
import { placementByName } from './change-verdict.js';
import type { PolicyOptions } from './failover-policy.js';
import { cheapestNodeAddition } from './node-remedy.js';

const MOVES_TRIED = 3;

/**
 * Most VMs a command gives fixes for. Each fix costs placements of the whole cluster, and when
 * more VMs than this do not fit, the answer is capacity (the remedy), not one VM at a time: then
 * none are computed and all are counted as omitted.
 */
export const MAX_VMS_FIXED = 10;

export type Fix =
  | { kind: 'move-vm'; vm: string; from: string; to: string; gib: number }
  | { kind: 'grow-node'; node: string; addMemGiB: number; addThreads: number; addGpus: number }
  | { kind: 'relax-rule'; rule: string; what: 'anti-affinity-group' | 'ha-rule' | 'affinity' }
  | { kind: 'add-node'; like: string; count: number };

export interface VmFixes {
  vm: string;
  /** The failed nodes, empty for a VM that does not fit in steady state. */
  failed: string[];
  fixes: Fix[];
  cheapest: Fix | null;
  /** Candidate changes checked by re-running the engine. */
  checked: number;
}

export function fixesFor(cluster: Cluster, strategyName: string, policy: PolicyOptions, vmName: string, failed: readonly string[]): VmFixes {
  const placedOn = placementByName(cluster, strategyName);
  let checked = 0;
  const fits = (change: ClusterChange, layout: ReadonlyMap<string, string> = placedOn): boolean => {
    checked++;
    return vmRuns(applyChange(cluster, change, layout), strategyAfterChange(strategyName, change), vmName, failed);
  };
  const { state, rejections } = whyNot(cluster, strategyName, vmName, failed);
  const vm = state.index.vmIndex.get(vmName)!;
  const roomOnly = rejections.filter((r) => r.reasons.length > 0 && r.reasons.every((reason) => reason.code === 'insufficient'));

  const fixes: Fix[] = [];
  for (const { node } of roomOnly) {
    const move = moveThatMakesRoom(state, vm, state.index.nodeIndex.get(node)!, (candidate) => fits(NO_CHANGE, new Map([...placedOn, [candidate.vm, candidate.to]])));
    if (move !== null) fixes.push(move);
  }
  for (const { node, reasons } of roomOnly) {
    const grow = growth(cluster, node, reasons);
    if (fits({ ...NO_CHANGE, resizeNodes: [{ name: node, patch: grow.patch }] })) fixes.push({ kind: 'grow-node', node, addMemGiB: grow.addMemGiB, addThreads: grow.addThreads, addGpus: grow.addGpus });
  }
  const nodeRemedy = cheapestNodeAddition(cluster, strategyName, policy, (change) => fits(change));
  if (nodeRemedy.remedy !== null) fixes.push({ kind: 'add-node', like: nodeRemedy.remedy.like, count: nodeRemedy.remedy.added.length });
  for (const relax of relaxations(cluster, vmName, rejections)) if (fits(relax.change)) fixes.push(relax.fix);

  const ranked = [...fixes].sort((a, b) => cost(a) - cost(b));
  return { vm: vmName, failed: [...failed], fixes: ranked, cheapest: ranked[0] ?? null, checked };
}

/** Fixes for each VM of `wanted` (failed nodes, [] in steady state), or none when there are more than MAX_VMS_FIXED. */
export function fixesForEach(cluster: Cluster, strategyName: string, policy: PolicyOptions, wanted: ReadonlyArray<{ vm: string; failed: readonly string[] }>): { fixes: VmFixes[]; fixesOmitted: number } {
  if (wanted.length > MAX_VMS_FIXED) return { fixes: [], fixesOmitted: wanted.length };
  return { fixes: wanted.map(({ vm, failed }) => fixesFor(cluster, strategyName, policy, vm, failed)), fixesOmitted: 0 };
}

/** Whether `vmName` runs on the cluster as placed, after `failed` fail when given. */
function vmRuns(cluster: Cluster, strategyName: string, vmName: string, failed: readonly string[]): boolean {
  const strategy = strategyNamed(strategyName);
  const { index, state } = placedState(cluster, strategy, false);
  const vm = index.vmIndex.get(vmName)!;
  if (failed.length === 0) return state.vmNode[vm] !== NO_INDEX;
  const outcome = simulateFailure(failureContext(state, strategy), failed.map((name) => index.nodeIndex.get(name)!), false);
  return outcome.code[vm] === RUNNING || outcome.code[vm] === RESTARTED;
}

/** The state the VM met and every node's reasons for refusing it there (nodes up only). */
function whyNot(cluster: Cluster, strategyName: string, vmName: string, failed: readonly string[]): { state: ClusterState; rejections: NodeRejection[] } {
  const strategy = strategyNamed(strategyName);
  const { index, state } = placedState(cluster, strategy, false);
  const vm = index.vmIndex.get(vmName)!;
  if (failed.length === 0) return { state, rejections: explainRejections(state, vm) };
  const outcome = simulateFailure(failureContext(state, strategy), failed.map((name) => index.nodeIndex.get(name)!), true);
  return { state, rejections: outcome.rejections.get(vm) ?? [] };
}

/**
 * On `node`, the smallest VMs (memory) that the VM's fit is waiting for: each taken off in turn,
 * moved to the roomiest other node that passes every filter for it (never a failed node, so the
 * state is the one before the failure), kept when `works` confirms it.
 */
function moveThatMakesRoom(state: ClusterState, vm: number, node: number, works: (move: { vm: string; to: string }) => boolean): Fix | null {
  const { index } = state;
  const residents: number[] = [];
  for (let other = 0; other < index.vmCount; other++) if (other !== vm && state.vmNode[other] === node && index.vmGpus[other] === 0) residents.push(other);
  residents.sort((a, b) => index.vmMem[a]! - index.vmMem[b]! || a - b);
  let tried = 0;
  for (const other of residents) {
    // Only a VM whose room, added to what is free, covers the request in CPU and in memory.
    const memoryCovered = index.vmMem[other]! + index.memCap[node]! - state.memUsed[node]! >= index.vmMem[vm]! - 1e-9;
    const cpuCovered = index.vmCpu[other]! + index.cpuCap[node]! - state.cpuUsed[node]! >= index.vmCpu[vm]! - 1e-9;
    if (!memoryCovered || !cpuCovered) continue;
    const to = roomiestTarget(state, other, node);
    if (to === NO_INDEX) continue;
    if (tried++ === MOVES_TRIED) break;
    const move = { vm: index.cluster.vms[other]!.name, to: index.nodes[to]!.name };
    // A local disk is copied (offline), a shared one is not: memory crosses the network.
    const onLocalDisk = index.instanceShared[state.vmInstance[other]!] === 0;
    if (works(move)) return { kind: 'move-vm', vm: move.vm, from: index.nodes[node]!.name, to: move.to, gib: onLocalDisk ? index.vmDisk[other]! : index.vmMem[other]! };
  }
  return null;
}

/** The node with the most free memory (fraction) that passes every filter for `vm` as it runs, `exclude` aside. */
function roomiestTarget(state: ClusterState, vm: number, exclude: number): number {
  const { index } = state;
  const from = state.vmNode[vm]!;
  stopVm(state, vm);
  let best = NO_INDEX;
  let bestFree = -Infinity;
  for (let node = 0; node < index.nodeCount; node++) {
    if (node === exclude || !passesAllFilters(state, vm, node)) continue;
    const free = (index.memCap[node]! - state.memUsed[node]!) / index.memCap[node]!;
    if (free > bestFree + 1e-12) [best, bestFree] = [node, free];
  }
  assign(state, vm, from);
  return best;
}

function growth(cluster: Cluster, nodeName: string, reasons: readonly Reason[]): { patch: { memGiB?: number; cpuThreads?: number; gpus?: number }; addMemGiB: number; addThreads: number; addGpus: number } {
  const node = cluster.nodes.find((n) => n.name === nodeName)!;
  const short = (resource: 'memGiB' | 'cpu' | 'gpus'): number => {
    const reason = reasons.find((r) => r.code === 'insufficient' && r.resource === resource);
    return reason?.code === 'insufficient' ? reason.requested - reason.free : 0;
  };
  // Not short of a resource: nothing to add (and never -0 from the tolerance).
  const addMemGiB = Math.max(0, Math.ceil(short('memGiB') / cluster.policy.memOvercommit - 1e-9));
  const addThreads = Math.max(0, Math.ceil(short('cpu') / cluster.policy.cpuOvercommit - 1e-9));
  // GPUs of the node's own model (the gpu-model filter refuses other models before capacity).
  const addGpus = Math.max(0, short('gpus'));
  const patch = {
    ...(addMemGiB > 0 ? { memGiB: node.memGiB + addMemGiB } : {}),
    ...(addThreads > 0 ? { cpuThreads: node.cpuThreads + addThreads } : {}),
    ...(addGpus > 0 ? { gpus: node.gpus + addGpus } : {}),
  };
  return { patch, addMemGiB, addThreads, addGpus };
}

/** One candidate per kind of rule in the reasons: the change that lifts it, and the fix it is shown as. */
function relaxations(cluster: Cluster, vmName: string, rejections: readonly NodeRejection[]): Array<{ change: ClusterChange; fix: Fix }> {
  const spec = cluster.vms.find((v) => v.name === vmName)!;
  const reasons = rejections.flatMap((r) => r.reasons);
  const rules = cluster.ha?.rules ?? [];
  const candidates: Array<{ change: ClusterChange; fix: Fix }> = [];
  const conflicting = new Set(reasons.flatMap((r) => (r.code === 'anti-affinity' ? r.conflictsWith : [])));
  if (conflicting.size > 0) {
    const negative = rules.filter((rule) => rule.type === 'resource-affinity' && rule.affinity === 'negative' && rule.resources.includes(vmName) && rule.resources.some((other) => conflicting.has(other)));
    const update: ClusterChange['updateVms'] = spec.antiAffinity === null ? [] : [{ name: vmName, patch: { antiAffinity: null } as Partial<VmRequirements> }];
    const change: ClusterChange = { ...NO_CHANGE, updateVms: update, ha: { ...NO_CHANGE.ha, removeRules: negative.map((rule) => rule.id) } };
    const names = [...(spec.antiAffinity === null ? [] : [`anti-affinity group ${spec.antiAffinity}`]), ...negative.map((rule) => `HA rule ${rule.id}`)];
    if (names.length > 0) candidates.push({ change, fix: { kind: 'relax-rule', rule: names.join(' and '), what: spec.antiAffinity === null ? 'ha-rule' : 'anti-affinity-group' } });
  }
  if (reasons.some((r) => r.code === 'node-affinity')) {
    const nodeRule = rules.find((rule) => rule.type === 'node-affinity' && rule.resources.includes(vmName));
    if (nodeRule !== undefined) candidates.push({ change: { ...NO_CHANGE, ha: { ...NO_CHANGE.ha, removeRules: [nodeRule.id] } }, fix: { kind: 'relax-rule', rule: `HA rule ${nodeRule.id}`, what: 'ha-rule' } });
    else if (spec.affinity !== null) candidates.push({ change: { ...NO_CHANGE, updateVms: [{ name: vmName, patch: { affinity: null } }] }, fix: { kind: 'relax-rule', rule: `affinity ${spec.affinity.nodes.join(', ')}`, what: 'affinity' } });
  }
  return candidates;
}

/** The ranking of `cheapest`: kind first (move, grow, add a node, relax a rule), then the amount. */
function cost(fix: Fix): number {
  switch (fix.kind) {
    case 'move-vm':
      return fix.gib;
    case 'grow-node':
      return 1e6 + fix.addGpus * 1e3 + fix.addMemGiB + fix.addThreads / 1e3;
    case 'add-node':
      return 2e6 + fix.count;
    case 'relax-rule':
      return 3e6;
  }
}
