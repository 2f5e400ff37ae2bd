import type { VbpInstance } from '../../../../src/engine/packing/instance.js';

/** Builds an instance from rows of sizes: `vbp([10, 10], [9, 1], [2, 9])`. */
export function vbp(capacity: number[], ...items: number[][]): VbpInstance {
  return { dims: capacity.length, capacity, sizes: Float64Array.from(items.flat()) };
}
