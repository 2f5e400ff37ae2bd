/**
 * Most allocated (best fit, pack): prefer the node left with the least room.
 *   score = mean_r (used_r + requested_r) / capacity_r          in [0, 1], higher is better
 * Reference: Kubernetes NodeResourcesFit `MostAllocated`; the multi-dimensional best fit of
 * Panigrahy et al. 2011 measured by the mean load. O(1).
 */
import type { ScoreBound, Scorer } from '../types.js';
import { LOAD_SLOTS, loadsAfter, meanOf } from './free-fraction.js';

const loads = new Float64Array(LOAD_SLOTS);

export const mostAllocated: Scorer = (state, vm, node) => meanOf(loads, loadsAfter(state, vm, node, loads));

/** Upper bound over a subtree (score-index.ts): the upper bound of the loads' sum over their count. */
export const mostAllocatedBound: ScoreBound = ({ count, highSum }) => highSum / count;
