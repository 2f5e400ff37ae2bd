/**
 * The pattern-LP lower bound, with the LP's own packing as a by-product.
 *
 * Runs column generation over all items (column-generation.ts), seeded with the bins of the
 * incumbent packing, and reports its Farley/LP bound ceil(z_LP). While the bound is below the
 * incumbent, it also dives on the LP (column-dive.ts) for a packing that may meet it.
 * Reference and conventions: see those two files. Complexity: bounded by their budgets.
 */
import { columnGeneration } from './column-generation.js';
import { diveOnPatterns } from './column-dive.js';
import { itemCount, type PackOptions, type Packing, type VbpInstance } from './instance.js';

export function columnGenerationBound(instance: VbpInstance, incumbent: Packing, options: PackOptions): { lowerBound: number; packing: Packing } {
  const n = itemCount(instance);
  const members: number[][] = Array.from({ length: incumbent.bins }, () => []);
  for (let item = 0; item < n; item++) members[incumbent.binOf[item]!]!.push(item);
  const patterns = members.map((items) => Int32Array.from(items));
  const all = Int32Array.from({ length: n }, (_, item) => item);
  const root = columnGeneration(instance, all, patterns, { ...options, stopAt: incumbent.bins });
  if (root.lowerBound >= incumbent.bins) return { lowerBound: root.lowerBound, packing: incumbent };
  const dived = diveOnPatterns(instance, root.patterns, { ...options, knapsackNodes: 20_000 });
  return { lowerBound: root.lowerBound, packing: dived.bins < incumbent.bins ? dived : incumbent };
}
