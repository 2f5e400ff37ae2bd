/**
 * Least allocated (worst fit, spread): prefer the node left with the most room.
 *   score = 1 − mean_r (used_r + requested_r) / capacity_r      in [0, 1], higher is better
 * Reference: Kubernetes NodeResourcesFit `LeastAllocated`. Mean over the resources listed in
 * free-fraction.ts. O(1).
 */
import type { ScoreBound, Scorer } from '../types.js';
import { LOAD_SLOTS, loadsAfter, meanOf } from './free-fraction.js';

const loads = new Float64Array(LOAD_SLOTS);

export const leastAllocated: Scorer = (state, vm, node) => 1 - meanOf(loads, loadsAfter(state, vm, node, loads));

/** Upper bound over a subtree (score-index.ts): one minus the lower bound of the loads' sum over their count. */
export const leastAllocatedBound: ScoreBound = ({ count, lowSum }) => 1 - lowSum / count;
