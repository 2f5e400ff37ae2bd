/**
 * Strict node affinity (a pin): the VM runs only on the nodes its rule names, a CSV `strict`
 * affinity or a strict HA node-affinity rule. Preferred affinity is a ranking tier, not a filter;
 * HA node priorities are node-priority.ts.
 */
import type { Filter } from '../types.js';

export const nodeAffinity: Filter = {
  name: 'node-affinity',
  passes: (state, vm, node) => {
    const allowed = state.index.vmAllowed[vm];
    return allowed === null || allowed === undefined || allowed[node] === 1;
  },
  explain: (state, vm) => {
    const allowed = state.index.vmAllowed[vm]!;
    return [{ code: 'node-affinity', allowed: state.index.nodes.filter((_, n) => allowed[n] === 1).map((node) => node.name) }];
  },
};
