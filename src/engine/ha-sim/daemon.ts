/**
 * What the CRM and LRM daemons share: each iteration opens the node's loop (the daemon's clock
 * jumps to the hardware time), notes whether the cluster file system could be updated, does the
 * daemon's work and closes the loop, which takes one simulated second.
 * Observed: docs/pve-ha-recovery.md §2, the one-second steps between a node's crm and lrm lines in every log.expect.
 */
import type { DaemonEnv } from './env.js';

export abstract class Daemon {
  protected clusterStateUpdate = false;

  constructor(protected readonly env: DaemonEnv) {}

  /** One iteration; false when the daemon exits. */
  doOneIteration(): boolean {
    this.env.loopStart();
    this.clusterStateUpdate = this.env.hardware.cfsWorks(this.env.node, 'update');
    const keepRunning = this.work();
    this.env.loopEnd();
    return keepRunning;
  }

  protected abstract work(): boolean;
}
