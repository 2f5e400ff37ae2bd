/**
 * The strategy registry: one literal map from name to strategy. A strategy is a VM order and
 * a scorer (null = first fit), or a chooser that ranks all passing nodes at once. Every command
 * that places (place, report, failover, fit, size) looks strategies up here, so they all rank
 * nodes the same way.
 *
 * Tie-break: equal scores (within 1e-12) go to the node first in natural name order, except for
 * the Proxmox strategies, which break ties byte-wise as Proxmox does (`node10` before `node2`);
 * equal VM sizes keep input order.
 *
 * The Proxmox strategies (`pve-basic`, `pve-static`) reproduce the HA manager's choice, not a fit:
 * Proxmox never checks that a restarted VM fits, so they skip the CPU and memory filter and a
 * node they overload is reported over capacity (the failover verdict breaks) rather than the VM
 * going where Proxmox would not send it. They restart VMs in byte-wise name order (Proxmox
 * recovers in sorted service-id order; HA priorities do not exist there).
 */
import { PROXMOX_FILTERS } from '../filters/index.js';
import { bottleneck, bottleneckBound } from '../scorers/bottleneck.js';
import { dotProduct, dotProductBound } from '../scorers/dot-product.js';
import { leastAllocated, leastAllocatedBound } from '../scorers/least-allocated.js';
import { mostAllocated, mostAllocatedBound } from '../scorers/most-allocated.js';
import type { Strategy } from '../types.js';
import { chooseBasic, FewestGuestsIndex } from './pve-basic.js';
import { chooseStatic } from './pve-static.js';

/** headroom's own strategies: each keeps every node within capacity (sizing and the property tests iterate these). */
export const STRATEGY_NAMES = ['first-fit', 'best-fit', 'worst-fit', 'ffd', 'dot-product', 'balanced'] as const;
/** Proxmox's CRS schedulers: what Proxmox would do, capacity or not. */
export const PVE_STRATEGY_NAMES = ['pve-basic', 'pve-static'] as const;
export const ALL_STRATEGY_NAMES = [...STRATEGY_NAMES, ...PVE_STRATEGY_NAMES] as const;
export type StrategyName = (typeof ALL_STRATEGY_NAMES)[number];

export const STRATEGIES: Readonly<Record<StrategyName, Strategy>> = {
  'first-fit': {
    name: 'first-fit',
    description: 'VMs in input order, each on the first node (by name) that fits',
    order: 'input',
    scorer: null,
    recoveryOrder: 'ha-priority',
  },
  'best-fit': {
    name: 'best-fit',
    description: 'VMs largest first, each on the node left fullest (most allocated)',
    order: 'decreasing-size',
    scorer: mostAllocated,
    scoreBound: mostAllocatedBound,
    recoveryOrder: 'ha-priority',
  },
  'worst-fit': {
    name: 'worst-fit',
    description: 'VMs largest first, each on the node left emptiest (spread, least allocated)',
    order: 'decreasing-size',
    scorer: leastAllocated,
    scoreBound: leastAllocatedBound,
    recoveryOrder: 'ha-priority',
  },
  ffd: {
    name: 'ffd',
    description: 'first fit decreasing: VMs largest first (L2 norm of normalised size), first node that fits',
    order: 'decreasing-size',
    scorer: null,
    recoveryOrder: 'ha-priority',
  },
  'dot-product': {
    name: 'dot-product',
    description: 'VMs largest first, each on the node whose free room best aligns with it (Panigrahy 2011)',
    order: 'decreasing-size',
    scorer: dotProduct,
    scoreBound: dotProductBound,
    recoveryOrder: 'ha-priority',
  },
  balanced: {
    name: 'balanced',
    description: 'VMs largest first, each where its resulting bottleneck load is lowest (Proxmox static CRS style)',
    order: 'decreasing-size',
    scorer: bottleneck,
    scoreBound: bottleneckBound,
    recoveryOrder: 'ha-priority',
  },
  'pve-basic': {
    name: 'pve-basic',
    description: "Proxmox VE's basic CRS: the node running the fewest guests; restarts in name order; no fit check",
    order: 'input',
    scorer: null,
    choose: chooseBasic,
    choiceIndex: (state) => new FewestGuestsIndex(state),
    filters: PROXMOX_FILTERS,
    recoveryOrder: 'name',
  },
  'pve-static': {
    name: 'pve-static',
    description: "Proxmox VE's static CRS: TOPSIS over all nodes' CPU and memory load; restarts in name order; no fit check",
    order: 'input',
    scorer: null,
    choose: chooseStatic,
    filters: PROXMOX_FILTERS,
    recoveryOrder: 'name',
  },
};

export function isStrategyName(name: string): name is StrategyName {
  return (ALL_STRATEGY_NAMES as readonly string[]).includes(name);
}
