/** Strict node affinity (a pin): the VM runs only on the nodes its rule names. Preferred affinity is a ranking tier, not a filter. */
import type { Filter } from '../types.js';

export const nodeAffinity: Filter = {
  name: 'node-affinity',
  passes: (state, vm, node) => {
    const allowed = state.index.vmAllowed[vm];
    return allowed === null || allowed === undefined || allowed[node] === 1;
  },
  explain: (state, vm) => [{ code: 'node-affinity', allowed: [...(state.index.cluster.vms[vm]?.affinity?.nodes ?? [])] }],
};
