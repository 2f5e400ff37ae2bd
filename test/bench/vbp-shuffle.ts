/**
 * The published shuffling protocol (Mommessin et al. 2025): items, expanded by multiplicity, are
 * reordered by C++ `std::shuffle(items.begin(), items.end(), std::minstd_rand0(23))`. This file
 * reproduces libstdc++'s std::shuffle and uniform_int_distribution exactly (GCC >= 10; checked
 * against g++ output for n = 1, 2, 5, 10, 501, see src/engine/packing/minstd.ts), so the order
 * here is the order of the published C++ runs built with a recent GCC.
 */
import { MinstdRand0, stdShuffle } from '../../src/engine/packing/minstd.js';
import { itemCount, type VbpInstance } from '../../src/engine/packing/instance.js';

export const SHUFFLE_SEED = 23;

export function shuffledInstance(instance: VbpInstance): VbpInstance {
  const { dims, sizes } = instance;
  const order = Int32Array.from({ length: itemCount(instance) }, (_, item) => item);
  stdShuffle(order, new MinstdRand0(SHUFFLE_SEED));
  const shuffled = new Float64Array(sizes.length);
  order.forEach((item, position) => shuffled.set(sizes.subarray(item * dims, (item + 1) * dims), position * dims));
  return { dims, capacity: instance.capacity, sizes: shuffled };
}
