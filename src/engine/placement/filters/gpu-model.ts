/**
 * A VM that asks for a GPU model runs only where that model is installed. A node with no GPU
 * at all passes here: the capacity filter already rejects it (0 free GPUs), and one reason is
 * clearer than two.
 */
import { NO_INDEX } from '../../model/cluster-index.js';
import type { Filter } from '../types.js';

export const gpuModel: Filter = {
  name: 'gpu-model',
  passes: (state, vm, node) => {
    const { index } = state;
    const wanted = index.vmGpuModel[vm]!;
    const installed = index.nodeGpuModel[node]!;
    return index.vmGpus[vm] === 0 || wanted === NO_INDEX || installed === NO_INDEX || installed === wanted;
  },
  explain: (state, vm, node) => [
    {
      code: 'gpu-model',
      requested: state.index.cluster.vms[vm]!.gpuModel ?? '',
      available: state.index.nodes[node]!.gpuModel ?? '',
    },
  ],
};
