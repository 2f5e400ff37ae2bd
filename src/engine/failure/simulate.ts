/**
 * One failure scenario: fail the chosen nodes on a copy of the placed cluster and decide what
 * happens to every VM, as Proxmox VE would. The rules, in the order they apply:
 *
 * 1. Quorum (quorum.ts). Without it the HA stack recovers nothing, and every surviving node
 *    whose LRM runs HA services loses its watchdog lease and resets itself (self-fencing;
 *    Proxmox admin guide "HA / Fencing", pve-ha-manager LRM.pm and watchdog-mux), taking all
 *    its VMs down: `fenced`. VMs of the failed nodes: `no-quorum`.
 * 2. Storage. A VM whose disk is on a shared pool served by a failed node stops wherever it
 *    runs and cannot start until that node returns: `storage-lost`.
 * 3. VMs of failed nodes. Not HA-managed: `not-ha` (nothing restarts them). On a failed node's
 *    local disk: `local-disk`, unless the disk is replicated (pvesr) to a surviving node, where
 *    it then restarts, losing up to one replication interval of writes.
 * 4. HA VMs restart one at a time in restart order (context.ts), each through the same
 *    placement pipeline as `place` (chooseNode) with the failed nodes filtered out, on the
 *    state that already holds the VMs restarted before it. A GPU VM with no free GPU of its
 *    kind on any surviving node is `no-gpu`; otherwise a VM no node accepts is
 *    `node-affinity` (every allowed node is down), `anti-affinity` (some node would take it
 *    but for the rule) or `no-capacity`.
 *
 * The base state is never written: the scenario runs on cloneState(base), or on a scratch copy
 * a caller judging many scenarios in turn keeps (failureScratch), put back to the base by
 * resetScratch from the values of the base, never by arithmetic, so each scenario starts from
 * the same bits. First-fit strategies restart through a RoomIndex kept in step with the state,
 * which picks the node a scan of every node would (room-index.ts).
 * Cost: O(nodes + VMs) to copy (O(nodes + affected VMs) on a scratch), plus O(affected VMs ×
 * nodes × filters) to restart (about O(affected VMs × log nodes) for first fit).
 */
import { NO_INDEX } from '../model/cluster-index.js';
import { assign, cloneState, stopVm, type ClusterState } from '../model/state.js';
import { chooseNode, explainRejections, filtersOf, passesAllFilters, placementIndex, type PlacementIndex } from '../placement/pipeline.js';
import type { NodeRejection } from '../placement/types.js';
import { listOf, type FailureContext } from './context.js';
import { DOWN_REASONS, type DownReason } from './outcome.js';
import { hasQuorum } from './quorum.js';

/** Outcome codes per VM: RUNNING, RESTARTED, or DOWN_BASE + index in DOWN_REASONS. */
export const RUNNING = 0;
export const RESTARTED = 1;
export const DOWN_BASE = 2;
export const downCode = (reason: DownReason): number => DOWN_BASE + DOWN_REASONS.indexOf(reason);
const UNPLACED = downCode('unplaced');

export interface CompactOutcome {
  readonly quorate: boolean;
  readonly after: ClusterState;
  /** One outcome code per VM. */
  readonly code: Uint8Array;
  /** Node each restarted VM went to, or where a VM had run before it went down (NO_INDEX if never placed). */
  readonly from: Int32Array;
  /** Node rejections for VMs down for a placement reason; filled only when asked to explain. */
  readonly rejections: Map<number, NodeRejection[]>;
  /** Every VM whose code is not RUNNING (never-placed VMs first), so callers need not scan all VMs. */
  readonly touched: number[];
  /** touched[0 .. unplacedCount) are the never-placed VMs, `unplaced` in every scenario (fit's room for new VMs among them). */
  readonly unplacedCount: number;
}

/**
 * A copy of the base and outcome arrays, for one scenario at a time; resetScratch after each.
 * The never-placed VMs are marked once, with the touched list that starts with them, since
 * every scenario says the same of them. For first fit, its RoomIndex too, updated on every
 * node a scenario changes and again when the node is put back, so no scenario builds one.
 */
export interface FailureScratch {
  readonly after: ClusterState;
  readonly code: Uint8Array;
  readonly from: Int32Array;
  readonly touched: number[];
  readonly room: PlacementIndex | null;
}

export function failureScratch(context: FailureContext): FailureScratch {
  const { vmCount } = context.base.index;
  const after = cloneState(context.base);
  const code = new Uint8Array(vmCount);
  for (const vm of context.unplaced) code[vm] = UNPLACED;
  return { after, code, from: new Int32Array(vmCount).fill(NO_INDEX), touched: Array.from(context.unplaced), room: placementIndex(after, context.strategy) };
}

/**
 * Puts the scratch back to the base after `outcome` (simulated on it with `failedNodes`): every
 * value the scenario wrote belongs to a touched VM, the node it ran on or went to, the storage
 * instance it held or took, or a failed node, and each is copied back from the base.
 */
export function resetScratch(context: FailureContext, scratch: FailureScratch, outcome: CompactOutcome, failedNodes: readonly number[]): void {
  const { base } = context;
  const { after, code, from, touched, room } = scratch;
  const node = (n: number): void => {
    if (n === NO_INDEX) return;
    after.cpuUsed[n] = base.cpuUsed[n]!;
    after.memUsed[n] = base.memUsed[n]!;
    after.gpuUsed[n] = base.gpuUsed[n]!;
    after.guests[n] = base.guests[n]!;
    room?.update(n);
  };
  const instance = (i: number): void => {
    if (i !== NO_INDEX) after.instanceUsed[i] = base.instanceUsed[i]!;
  };
  for (let i = outcome.unplacedCount; i < touched.length; i++) {
    const vm = touched[i]!;
    node(base.vmNode[vm]!);
    node(after.vmNode[vm]!);
    instance(base.vmInstance[vm]!);
    instance(after.vmInstance[vm]!);
    after.vmNode[vm] = base.vmNode[vm]!;
    after.vmInstance[vm] = base.vmInstance[vm]!;
    code[vm] = RUNNING;
    from[vm] = NO_INDEX;
  }
  for (const n of failedNodes) {
    after.nodeUp[n] = base.nodeUp[n]!;
    room?.update(n);
  }
  touched.length = outcome.unplacedCount;
}

/** `scratch`: run on it instead of a fresh copy; the outcome is then valid until resetScratch. */
export function simulateFailure(context: FailureContext, failedNodes: readonly number[], explain: boolean, scratch: FailureScratch | null = null): CompactOutcome {
  const { base } = context;
  const { index } = base;
  const after = scratch?.after ?? cloneState(base);
  for (const node of failedNodes) after.nodeUp[node] = 0;
  const code = scratch?.code ?? new Uint8Array(index.vmCount);
  const from = scratch?.from ?? new Int32Array(index.vmCount).fill(NO_INDEX);
  const rejections = new Map<number, NodeRejection[]>();
  const unplacedCount = context.unplaced.length;
  const touched = scratch?.touched ?? Array.from(context.unplaced);
  if (scratch === null) for (const vm of touched) code[vm] = UNPLACED;

  const goDown = (vm: number, reason: DownReason): void => {
    if (code[vm] !== RUNNING) return;
    from[vm] = base.vmNode[vm]!;
    if (after.vmNode[vm] !== NO_INDEX) stopVm(after, vm);
    code[vm] = downCode(reason);
    touched.push(vm);
  };

  const quorate = hasQuorum(index, after.nodeUp);
  if (!quorate) {
    for (const node of failedNodes) for (const vm of listOf(context.runsOn, node)) goDown(vm, 'no-quorum');
    for (let node = 0; node < index.nodeCount; node++) {
      if (after.nodeUp[node] === 0) continue;
      const hosted = listOf(context.runsOn, node);
      if (hosted.some((vm) => index.vmHa[vm] === 1)) for (const vm of hosted) goDown(vm, 'fenced');
    }
  }
  for (const node of failedNodes) for (const vm of listOf(context.storedOn, node)) goDown(vm, 'storage-lost');
  if (!quorate) return { quorate, after, code, from, rejections, touched, unplacedCount };

  const toRestart: number[] = [];
  for (const node of failedNodes) {
    for (const vm of listOf(context.runsOn, node)) {
      if (code[vm] !== RUNNING) continue;
      if (index.vmHa[vm] === 0) goDown(vm, 'not-ha');
      else {
        stopVm(after, vm);
        from[vm] = node;
        toRestart.push(vm);
        touched.push(vm);
      }
    }
  }
  toRestart.sort((a, b) => context.restartRank[a]! - context.restartRank[b]!);

  const room = toRestart.length > 0 ? restartRoom(context, after, scratch, failedNodes, touched.slice(unplacedCount)) : null;
  for (const vm of toRestart) {
    const target = restartTarget(context, after, vm, room);
    if (typeof target === 'number') {
      assign(after, vm, target);
      room?.update(target);
      code[vm] = RESTARTED;
      continue;
    }
    code[vm] = downCode(target);
    if (explain && (target === 'no-capacity' || target === 'anti-affinity' || target === 'node-affinity')) {
      rejections.set(vm, explainRejections(after, vm, filtersOf(context.strategy)).filter((rejection) => !rejection.reasons.some((r) => r.code === 'node-down')));
    }
  }
  return { quorate, after, code, from, rejections, touched, unplacedCount };
}

/**
 * First fit's RoomIndex over `after` as the restarts find it: the scratch's, told of every node
 * changed so far (failed, or running a VM of `stopped`, the VMs touched so far), or a new one.
 */
function restartRoom(context: FailureContext, after: ClusterState, scratch: FailureScratch | null, failedNodes: readonly number[], stopped: readonly number[]): PlacementIndex | null {
  if (scratch === null) return placementIndex(after, context.strategy);
  const { room } = scratch;
  if (room === null) return null;
  for (const node of failedNodes) room.update(node);
  for (const vm of stopped) if (context.base.vmNode[vm] !== NO_INDEX) room.update(context.base.vmNode[vm]!);
  return room;
}

/** The node an HA VM restarts on, or why it cannot. */
function restartTarget(context: FailureContext, state: ClusterState, vm: number, room: PlacementIndex | null): number | DownReason {
  const { index } = state;
  const instance = context.base.vmInstance[vm]!;
  const onLocalDisk = index.instanceShared[instance] === 0;
  if (onLocalDisk) {
    // pvesr replicates a local disk to one target node; the VM can restart only there.
    const replica = index.cluster.vms[vm]!.replication;
    const target = replica === null ? NO_INDEX : index.nodeIndex.get(replica.target)!;
    if (target === NO_INDEX || state.nodeUp[target] === 0) return 'local-disk';
    return passesAllFilters(state, vm, target, filtersOf(context.strategy)) ? target : classifyNoFit(context, state, vm);
  }
  if (index.vmGpus[vm]! > 0 && !freeGpuSomewhere(state, vm)) return 'no-gpu';
  const node = chooseNode(state, vm, context.strategy, room);
  return node !== NO_INDEX ? node : classifyNoFit(context, state, vm);
}

/** A node that is up has a free GPU of the VM's model (any model when it names none). */
export function freeGpuSomewhere(state: ClusterState, vm: number): boolean {
  const { index } = state;
  const model = index.vmGpuModel[vm]!;
  for (let node = 0; node < index.nodeCount; node++) {
    if (state.nodeUp[node] === 0 || (model !== NO_INDEX && index.nodeGpuModel[node] !== model)) continue;
    if (index.gpuCap[node]! - state.gpuUsed[node]! >= index.vmGpus[vm]!) return true;
  }
  return false;
}

/**
 * Why no surviving node took the VM. `no-capacity` when some surviving node is refused only for
 * lack of room: the rules allow it there, so more room would save the VM (this includes a
 * strict rule made unsatisfiable by capacity). Otherwise the rule that shuts out every node:
 * `node-affinity` when all allowed nodes are down, `anti-affinity` when every node the pins
 * allow already runs a member of the group, and failing those the storage or GPU rule.
 */
function classifyNoFit(context: FailureContext, state: ClusterState, vm: number): DownReason {
  let pinnedOut = 0;
  let upNodes = 0;
  const seen = new Set<string>();
  for (const { reasons } of explainRejections(state, vm, filtersOf(context.strategy))) {
    if (reasons.some((r) => r.code === 'node-down')) continue;
    upNodes++;
    if (reasons.every((r) => r.code === 'insufficient')) return 'no-capacity';
    if (reasons.some((r) => r.code === 'node-affinity')) pinnedOut++;
    for (const r of reasons) seen.add(r.code);
  }
  if (pinnedOut === upNodes) return 'node-affinity';
  if (seen.has('anti-affinity')) return 'anti-affinity';
  if (seen.has('storage-unreachable') || seen.has('storage-offline')) return 'storage-lost';
  return seen.has('gpu-model') ? 'no-gpu' : 'no-capacity';
}
