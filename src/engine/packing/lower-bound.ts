/**
 * The cheap lower bound every report carries: the best of the volume bounds (with dual feasible
 * functions, lower-bound-volume.ts) and the greedy clique bound (lower-bound-clique.ts). The
 * column-generation LP bound (lower-bound-lp.ts) is stronger and costlier, and only the search
 * strategies compute it. Complexity: that of its parts.
 */
import type { VbpInstance } from './instance.js';
import { cliqueLowerBound } from './lower-bound-clique.js';
import { volumeLowerBound } from './lower-bound-volume.js';

export function simpleLowerBound(instance: VbpInstance): number {
  return Math.max(volumeLowerBound(instance), cliqueLowerBound(instance));
}
