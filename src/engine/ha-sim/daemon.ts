/**
 * What the CRM and LRM daemons share (`PVE::HA::CRM` / `PVE::HA::LRM` `do_one_iteration`): each
 * iteration opens the node's loop, notes whether the cluster file system could be updated, does
 * the daemon's work and closes the loop.
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
