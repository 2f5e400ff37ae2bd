/**
 * A load-only balancer in the style of ProxLB (github.com/gyptazy/ProxLB, balancing by assigned
 * memory, the default "balanciness" of 10 percentage points): while the most and the least loaded
 * node (memory in use / memory the node may promise) differ by more than 10 points, move the
 * largest VM (memory) of the most loaded node that its rules allow on the least loaded one and
 * that narrows that gap; stop when none does. It looks at load alone: where the moves leave the
 * N+1 margin is for the comparison to show. Rules are honoured (the placement filters), as
 * ProxLB honours its affinity and anti-affinity tags.
 * Complexity per move: O(nodes + VMs on the most loaded node × filters).
 */
import { cloneState } from '../model/state.js';
import type { ClusterState } from '../model/state.js';
import { passesAllFilters } from '../placement/pipeline.js';
import type { PassResult } from './pve-auto-rebalance-pass.js';
import { applyMove, isMovable, vmsOn } from './movable.js';

export const BALANCINESS_POINTS = 10;

export function proxlbGreedyPass(base: ClusterState, maxMoves: number): PassResult {
  const state = cloneState(base);
  const { index } = state;
  const moves: PassResult['moves'] = [];
  const percent = (node: number, memUsed = state.memUsed[node]!): number => (100 * memUsed) / index.memCap[node]!;
  while (moves.length < maxMoves) {
    const up = index.nodes.map((_, n) => n).filter((n) => state.nodeUp[n] === 1);
    if (up.length < 2) return { state, moves, stoppedBy: 'no-move' };
    const fullest = up.reduce((a, b) => (percent(b) > percent(a) + 1e-12 ? b : a));
    const emptiest = up.reduce((a, b) => (percent(b) < percent(a) - 1e-12 ? b : a));
    const gap = percent(fullest) - percent(emptiest);
    if (gap <= BALANCINESS_POINTS) return { state, moves, stoppedBy: 'below-threshold' };
    const largestFirst = vmsOn(state, fullest).filter((vm) => isMovable(state, vm)).sort((a, b) => index.vmMem[b]! - index.vmMem[a]! || a - b);
    const vm = largestFirst.find((candidate) => {
      const mem = index.vmMem[candidate]!;
      const narrower = Math.abs(percent(fullest, state.memUsed[fullest]! - mem) - percent(emptiest, state.memUsed[emptiest]! + mem)) < gap - 1e-9;
      return narrower && passesAllFilters(state, candidate, emptiest);
    });
    if (vm === undefined) return { state, moves, stoppedBy: 'no-move' };
    moves.push(applyMove(state, vm, emptiest));
  }
  return { state, moves, stoppedBy: 'max-moves' };
}
