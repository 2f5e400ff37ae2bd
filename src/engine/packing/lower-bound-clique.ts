/**
 * Clique (pairwise-conflict) lower bound for vector bin packing.
 *
 * Two items conflict when they cannot share a bin: s[i][k] + s[j][k] > C[k] for some k. Items
 * that conflict pairwise need one bin each, so the size of any clique of the conflict graph is
 * a lower bound. Maximum clique is NP-hard; a greedy clique is still a valid bound:
 *   scan items by a decreasing key and keep each one that conflicts with every item kept so far.
 * The scan is repeated for several keys (Linf, L2, and each dimension alone) and the largest
 * clique is kept: large items in different dimensions make different cliques.
 * Reference: the clique bound of the published tables (Mommessin et al. 2025, "LB raised by a
 * clique bound"); Caprara & Toth, "Lower bounds and algorithms for the 2-dimensional vector
 * packing problem", Discrete Applied Math. 111, 2001.
 * Complexity: O((d + 2) * n * c * d) with c the clique size; skipped above MAX_ITEMS items.
 */
import { itemCount, type VbpInstance } from './instance.js';
import { decreasingOrder, measureOf } from './size-measures.js';

const MAX_ITEMS = 20_000;

export function cliqueLowerBound(instance: VbpInstance): number {
  const n = itemCount(instance);
  if (n > MAX_ITEMS) return n > 0 ? 1 : 0;
  const keys = [measureOf(instance, 'linf'), measureOf(instance, 'l2')];
  for (let k = 0; k < instance.dims; k++) {
    keys.push(Float64Array.from({ length: n }, (_, item) => instance.sizes[item * instance.dims + k]!));
  }
  return Math.max(0, ...keys.map((key) => greedyClique(instance, decreasingOrder(key)).length));
}

function conflicts(instance: VbpInstance, a: number, b: number): boolean {
  const { dims, capacity, sizes } = instance;
  // s_a > C - s_b rather than s_a + s_b > C: no sum, so no rounding past 2^53.
  for (let k = 0; k < dims; k++) if (sizes[a * dims + k]! > capacity[k]! - sizes[b * dims + k]!) return true;
  return false;
}

export function greedyClique(instance: VbpInstance, order: Int32Array): number[] {
  const clique: number[] = [];
  for (const item of order) if (clique.every((member) => conflicts(instance, item, member))) clique.push(item);
  return clique;
}
