/**
 * The load view the CRM keeps over the online nodes (`Usage.pm` and its Basic/Static/Dynamic
 * subclasses): services are added and removed as their state changes, so every decision in a
 * round sees the ones before it. Scores follow Proxmox's convention here (lower is better);
 * the exported pure scorers (`scoreNodes*`) are the documented, higher-is-better form.
 */
import type { ServiceStatus } from './service-status.js';

export type SchedulerMode = 'basic' | 'static' | 'dynamic';

export interface OnlineNodeUsage {
  readonly mode: SchedulerMode;
  /** Online nodes, byte-sorted. */
  listNodes(): string[];
  addServiceUsage(sid: string, status: ServiceStatus): void;
  removeServiceUsage(sid: string): void;
  /** Score of every online node for starting `sid` there; lower is better. */
  scoreNodesToStartService(sid: string): Map<string, number>;
}

/** A node's rank for one service; `score` is higher-is-better, its meaning depends on the scheduler. */
export interface NodeScore {
  name: string;
  score: number;
}

/** Scores closer than this are a tie, broken by node name (floating-point sums differ by ulps). */
export const SCORE_TIE_EPSILON = 1e-12;
