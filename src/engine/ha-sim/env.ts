/**
 * The environment one daemon (a node's CRM or LRM) sees: its own clock, logging under
 * `<node>/<crm|lrm>`, quorum, the cluster file system, locks and watchdogs. Every daemon
 * iteration starts at the hardware time and takes exactly one second; sleeps never advance
 * the clock.
 * Observed: docs/pve-ha-recovery.md §2, the time stamps of every log.expect (node1/crm at 20, node1/lrm at 21, ...).
 */
import type { SimHardware } from './hardware.js';

export class DaemonEnv {
  time = 0;

  constructor(
    readonly hardware: SimHardware,
    readonly node: string,
    readonly daemon: 'crm' | 'lrm',
  ) {}

  log(level: string, message: string): void {
    this.hardware.addLog(this.time, `${this.node}/${this.daemon}`, level, message);
  }

  loopStart(): void {
    this.time = this.hardware.time;
  }

  loopEnd(): void {
    this.time += 1;
  }

  /** Whether the cluster file system reads and writes for this node (`cfs <node> rw fail`). */
  cfsReadWrite(): boolean {
    return this.hardware.cfsWorks(this.node, 'rw');
  }

  quorate(): boolean {
    return this.hardware.quorateFor(this.node);
  }

  getLock(name: string): boolean {
    return this.hardware.getLock(name, this.node, this.time, (message) => this.log('info', message));
  }

  releaseLock(name: string): boolean {
    return this.hardware.releaseLock(name, this.node, this.time);
  }

  watchdogOpen(): string {
    return this.hardware.watchdogOpen(this.node, this.time);
  }

  watchdogUpdate(id: string): void {
    this.hardware.watchdogUpdate(id, this.time);
  }

  watchdogClose(id: string): void {
    this.hardware.watchdogClose(id);
  }
}

/** What a read or write of the cluster file system fails with while it is down. */
export const CFS_ERROR = 'cfs connection refused - not mounted?';

export const managerLockName = 'ha_manager_lock';
export const agentLockName = (node: string): string => `ha_agent_${node}_lock`;
