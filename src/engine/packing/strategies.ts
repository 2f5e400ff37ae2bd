/**
 * The packing strategies by name: one literal map, name -> implementation. Adding a strategy is
 * one file plus one line here. `pack` is the single entry point commands and benches call.
 */
import { InvariantError } from '../../errors.js';
import { bestConfiguration, provenConfiguration } from './best-configuration.js';
import { bestFitDecreasing } from './best-fit-decreasing.js';
import { dotProduct } from './dot-product.js';
import { firstFit } from './first-fit.js';
import { firstFitDecreasing } from './first-fit-decreasing.js';
import type { PackOptions, Packing, VbpInstance } from './instance.js';
import { improveByLocalSearch } from './local-search.js';
import { simpleLowerBound } from './lower-bound.js';
import { minimumBinSlack } from './minimum-bin-slack.js';

/** What a strategy returns: a packing, and a lower bound if it computed a stronger one. */
export interface StrategyResult extends Packing {
  readonly lowerBound?: number;
}
export type Strategy = (instance: VbpInstance, options: PackOptions) => StrategyResult;

export const STRATEGIES = {
  ff: (instance) => firstFit(instance),
  ffd: (instance) => firstFitDecreasing(instance, 'l2'),
  'ffd-l1': (instance) => firstFitDecreasing(instance, 'l1'),
  'ffd-linf': (instance) => firstFitDecreasing(instance, 'linf'),
  bfd: (instance) => bestFitDecreasing(instance),
  'dot-product': (instance) => dotProduct(instance),
  mbs: (instance) => minimumBinSlack(instance),
  'local-search': (instance, options) => improveByLocalSearch(instance, dotProduct(instance), { ...options, target: simpleLowerBound(instance) }),
  exact: (instance, options) => provenConfiguration(instance, options),
  best: (instance, options) => bestConfiguration(instance, options),
} as const satisfies Record<string, Strategy>;

export type StrategyName = keyof typeof STRATEGIES;
export const STRATEGY_NAMES = Object.keys(STRATEGIES) as StrategyName[];

export interface PackReport {
  readonly strategy: StrategyName;
  readonly bins: number;
  readonly lowerBound: number;
  /** True only when bins equals a proven lower bound. */
  readonly optimal: boolean;
  /**
   * True when options.expired fired (the time limit, a safety net) and a search stopped early:
   * only then may the result depend on machine speed.
   */
  readonly timeLimitHit: boolean;
  readonly binOf: Int32Array;
}

export function pack(instance: VbpInstance, strategy: StrategyName, options: PackOptions = {}): PackReport {
  assertPackable(instance);
  // Once the safety net fires it stays fired, and the report says so.
  let timeLimitHit = false;
  const expired = () => (timeLimitHit ||= options.expired?.() === true);
  const result: StrategyResult = STRATEGIES[strategy](instance, { ...options, expired });
  const lowerBound = Math.max(result.lowerBound ?? 0, simpleLowerBound(instance));
  if (result.bins < lowerBound) throw new InvariantError('packing uses fewer bins than a proven lower bound', { strategy, bins: result.bins, lowerBound });
  return { strategy, bins: result.bins, lowerBound, optimal: result.bins === lowerBound, timeLimitHit, binOf: result.binOf };
}

/** Packers assume every item fits an empty bin; the loader checks this for user input. */
function assertPackable(instance: VbpInstance): void {
  const { dims, capacity, sizes } = instance;
  if (capacity.length !== dims || sizes.length % dims !== 0) throw new InvariantError('sizes do not match dims', { dims, capacity, sizes: sizes.length });
  for (let index = 0; index < sizes.length; index++) {
    const size = sizes[index]!;
    if (!(size >= 0 && size <= capacity[index % dims]!)) {
      throw new InvariantError('item size outside [0, capacity]', { item: Math.floor(index / dims), dimension: index % dims, size });
    }
  }
}
