/**
 * Whether a state in the middle of an operation (a maintenance wave, a rebalance) is valid: the
 * steady-state rules of policy/steady-state.ts without the alert threshold (a few minutes above
 * 85% during maintenance is expected), that is, no node or pool above capacity and every VM
 * that runs obeys its rules where it runs. Two exceptions, both on purpose: a VM the operation
 * stopped (`stopped`) or that never had a node runs nowhere, and a VM still on a node that is
 * going down is judged once it has moved, not while it waits there. The threshold lists are left
 * empty, since the threshold does not apply.
 * Cost: one judgeSteadyState, O(VMs × filters).
 */
import { NO_INDEX } from '../model/cluster-index.js';
import type { ClusterState } from '../model/state.js';
import type { Strategy } from '../placement/types.js';
import { judgeSteadyState, type SteadyState } from '../policy/steady-state.js';

/** `neverPlaced`: VMs without a node before the operation began (the steady state's to report, not the operation's). */
export function judgeOperationState(state: ClusterState, strategy: Strategy, stopped: ReadonlySet<string>, neverPlaced: ReadonlySet<string>): SteadyState {
  const { index } = state;
  const steady = judgeSteadyState(state, strategy, false);
  const onDownNode = (vm: string): boolean => {
    const node = state.vmNode[index.vmIndex.get(vm)!]!;
    return node !== NO_INDEX && state.nodeUp[node] === 0;
  };
  const unplaced = steady.unplaced.filter((vm) => !stopped.has(vm) && !neverPlaced.has(vm));
  const violations = steady.violations.filter((v) => !onDownNode(v.vm));
  const holds = unplaced.length + violations.length + steady.nodesOverCapacity.length + steady.poolsOverCapacity.length === 0;
  return { ...steady, holds, unplaced, violations, nodesOverThreshold: [], poolsOverThreshold: [] };
}
