/**
 * The placement contract, in the manner of the Kubernetes scheduling framework: filters are
 * hard constraints that reject a node with a structured reason; scorers rank the nodes that
 * passed and never reject. "Does not fit" is a value of these types, never an exception.
 */
import type { Resource } from '../model/cluster.js';
import type { ClusterState } from '../model/state.js';

export type Reason =
  | { code: 'node-down' }
  | { code: 'node-affinity'; allowed: string[] }
  | { code: 'storage-unreachable'; pool: string }
  /** The pool's serving node is down (the ZFS pool on a failed storage node). */
  | { code: 'storage-offline'; pool: string; servedBy: string }
  | { code: 'gpu-model'; requested: string; available: string }
  | { code: 'anti-affinity'; group: string; conflictsWith: string[] }
  /** A positive HA resource affinity: the VM must join its partners on `node`. */
  | { code: 'resource-affinity'; node: string; partners: string[] }
  | { code: 'insufficient'; resource: Resource; requested: number; free: number; capacity: number };

export type ReasonCode = Reason['code'];

/** Why one node was rejected for one VM: every filter that said no, in pipeline order. */
export interface NodeRejection {
  node: string;
  reasons: Reason[];
}

export interface Filter {
  readonly name: string;
  /** Hot path: allocates nothing. */
  passes(state: ClusterState, vm: number, node: number): boolean;
  /** Only called after passes() returned false; returns at least one reason. */
  explain(state: ClusterState, vm: number, node: number): Reason[];
}

/** Scores a node that passed every filter as if the VM ran there; higher is better. Never writes the state. */
export type Scorer = (state: ClusterState, vm: number, node: number) => number;

/**
 * Bounds over the up nodes of one subtree of a ScoreIndex (score-index.ts), per load slot of the VM in loadsAfter's order
 * (CPU, memory, then the disk when its pool is local, then GPUs when it asks for some).
 */
export interface SubtreeLoads {
  count: number;
  /** Lower bound of the load used_r + requested_r over capacity_r. */
  readonly low: Float64Array;
  /** Upper bound of the same load. */
  readonly high: Float64Array;
  /** Upper bound of requested_r × free_r / capacity_r² (0 where the capacity is 0), for CPU, memory, disk. */
  readonly aligned: Float64Array;
  /** Upper bound of Σ over CPU and memory of weight_r × requested_r × free_r / capacity_r² (scarcity weights), at most their separate bounds. */
  alignedCpuMem: number;
  /** Whether slot 2 is the local disk. */
  hasDisk: boolean;
  /** Lower and upper bound of the sum of the loads, at least as tight as the sums of `low` and `high` (one node reaches both within a capacity class). */
  lowSum: number;
  highSum: number;
}

/** An upper bound on a scorer's score over the nodes of a subtree (score-index.ts); rounding within 1e-9 of it is allowed for. */
export type ScoreBound = (loads: SubtreeLoads, state: ClusterState) => number;

/**
 * Picks one of `candidates` (node indices that passed every filter, in node order, never
 * empty) for the VM. For schedulers that rank against all nodes at once, such as Proxmox's
 * static CRS whose TOPSIS normalises over every online node. Never writes the state.
 */
export type Chooser = (state: ClusterState, vm: number, candidates: readonly number[]) => number;

/**
 * A strategy's node choice kept in step with a state (the caller calls update(node) after each
 * change to a node), answering exactly what the strategy's scan or chooser answers.
 */
export interface ChoiceIndex {
  update(node: number): void;
  /** The strategy's node for `vm` among the nodes that pass its filters (and `mask`, when given); NO_INDEX when none does. */
  choose(vm: number, mask: Uint8Array | null): number;
}

/** The order a strategy places VMs in. */
export type VmOrder = 'input' | 'decreasing-size';

/**
 * The order HA VMs restart in after a failure: `ha-priority` (higher first, then name
 * byte-wise), or `name` (byte-wise only: Proxmox's HA manager recovers in sorted service-id
 * order and has no restart priority).
 */
export type RecoveryOrder = 'ha-priority' | 'name';

export interface Strategy {
  readonly name: string;
  readonly description: string;
  readonly order: VmOrder;
  /** null means first fit (the first node in name order that passes), unless `choose` is set. */
  readonly scorer: Scorer | null;
  /** Decides among all passing nodes at once; when set, `scorer` is null. */
  readonly choose?: Chooser;
  /**
   * An upper bound of `scorer` over a group of nodes (score-index.ts), which lets the choice skip
   * groups that cannot beat the best node so far; the choice is the scan's either way.
   */
  readonly scoreBound?: ScoreBound;
  /** For a chooser: an index over a state that gives the chooser's answer faster (pve-basic.ts). */
  readonly choiceIndex?: (state: ClusterState) => ChoiceIndex;
  /** The hard constraints; the pipeline's FILTERS when absent. */
  readonly filters?: readonly Filter[];
  readonly recoveryOrder: RecoveryOrder;
}
