/**
 * The cluster resource manager daemon of one node. States: wait_for_quorum, slave, master (holds
 * the manager lock and runs the Manager each round), lost_manager_lock. A node may only become
 * active while quorate, with a consistent cluster file system, with none of its own services
 * waiting to be fenced, and with work to do: services configured, a queued CRM command or a
 * node still in maintenance that nobody requested. The master's watchdog guards its lock, except
 * while the HA stack is fully disarmed; a master whose rounds began without any service for more
 * than 90 rounds goes idle (gives lock and watchdog up). A master whose cluster file system
 * cannot be read fails its rounds.
 * Observed: docs/pve-ha-recovery.md §2-§4, test-crm-going-idle*, test-crm-exiting-idle*, test-disarm-crm-stop1,
 * test-cfs-unavailable*.
 */
import { Daemon } from './daemon.js';
import { CFS_ERROR, type DaemonEnv, managerLockName } from './env.js';
import { Manager } from './manager.js';

/** Master rounds without a service before the master gives its lock and watchdog up. */
const MAX_IDLE_ROUNDS = 90;

type CrmState = 'startup' | 'wait_for_quorum' | 'master' | 'lost_manager_lock' | 'slave';

export class Crm extends Daemon {
  private state: CrmState = 'startup';
  private manager: Manager | undefined;
  private watchdog: string | undefined;
  private shutdownRequested = false;
  /** Consecutive master rounds that began without any service. */
  private idleRounds = 0;

  constructor(env: DaemonEnv) {
    super(env);
    this.setState('wait_for_quorum');
  }

  shutdownRequest(): void {
    if (!this.shutdownRequested) this.env.log('info', 'server received shutdown request');
    this.shutdownRequested = true;
  }

  private setState(next: CrmState): void {
    if (next === this.state) return;
    this.env.log('info', `status change ${this.state} => ${next}`);
    this.state = next;
    this.manager = next === 'master' ? new Manager(this.env) : undefined;
  }

  private protectedManagerLock(): boolean {
    if (!this.env.getLock(managerLockName)) return false;
    if (this.env.hardware.managerStatus.disarm?.state === 'disarmed') {
      // A fully disarmed stack runs without the CRM watchdog (test-disarm-crm-stop1).
      if (this.state !== 'master') this.env.log('info', 'taking over as disarmed master, skipping watchdog');
      this.closeWatchdog();
      return true;
    }
    if (this.watchdog === undefined) this.watchdog = this.env.watchdogOpen();
    else this.env.watchdogUpdate(this.watchdog);
    return true;
  }

  private canGetActive(allowNoService: boolean): boolean {
    const hardware = this.env.hardware;
    if (!this.env.quorate() || !this.clusterStateUpdate) return false;
    const services = hardware.managerStatus.serviceStatus;
    const fencedHere = Object.values(services).some((status) => status.state === 'fence' && status.node === this.env.node);
    if (fencedHere) return false;
    return allowNoService || hardware.services.size > 0 || this.pendingWork();
  }

  /**
   * Work for a master even without services: a queued CRM command (test-crm-exiting-idle1), or
   * a node still in maintenance that nobody requested (test-crm-exiting-idle2).
   */
  private pendingWork(): boolean {
    const { crmCommands, managerStatus } = this.env.hardware;
    const staleMaintenance = Object.entries(managerStatus.nodeStatus).some(
      ([node, state]) => state === 'maintenance' && managerStatus.nodeRequest[node]?.maintenance !== true,
    );
    return crmCommands.length > 0 || staleMaintenance;
  }

  /** Counts master rounds without a service; true once there were too many (the master then goes idle). */
  private idleTooLong(): boolean {
    const services = this.env.hardware.managerStatus.serviceStatus;
    this.idleRounds = Object.keys(services).length === 0 ? this.idleRounds + 1 : 0;
    return this.idleRounds > MAX_IDLE_ROUNDS;
  }

  protected work(): boolean {
    if (this.state === 'wait_for_quorum') {
      if (this.canGetActive(false)) this.setState(this.protectedManagerLock() ? 'master' : 'slave');
    } else if (this.state === 'slave') {
      if (!this.canGetActive(false)) this.setState('wait_for_quorum');
      else if (this.protectedManagerLock()) this.setState('master');
    } else if (this.state === 'lost_manager_lock') {
      if (this.canGetActive(true) && this.protectedManagerLock()) this.setState('master');
    } else if (this.state === 'master' && !this.protectedManagerLock()) {
      this.setState('lost_manager_lock');
    } else if (this.state === 'master' && this.idleTooLong()) {
      this.env.log('info', `cluster had no service configured for ${MAX_IDLE_ROUNDS} rounds, going idle.`);
      this.closeWatchdog();
      this.env.releaseLock(managerLockName);
      this.idleRounds = 0;
      this.setState('wait_for_quorum');
    }

    switch (this.state) {
      case 'master':
        if (this.shutdownRequested) {
          this.closeWatchdog();
          this.env.log('info', 'voluntary release CRM lock');
          if (!this.env.releaseLock(managerLockName)) this.env.log('notice', 'CRM lock release failed, let the lock timeout');
          return false;
        }
        if (!this.clusterStateUpdate) {
          this.env.log('notice', 'temporary inconsistent cluster state (cfs restart?), skip round');
          return true;
        }
        if (!this.env.cfsReadWrite()) {
          // The round fails as a whole; the lock, held apart from the files, stays (test-cfs-unavailable1).
          this.env.log('err', `could not read manager status: ${CFS_ERROR}`);
          this.env.log('err', `got unexpected error - ${CFS_ERROR}`);
          return true;
        }
        this.manager!.manage();
        return true;
      case 'lost_manager_lock':
        this.closeWatchdog();
        if (this.shutdownRequested) return false;
        this.setState('wait_for_quorum');
        return true;
      default:
        return !this.shutdownRequested;
    }
  }

  private closeWatchdog(): void {
    if (this.watchdog === undefined) return;
    this.env.watchdogClose(this.watchdog);
    this.watchdog = undefined;
  }
}
