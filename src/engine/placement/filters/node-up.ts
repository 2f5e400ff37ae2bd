/** A failed node hosts nothing. */
import type { Filter } from '../types.js';

export const nodeUp: Filter = {
  name: 'node-up',
  passes: (state, _vm, node) => state.nodeUp[node] === 1,
  explain: () => [{ code: 'node-down' }],
};
