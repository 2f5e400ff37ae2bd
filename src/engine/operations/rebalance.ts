/**
 * `rebalance`: the moves, at most `maxMoves`, in the order they run, that most improve the
 * objective (objective.ts), each one a single migration that passes every placement filter on the
 * state it finds (so every state in between keeps capacity and the rules) and strictly improves
 * the objective (so it never falls).
 *
 * Heuristic: greedy best improvement, one move per round.
 *   n+1-margin: candidates are the VMs of the failure that hurts most (worstFailed), of its
 *     tightest survivor, and, when an HA VM is lost there, of the survivors that refused it for
 *     room alone: from each node its CANDIDATE_VMS / 2 largest and smallest movable VMs (memory),
 *     each to the TARGET_NODES up nodes with the most free memory (fraction) that pass every
 *     filter. Each candidate is measured in full (one failure simulation per node) on a copy;
 *     the best strictly better one wins, ties to fewer GiB, then VM and node order.
 *   balance: every movable VM of the LOADED_NODES most loaded nodes to every node up, ranked by
 *     the imbalance after it (imbalance-delta.ts, O(1) each); the first that passes every filter
 *     and lowers the imbalance (measured exactly) wins.
 * Stops at maxMoves or when no candidate improves. Deterministic: every tie is broken by index.
 * Complexity per round: n+1-margin O(candidates × nodes × restart cost), candidates at most
 * (2 + LOST_NODES) × CANDIDATE_VMS × TARGET_NODES; balance O(LOADED_NODES × VMs per node × nodes).
 */
import { failureContext } from '../failure/context.js';
import { simulateFailure } from '../failure/simulate.js';
import { NO_INDEX } from '../model/cluster-index.js';
import { cloneState, type ClusterState } from '../model/state.js';
import { passesAllFilters } from '../placement/pipeline.js';
import type { Strategy } from '../placement/types.js';
import { ImbalanceDelta } from './imbalance-delta.js';
import { priceMove, type Move } from './migration.js';
import { applyMove, isMovable, vmsOn } from './movable.js';
import { marginBetter, measureImbalance, measureMargin, type MarginMeasure, type RebalanceObjective } from './objective.js';

const CANDIDATE_VMS = 4;
const TARGET_NODES = 3;
const LOST_NODES = 3;
const LOADED_NODES = 8;

export interface RebalanceMove extends Omit<Move, 'parking' | 'to'> {
  to: string;
  /** The objective after this move: the n+1 margin (fraction) or the imbalance. */
  objectiveAfter: number;
}

export interface GreedyResult {
  state: ClusterState;
  moves: RebalanceMove[];
  stoppedBy: 'max-moves' | 'no-improving-move';
}

export function greedyRebalance(base: ClusterState, restartWith: Strategy, objective: RebalanceObjective, maxMoves: number): GreedyResult {
  let state = cloneState(base);
  const moves: RebalanceMove[] = [];
  while (moves.length < maxMoves) {
    const step = objective === 'n+1-margin' ? bestMarginMove(state, restartWith) : bestBalanceMove(state);
    if (step === null) return { state, moves, stoppedBy: 'no-improving-move' };
    state = step.state;
    moves.push(step.move);
  }
  return { state, moves, stoppedBy: 'max-moves' };
}

interface Step {
  state: ClusterState;
  move: RebalanceMove;
}

function bestMarginMove(state: ClusterState, restartWith: Strategy): Step | null {
  const now = measureMargin(state, restartWith);
  if (now.worstFailed === NO_INDEX) return null;
  let best: { step: Step; measure: MarginMeasure } | null = null;
  for (const [vm, to] of marginCandidates(state, restartWith, now)) {
    const after = cloneState(state);
    const move = applyMove(after, vm, to);
    const measure = measureMargin(after, restartWith);
    if (!marginBetter(measure, now)) continue;
    if (best === null || marginBetter(measure, best.measure) || (!marginBetter(best.measure, measure) && move.gib < best.step.move.gib)) {
      best = { step: { state: after, move: { ...withoutParking(move), objectiveAfter: round(measure.margin) } }, measure };
    }
  }
  return best?.step ?? null;
}

function marginCandidates(state: ClusterState, restartWith: Strategy, now: MarginMeasure): Array<[number, number]> {
  const { index } = state;
  const sources = [now.worstFailed, now.tightest];
  if (now.lostForCapacity > 0) {
    const outcome = simulateFailure(failureContext(state, restartWith), [now.worstFailed], true);
    const refusing = [...outcome.rejections.values()].flatMap((rejections) =>
      rejections.filter((r) => r.reasons.length > 0 && r.reasons.every((reason) => reason.code === 'insufficient')).map((r) => index.nodeIndex.get(r.node)!),
    );
    sources.push(...[...new Set(refusing)].sort((a, b) => a - b).slice(0, LOST_NODES));
  }
  const freeShare = (node: number): number => (index.memCap[node]! - state.memUsed[node]!) / index.memCap[node]!;
  const roomiest = index.nodes.map((_, n) => n).filter((n) => state.nodeUp[n] === 1).sort((a, b) => freeShare(b) - freeShare(a) || a - b);
  const candidates: Array<[number, number]> = [];
  const seen = new Set<string>();
  for (const source of [...new Set(sources)].filter((n) => n !== NO_INDEX)) {
    const residents = vmsOn(state, source).filter((vm) => isMovable(state, vm)).sort((a, b) => index.vmMem[b]! - index.vmMem[a]! || a - b);
    const half = CANDIDATE_VMS / 2;
    const picked = residents.length <= CANDIDATE_VMS ? residents : [...residents.slice(0, half), ...residents.slice(-half)];
    for (const vm of picked) {
      let targets = 0;
      for (const to of roomiest) {
        if (targets === TARGET_NODES) break;
        if (to === source || !passesAllFilters(state, vm, to)) continue;
        targets++;
        const key = `${vm}:${to}`;
        if (!seen.has(key)) candidates.push([vm, to]);
        seen.add(key);
      }
    }
  }
  return candidates;
}

function bestBalanceMove(state: ClusterState): Step | null {
  const { index } = state;
  const delta = new ImbalanceDelta(state);
  const current = measureImbalance(state);
  const up = index.nodes.map((_, n) => n).filter((n) => state.nodeUp[n] === 1);
  const loaded = [...up].sort((a, b) => delta.load(b) - delta.load(a) || a - b).slice(0, LOADED_NODES);
  const ranked: Array<{ vm: number; to: number; value: number; gib: number }> = [];
  for (const source of loaded) {
    for (const vm of vmsOn(state, source)) {
      if (!isMovable(state, vm)) continue;
      const gib = priceMove(state, vm, source, source, false).gib;
      for (const to of up) {
        if (to === source) continue;
        const value = delta.afterMove(vm, to);
        if (value < current - 1e-12) ranked.push({ vm, to, value, gib });
      }
    }
  }
  ranked.sort((a, b) => a.value - b.value || a.gib - b.gib || a.vm - b.vm || a.to - b.to);
  for (const { vm, to } of ranked) {
    if (!passesAllFilters(state, vm, to)) continue;
    const after = cloneState(state);
    const move = applyMove(after, vm, to);
    const imbalance = measureImbalance(after);
    if (imbalance < current) return { state: after, move: { ...withoutParking(move), objectiveAfter: round(imbalance) } };
  }
  return null;
}

/** The move as `rebalance --json` prints it: to always set (a rebalance never stops a VM), no parking flag. */
function withoutParking(move: Move): Omit<RebalanceMove, 'objectiveAfter'> {
  return { vm: move.vm, from: move.from, to: move.to!, kind: move.kind, gib: move.gib, seconds: move.seconds };
}

export function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}
