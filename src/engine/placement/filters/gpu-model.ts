/** A VM that asks for a GPU model runs only where that model is installed (the count is a capacity, checked in capacity.ts). */
import { NO_INDEX } from '../../model/cluster-index.js';
import type { Filter } from '../types.js';

export const gpuModel: Filter = {
  name: 'gpu-model',
  passes: (state, vm, node) => {
    const { index } = state;
    const wanted = index.vmGpuModel[vm]!;
    return index.vmGpus[vm] === 0 || wanted === NO_INDEX || index.nodeGpuModel[node] === wanted;
  },
  explain: (state, vm, node) => [
    {
      code: 'gpu-model',
      requested: state.index.cluster.vms[vm]!.gpuModel ?? '',
      available: state.index.nodes[node]!.gpuModel,
    },
  ],
};
