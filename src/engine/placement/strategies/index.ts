/**
 * The strategy registry: one literal map from name to strategy. A strategy is a VM order and
 * a scorer (null = first fit). Every command that places (place, report, failover, fit, size)
 * looks strategies up here, so they all rank nodes the same way.
 *
 * Tie-break, for every strategy: equal scores (within 1e-12) go to the node first in natural
 * name order; equal VM sizes keep input order.
 */
import { bottleneck } from '../scorers/bottleneck.js';
import { dotProduct } from '../scorers/dot-product.js';
import { leastAllocated } from '../scorers/least-allocated.js';
import { mostAllocated } from '../scorers/most-allocated.js';
import type { Strategy } from '../types.js';

export const STRATEGY_NAMES = ['first-fit', 'best-fit', 'worst-fit', 'ffd', 'dot-product', 'balanced'] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

export const STRATEGIES: Readonly<Record<StrategyName, Strategy>> = {
  'first-fit': {
    name: 'first-fit',
    description: 'VMs in input order, each on the first node (by name) that fits',
    order: 'input',
    scorer: null,
  },
  'best-fit': {
    name: 'best-fit',
    description: 'VMs largest first, each on the node left fullest (most allocated)',
    order: 'decreasing-size',
    scorer: mostAllocated,
  },
  'worst-fit': {
    name: 'worst-fit',
    description: 'VMs largest first, each on the node left emptiest (spread, least allocated)',
    order: 'decreasing-size',
    scorer: leastAllocated,
  },
  ffd: {
    name: 'ffd',
    description: 'first fit decreasing: VMs largest first (L2 norm of normalised size), first node that fits',
    order: 'decreasing-size',
    scorer: null,
  },
  'dot-product': {
    name: 'dot-product',
    description: 'VMs largest first, each on the node whose free room best aligns with it (Panigrahy 2011)',
    order: 'decreasing-size',
    scorer: dotProduct,
  },
  balanced: {
    name: 'balanced',
    description: 'VMs largest first, each where its resulting bottleneck load is lowest (Proxmox static CRS style)',
    order: 'decreasing-size',
    scorer: bottleneck,
  },
};

export function isStrategyName(name: string): name is StrategyName {
  return (STRATEGY_NAMES as readonly string[]).includes(name);
}
