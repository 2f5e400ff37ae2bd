/**
 * Balanced (bottleneck levelling), Proxmox static-CRS style: add the VM hypothetically to each
 * node, measure the node's resulting loads, prefer the node whose most loaded resource stays
 * lowest.
 *   score = −max_r (used_r + requested_r) / capacity_r          in [−1, 0], higher is better
 * Why the max: the alert that matters is the first resource to cross its threshold, and
 * keeping every node's bottleneck low keeps the cluster level. Proxmox's own TOPSIS over the
 * whole cluster's loads is the `pve-static` strategy. O(1).
 */
import type { ScoreBound, Scorer } from '../types.js';
import { LOAD_SLOTS, loadsAfter } from './free-fraction.js';

const loads = new Float64Array(LOAD_SLOTS);

export const bottleneck: Scorer = (state, vm, node) => {
  const count = loadsAfter(state, vm, node, loads);
  let highest = 0;
  for (let i = 0; i < count; i++) highest = Math.max(highest, loads[i]!);
  return -highest;
};

/** Upper bound over a subtree (score-index.ts): minus the highest of the loads' lower bounds. */
export const bottleneckBound: ScoreBound = ({ count, low }) => {
  let highest = 0;
  for (let i = 0; i < count; i++) highest = Math.max(highest, low[i]!);
  return -highest;
};
