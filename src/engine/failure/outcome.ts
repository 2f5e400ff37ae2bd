/** What a failure scenario does to each VM: the result types of simulate.ts. */
import type { NodeRejection } from '../placement/types.js';
import type { NodeUsage } from '../model/usage.js';

export const DOWN_REASONS = [
  'no-quorum',
  'fenced',
  'storage-lost',
  'local-disk',
  'no-gpu',
  'node-affinity',
  'anti-affinity',
  'no-capacity',
  'not-ha',
  /** Never placed in the first place (see the placement's unplaced list). */
  'unplaced',
] as const;
export type DownReason = (typeof DOWN_REASONS)[number];

/** Reasons that more capacity would cure; the others are structural. */
export const CAPACITY_REASONS: ReadonlySet<DownReason> = new Set(['no-capacity']);

export type VmOutcome =
  | { vm: string; state: 'running'; node: string }
  | { vm: string; state: 'restarted'; node: string; from: string; dataLossWindowMinutes?: number }
  | { vm: string; state: 'down'; node: null; from: string | null; reason: DownReason; rejections?: NodeRejection[] };

export interface FailureScenario {
  /** Failed node names, in natural order. */
  failed: string[];
  /** A label such as `node04`, `node01+node02` or `rack:rack-a`. */
  label: string;
}

export interface ScenarioResult {
  scenario: FailureScenario;
  quorate: boolean;
  vms: VmOutcome[];
  nodesAfter: NodeUsage[];
  counts: OutcomeCounts;
}

export interface OutcomeCounts {
  running: number;
  restarted: number;
  down: number;
  /** Down VMs per reason, every reason present (0 when none), in DOWN_REASONS order. */
  byReason: Record<DownReason, number>;
  /** HA-managed VMs down for a capacity reason. */
  haDownForCapacity: number;
}
