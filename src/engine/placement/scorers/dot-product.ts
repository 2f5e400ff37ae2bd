/**
 * DotProduct (Panigrahy, Talwar, Uyeda, Wieder, "Heuristics for Vector Bin Packing", 2011),
 * item-centric form for a cluster of fixed, unequal nodes: prefer the node whose free room is
 * best aligned with the VM's demand, both normalised by the node's capacity.
 *   score = Σ_r w_r · (requested_r / capacity_r) · (free_r / capacity_r)
 * with w_r the cluster-wide demand-to-capacity ratio of resource r (Σ requested / Σ capacity,
 * computed once per scenario by weights.ts), so the scarce resource counts most: the
 * "dynamic weights" idea of Mommessin et al. 2025 fixed at the scenario's totals.
 * Resources: CPU, memory and, for a local pool, disk (see free-fraction.ts). O(1).
 */
import { instanceFor, diskHeldOn } from '../../model/state.js';
import type { ScoreBound, Scorer } from '../types.js';
import { scarcityWeights } from './weights.js';

export const dotProduct: Scorer = (state, vm, node) => {
  const { index } = state;
  const weights = scarcityWeights(index);
  const cpuCap = index.cpuCap[node]!;
  const memCap = index.memCap[node]!;
  let score = 0;
  if (cpuCap > 0) score += (weights.cpu * index.vmCpu[vm]! * (cpuCap - state.cpuUsed[node]!)) / (cpuCap * cpuCap);
  if (memCap > 0) score += (weights.memGiB * index.vmMem[vm]! * (memCap - state.memUsed[node]!)) / (memCap * memCap);
  const instance = instanceFor(index, vm, node);
  if (index.instanceShared[instance] === 0) {
    const diskCap = index.instanceCap[instance]!;
    const diskFree = diskCap - state.instanceUsed[instance]! + diskHeldOn(state, vm, instance);
    if (diskCap > 0) score += (weights.diskGiB * index.vmDisk[vm]! * diskFree) / (diskCap * diskCap);
  }
  return score;
};

/** Upper bound over a subtree (score-index.ts): CPU and memory bounded together along the commonest VM size, the disk term with the subtree's largest free / capacity². */
export const dotProductBound: ScoreBound = ({ aligned, alignedCpuMem, hasDisk }, state) => {
  return alignedCpuMem + (hasDisk ? scarcityWeights(state.index).diskGiB * aligned[2]! : 0);
};
