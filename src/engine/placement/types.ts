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

/** The order a strategy places VMs in. */
export type VmOrder = 'input' | 'decreasing-size';

export interface Strategy {
  readonly name: string;
  readonly description: string;
  readonly order: VmOrder;
  /** null means first fit: the first node in name order that passes. */
  readonly scorer: Scorer | null;
}
