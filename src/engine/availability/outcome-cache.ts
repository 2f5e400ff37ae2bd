/**
 * Where every VM runs for a set of down nodes, from the failure engine (failure/simulate.ts: the
 * same quorum, storage, local-disk, GPU, capacity and HA-restart rules as `failover`), computed
 * once per distinct set and kept: a five-node lab has 32 sets, and a simulation of a million
 * years visits each many times. A VM the engine restarts elsewhere runs there; any down reason
 * (not-ha, local-disk, storage-lost, no-gpu, no-capacity, no-quorum, fenced, ...) is "not running".
 * Only the VMs whose location differs from the all-up layout are stored.
 */
import { NO_INDEX } from '../model/cluster-index.js';
import type { FailureContext } from '../failure/context.js';
import { failureScratch, resetScratch, RESTARTED, RUNNING, simulateFailure, type FailureScratch } from '../failure/simulate.js';

export interface SetOutcome {
  /** VMs not where they run with every node up. */
  readonly moved: Int32Array;
  /** Their node, or NO_INDEX when down. */
  readonly location: Int32Array;
  readonly quorate: boolean;
}

export class OutcomeCache {
  private readonly known = new Map<number | string, SetOutcome>();
  private readonly scratch: FailureScratch;

  constructor(private readonly context: FailureContext) {
    this.scratch = failureScratch(context);
  }

  /** The outcome with `downNodes` (sorted ascending) down. */
  outcome(downNodes: readonly number[]): SetOutcome {
    return this.outcomeByKey(setKey(this.context.base.index.nodeCount, downNodes), () => downNodes);
  }

  /** The same, by the set's key (setKey), the nodes computed only when the set is new. */
  outcomeByKey(key: number | string, downNodes: () => readonly number[]): SetOutcome {
    const known = this.known.get(key);
    if (known !== undefined) return known;
    const outcome = this.simulate(downNodes());
    this.known.set(key, outcome);
    return outcome;
  }

  private simulate(downNodes: readonly number[]): SetOutcome {
    const { base } = this.context;
    const result = simulateFailure(this.context, downNodes, false, this.scratch);
    const moved: number[] = [];
    const location: number[] = [];
    for (let i = result.unplacedCount; i < result.touched.length; i++) {
      const vm = result.touched[i]!;
      const code = result.code[vm]!;
      const node = code === RESTARTED ? result.after.vmNode[vm]! : code === RUNNING ? base.vmNode[vm]! : NO_INDEX;
      if (node === base.vmNode[vm]) continue;
      moved.push(vm);
      location.push(node);
    }
    const outcome: SetOutcome = { moved: Int32Array.from(moved), location: Int32Array.from(location), quorate: result.quorate };
    resetScratch(this.context, this.scratch, result, downNodes);
    return outcome;
  }
}

/** Up to MASK_NODES nodes, a set is the bit mask of its nodes; beyond, the sorted indices joined by ','. */
export const MASK_NODES = 30;

export function setKey(nodeCount: number, downNodes: readonly number[]): number | string {
  if (nodeCount > MASK_NODES) return downNodes.join(',');
  let mask = 0;
  for (const node of downNodes) mask |= 1 << node;
  return mask;
}
