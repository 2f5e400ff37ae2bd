/**
 * Vector bin packing (VBP): the shared contract of every packer in this folder.
 *
 * Problem: items i = 0..n-1 with sizes s[i][k] >= 0 in d dimensions, identical bins of capacity
 * C[k]. Find an assignment bin(i) using the fewest bins such that, for every bin b and every
 * dimension k, sum over {i : bin(i) = b} of s[i][k] <= C[k].
 *
 * Conventions: sizes are a flat typed array, row-major (item i, dimension k at i*d + k), so a fit
 * check touches one cache line and no packer allocates per check. Sizes are integers in practice
 * (the .vbp format), held in doubles so that loads are exact up to 2^53 (the loader refuses
 * larger sizes; bounds that sum many sizes do so exactly, integer-sum.ts). Bins are numbered in
 * the order they were opened; that order is part of the output and is deterministic.
 */

export interface VbpInstance {
  readonly dims: number;
  /** Capacity of every bin, one entry per dimension. */
  readonly capacity: readonly number[];
  /** items × dims sizes, row-major, in the capacity's units. */
  readonly sizes: Float64Array | Int32Array;
  /** Optional item names, for output only. */
  readonly names?: readonly string[];
}

/** A complete packing: binOf[i] is the bin of item i; bins are numbered 0..bins-1. */
export interface Packing {
  readonly bins: number;
  readonly binOf: Int32Array;
}

export interface PackOptions {
  /**
   * The safety net: true once the caller's time limit has passed, and searches then stop and
   * return their best. Injected (the engine reads no clock); budgets in work units, not this,
   * decide the result whenever it stays false.
   */
  readonly expired?: () => boolean;
  /** Branch-and-bound nodes per target bin count for the `exact` strategy (exact.ts EXACT_NODES by default). */
  readonly exactNodes?: number;
  /** Seed of the named PRNG used by randomised searches. */
  readonly seed?: number;
  /**
   * The branch-and-bound's work (exact.ts; the `exact` strategy's proof): `done` search nodes
   * of at most `total`, the budget of every target it may still try. For a progress bar: no
   * result depends on it.
   */
  readonly onProgress?: (done: number, total: number) => void;
}

export function itemCount(instance: VbpInstance): number {
  return instance.sizes.length / instance.dims;
}

/**
 * Sizes divided by capacity (so every dimension weighs the same in size measures and scores).
 * Used for ordering and scoring only; feasibility is always checked on the raw integers.
 */
export function normalisedSizes(instance: VbpInstance): Float64Array {
  const { dims, capacity, sizes } = instance;
  const out = new Float64Array(sizes.length);
  for (let index = 0; index < sizes.length; index++) out[index] = sizes[index]! / capacity[index % dims]!;
  return out;
}

/** True when the packing assigns every item once, to a bin in range, within capacity everywhere. */
export function isFeasible(instance: VbpInstance, packing: Packing): boolean {
  const { dims, capacity, sizes } = instance;
  const n = itemCount(instance);
  if (packing.binOf.length !== n) return false;
  const load = new Float64Array(packing.bins * dims);
  const used = new Uint8Array(packing.bins);
  for (let item = 0; item < n; item++) {
    const bin = packing.binOf[item]!;
    if (bin < 0 || bin >= packing.bins) return false;
    used[bin] = 1;
    for (let k = 0; k < dims; k++) {
      load[bin * dims + k] += sizes[item * dims + k]!;
      if (load[bin * dims + k]! > capacity[k]!) return false;
    }
  }
  return used.every((flag) => flag === 1);
}
