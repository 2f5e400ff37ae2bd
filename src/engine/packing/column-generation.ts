/**
 * Column generation for the pattern LP of vector bin packing (Gilmore-Gomory), over any subset
 * of the items: solve the covering LP over the patterns known (cover-lp.ts), price a new
 * pattern with the duals (knapsack.ts: the pattern maximising sum of pi_i), add it while its
 * value exceeds 1, stop when none does (the LP is optimal) or a budget runs out.
 *
 * Lower bound (Farley 1990): for ANY duals pi >= 0, pi / v* is dual feasible, where v* is the
 * largest pattern value sum_{i in p} pi_i, so
 *   LB = ceil( sum_i pi_i / max(1, v*) )
 * is valid at every iteration, even before the LP is optimal and whatever rounding the simplex
 * suffered (pi is clipped at 0 first), with v* replaced by any upper bound on it when the
 * pricing search ran out of budget. At LP optimality, with exact pricing, v* <= 1 and
 * LB = ceil(z_LP), the LP bound.
 * Reference: Gilmore & Gomory, Operations Research 9, 1961; Farley, Operations Research 38,
 * 1990; Heßler, Gschwind & Irnich, "Stabilized branch-and-price algorithms for vector packing
 * problems", EJOR 271, 2018 (the LP bound is within one bin of OPT on almost all benchmark
 * instances, which is why it proves what the volume bounds cannot).
 * Convention: the duals are doubles, and Farley's argument holds for those exact values; only
 * the two sums round. sum_i pi_i and each pattern value are sums of at most n terms, off by a
 * relative n 2^-53 at most, and the pricing drops items of value <= 1e-12 (at most n 1e-12 of
 * v*, with v* >= 1 as used), so the computed ratio exceeds the true one by less than
 * ratio * n * 2e-12 <= 4e-8 for the n <= 130 items it is run on (best-configuration.ts): the
 * bound is taken as ceil(ratio - 1e-7), which can only err low. Budgets in iterations and
 * knapsack nodes keep the result deterministic.
 * Complexity: per iteration one LP re-optimisation plus one knapsack search.
 */
import { CoverLp } from './cover-lp.js';
import type { PackOptions, VbpInstance } from './instance.js';
import { maxValuePattern } from './knapsack.js';

const QUICK_PRICING_NODES = 300;

export interface ColumnGenerationOptions extends PackOptions {
  readonly maxIterations?: number;
  /** Node budget of the pricing search run when the quick one finds nothing. */
  readonly knapsackNodes?: number;
  /** Node budget of all those longer pricing searches together. */
  readonly totalKnapsackNodes?: number;
  /** Stop once the bound reaches this (nothing left to prove). */
  readonly stopAt?: number;
  /**
   * Besides the best pattern, add up to this many other improving patterns the same pricing
   * search met (knapsack.ts `runnersUp`): fewer iterations, so fewer exhaustive pricings, at the
   * price of a larger LP. Worth it for the bound; the dives keep 0 (one column per pricing).
   */
  readonly alternatives?: number;
}

export interface ColumnGenerationResult {
  /** Patterns of the final LP solution as global item ids, largest value first. */
  readonly solution: { items: Int32Array; value: number }[];
  /** Every pattern generated, as global item ids. */
  readonly patterns: Int32Array[];
  /** Best Farley bound seen. */
  readonly lowerBound: number;
  /** Nodes the longer pricing searches used, out of `totalKnapsackNodes`. */
  readonly pricingNodes: number;
}

export function columnGeneration(instance: VbpInstance, items: Int32Array, seeds: readonly Int32Array[], options: ColumnGenerationOptions): ColumnGenerationResult {
  const m = items.length;
  const local = new Map<number, number>();
  items.forEach((item, row) => local.set(item, row));
  const lp = new CoverLp(m);
  const seen = new Set<string>();
  const add = (pattern: Int32Array) => {
    const rows = Int32Array.from(pattern, (item) => local.get(item)!).sort();
    const key = rows.join(',');
    if (rows.length > 1 && !seen.has(key)) {
      seen.add(key);
      lp.addPattern(rows);
    }
  };
  seeds.forEach(add);

  const values = new Float64Array(instance.sizes.length / instance.dims);
  const maxIterations = options.maxIterations ?? 4 * m + 100;
  const pricingNodes = options.knapsackNodes ?? 10_000;
  const pricingTotal = options.totalKnapsackNodes ?? Infinity;
  let pricingLeft = pricingTotal;
  let lowerBound = 0;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const objective = lp.solve();
    const duals = lp.duals();
    let dualSum = 0;
    items.forEach((item, row) => {
      values[item] = Math.max(0, duals[row]!);
      dualSum += values[item]!;
    });
    // A cheap, budgeted pricing first; the longer one only when it finds no improving pattern.
    const alternatives = options.alternatives ?? 0;
    let priced = maxValuePattern(instance, items, values, QUICK_PRICING_NODES, { alternatives });
    const longBudget = Math.min(pricingNodes, pricingLeft);
    if (!priced.exact && priced.value <= 1 + 1e-9 && longBudget > QUICK_PRICING_NODES) {
      priced = maxValuePattern(instance, items, values, longBudget, { alternatives });
      pricingLeft -= priced.nodes;
    }
    lowerBound = Math.max(lowerBound, Math.ceil(dualSum / Math.max(1, priced.upperBound) - 1e-7));
    // No improving pattern found: either the LP is optimal (exact pricing) or the pricing is too
    // hard to finish within budget, and more iterations would only repeat that failure.
    const improving = priced.value > 1 + 1e-9;
    if (!improving || lowerBound >= (options.stopAt ?? Infinity) || objective <= lowerBound + 1e-9) break;
    if (options.expired?.() === true) break;
    add(priced.items);
    priced.runnersUp.forEach(add);
  }
  lp.solve();
  const toGlobal = (rows: Int32Array) => Int32Array.from(rows, (row) => items[row]!);
  return {
    solution: lp.solution().map(({ pattern, value }) => ({ items: toGlobal(pattern), value })),
    patterns: lp.patterns.map(toGlobal),
    lowerBound,
    pricingNodes: pricingTotal - pricingLeft,
  };
}
