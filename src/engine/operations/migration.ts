/**
 * One VM moved from one node to another: which kind of migration Proxmox VE can do, how many
 * GiB cross the network, and how long that takes.
 *
 * Kind (Proxmox VE `qm migrate`, admin guide "Migration"):
 *   shutdown      the VM has a passthrough GPU (hostpci): it cannot migrate while running; it is
 *                 shut down and started on the target, or stays off while its node is down when
 *                 no other node has a free GPU of its model (target null);
 *   offline-copy  its disk is on a local pool: stopped, the disk copied to the target's instance
 *                 of the pool, started there;
 *   live          its disk is on shared storage: only its memory crosses the network.
 *
 * GiB moved and time, with B = min(netGbps(from), netGbps(to)) (the slower link decides):
 *   live          gib = memGiB      seconds = memGiB  × 8.589934592 / B
 *   offline-copy  gib = diskGiB     seconds = diskGiB × 8.589934592 / B
 *   shutdown      gib = diskGiB on a local pool, else 0, seconds likewise; left off (no target):
 *                 gib = 0, seconds = 0 (it starts again within the wave's reboot time)
 * 8.589934592 = 8 bits × 2^30 bytes / 10^9: GiB to gigabits. Convention: line rate, no protocol
 * overhead and no re-sent dirty pages, so a lower bound on the real time. A node with no stated
 * bandwidth (netGbps 0) gives seconds null: unknown, never 0.
 * Complexity: O(1).
 */
import { NO_INDEX } from '../model/cluster-index.js';
import type { ClusterState } from '../model/state.js';

export type MigrationKind = 'live' | 'offline-copy' | 'shutdown';

export const GIGABITS_PER_GIB = 8.589934592;

export interface Move {
  vm: string;
  from: string;
  /** null: shut down and left off while its node is down. */
  to: string | null;
  kind: MigrationKind;
  /** GiB that cross the network: memory (live) or disk (offline copy). */
  gib: number;
  /** null when a node's bandwidth is unknown (netGbps 0). */
  seconds: number | null;
  /** A move that makes room for another (a parking move), not one that empties a node. */
  parking: boolean;
}

export function migrationKind(state: ClusterState, vm: number): MigrationKind {
  const { index } = state;
  if (index.vmGpus[vm]! > 0) return 'shutdown';
  return onLocalDisk(state, vm) ? 'offline-copy' : 'live';
}

function onLocalDisk(state: ClusterState, vm: number): boolean {
  const instance = state.vmInstance[vm]!;
  return instance !== NO_INDEX && state.index.instanceShared[instance] === 0;
}

/** The move of `vm` from `from` to `to` (NO_INDEX: left off), priced; reads the state only. */
export function priceMove(state: ClusterState, vm: number, from: number, to: number, parking: boolean): Move {
  const { index } = state;
  const kind = to === NO_INDEX ? 'shutdown' : migrationKind(state, vm);
  const gib = to === NO_INDEX ? 0 : kind === 'live' ? index.vmMem[vm]! : onLocalDisk(state, vm) ? index.vmDisk[vm]! : 0;
  const bandwidth = to === NO_INDEX ? 0 : Math.min(index.nodes[from]!.netGbps, index.nodes[to]!.netGbps);
  const seconds = gib === 0 ? 0 : bandwidth > 0 ? round((gib * GIGABITS_PER_GIB) / bandwidth) : null;
  return { vm: index.cluster.vms[vm]!.name, from: index.nodes[from]!.name, to: to === NO_INDEX ? null : index.nodes[to]!.name, kind, gib, seconds, parking };
}

/** Σ seconds, null when any is unknown. */
export function totalSeconds(values: ReadonlyArray<number | null>): number | null {
  let total = 0;
  for (const value of values) {
    if (value === null) return null;
    total += value;
  }
  return round(total);
}

function round(seconds: number): number {
  return Math.round(seconds * 10) / 10;
}
