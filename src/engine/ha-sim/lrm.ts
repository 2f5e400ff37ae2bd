/**
 * The local resource manager of one node. It holds the node's agent lock and watchdog while it
 * has active services, executes the CRM's requests for services on its node (start, stop,
 * migrate, relocate, rebalance on start) and reports results by request uid. Shutdown follows
 * the datacenter shutdown policy: `conditional` stops services on shutdown and freezes them on
 * reboot, `freeze` always freezes, `failover` always stops, `migrate` puts the node in
 * maintenance so the CRM moves its services away; a node already in requested maintenance stays
 * so. A node that had no service for 60 rounds gives its lock up. A disarm request makes an
 * active LRM release lock and watchdog; one in maintenance holds still until maintenance ends
 * (holdForDisarm). While the cluster file system fails it keeps its last view of the manager.
 * Observed: docs/pve-ha-recovery.md §9.1, §9.2, test-shutdown-policy*, test-crm-maintenance-request*,
 * test-lrm-going-idle1, test-disarm-maintenance*, test-cfs-unavailable1, test-restart-lrm.
 */
import { Daemon } from './daemon.js';
import type { ServiceStatus } from '../proxmox/service-status.js';
import { compareBytes, sortedKeys } from '../proxmox/sid-order.js';
import { agentLockName, CFS_ERROR, type DaemonEnv } from './env.js';
import { EXIT } from './exit-codes.js';
import { isRunning, migrateGuest, shutdownGuest, startGuest } from './resources.js';

type LrmState = 'startup' | 'wait_for_agent_lock' | 'active' | 'maintenance' | 'lost_agent_lock';
type LrmMode = 'active' | 'restart' | 'shutdown' | 'maintenance';

const MAX_ACTIVE_IDLE_ROUNDS = 60;

interface Worker {
  uid?: string;
  state: string;
  target?: string;
  timeout?: number;
}

export class Lrm extends Daemon {
  private state: LrmState = 'startup';
  private mode: LrmMode = 'active';
  private readonly workers = new Map<string, Worker>();
  private results: Record<string, { sid: string; state: string; exitCode: number }> = {};
  private readonly restartTries = new Map<string, number>();
  private shutdownRequested = false;
  private shutdownErrors = 0;
  private activeIdleRounds = 0;
  private services: Record<string, ServiceStatus> = {};
  private nodeState = 'unknown';
  private disarmRequested = false;
  /** In maintenance when a disarm came (holdForDisarm). */
  private heldForDisarm = false;
  private watchdog: string | undefined;

  constructor(env: DaemonEnv) {
    super(env);
    this.setState('wait_for_agent_lock');
  }

  shutdownRequest(): void {
    if (this.shutdownRequested) return;
    const node = this.env.node;
    const hardware = this.env.hardware;
    const target = hardware.nodes.get(node)!.shutdown;
    const shutdown = target !== undefined;
    const reboot = target === 'reboot';
    let policy = hardware.datacenter.shutdownPolicy;
    if (shutdown) this.env.log('info', `got shutdown request with shutdown policy '${policy}'`);
    if (!['conditional', 'freeze', 'failover', 'migrate'].includes(policy)) {
      this.env.log('err', `unknown shutdown policy '${policy}', fall back to conditional`);
      policy = 'conditional';
    }
    const maintenance = policy === 'migrate';
    const freezeAll = policy === 'freeze' || (policy === 'conditional' && reboot);
    // A node in maintenance by request stays so, whatever the policy (test-crm-maintenance-request3/4).
    const manualMaintenance = this.mode === 'maintenance';
    if (shutdown && !maintenance && !manualMaintenance) {
      for (const sid of sortedKeys(this.services)) {
        if (this.services[sid]!.node === node) this.queue(sid, undefined, 'request_stop', {});
      }
    }
    if (shutdown) {
      const kind = reboot ? 'reboot' : 'shutdown';
      if (manualMaintenance) {
        this.env.log('info', maintenance ? `${kind} LRM, ignore maintenance policy, already in maintenance mode` : `${kind} LRM, ignore ${policy} policy as manual maintenance mode is enabled`);
      } else if (maintenance) {
        this.env.log('info', `${kind} LRM, doing maintenance, removing this node from active list`);
        this.mode = 'maintenance';
      } else if (freezeAll) {
        this.env.log('info', `${kind} LRM, stop and freeze all services`);
        this.mode = 'restart';
      } else {
        this.env.log('info', 'shutdown LRM, stop all services');
        this.mode = 'shutdown';
      }
    } else {
      this.env.log('info', 'restart LRM, freeze all services');
      this.mode = 'restart';
    }
    this.shutdownRequested = true;
    if (!this.writeStatus()) this.env.log('err', 'unable to update lrm status file - not quorate?');
  }

  private setState(next: LrmState): void {
    if (next === this.state) return;
    this.env.log('info', `status change ${this.state} => ${next}`);
    this.state = next;
  }

  private writeStatus(): boolean {
    if (!this.env.quorate()) return false;
    if (!this.env.cfsReadWrite()) {
      this.env.log('err', `unable to write lrm status file - ${CFS_ERROR}`);
      return false;
    }
    this.env.hardware.lrmStatus.set(this.env.node, {
      state: this.state,
      mode: this.mode,
      results: structuredClone(this.results),
      timestamp: this.env.time,
    });
    return true;
  }

  /** Reads the manager status; keeps the last copy when the cluster file system fails. */
  private readManagerStatus(): void {
    if (!this.env.cfsReadWrite()) return this.env.log('err', `updating service status from manager failed: ${CFS_ERROR}`);
    const status = this.env.hardware.readManagerStatus();
    this.services = status.serviceStatus;
    this.nodeState = status.nodeStatus[this.env.node] ?? 'unknown';
    this.disarmRequested = status.disarm !== undefined;
    const maintenanceRequested = status.nodeRequest[this.env.node]?.maintenance === true;
    if (maintenanceRequested && this.mode === 'active') this.mode = 'maintenance';
    else if (!maintenanceRequested && this.mode === 'maintenance' && !this.shutdownRequested) this.mode = 'active';
  }

  private protectedAgentLock(): boolean {
    if (!this.env.getLock(agentLockName(this.env.node))) return false;
    if (this.watchdog === undefined) this.watchdog = this.env.watchdogOpen();
    else this.env.watchdogUpdate(this.watchdog);
    return true;
  }

  /**
   * Disarmed during maintenance: the lock is given up at once, without a word, the watchdog kept,
   * and nothing more happens until maintenance ends, even if the stack is re-armed meanwhile; then
   * the lock is taken again (test-disarm-maintenance1 logs "got lock" only when it ends).
   */
  private holdForDisarm(): void {
    if (!this.heldForDisarm) this.env.releaseLock(agentLockName(this.env.node));
    this.heldForDisarm = true;
    if (this.watchdog !== undefined) this.env.watchdogUpdate(this.watchdog);
    if (this.mode === 'maintenance' || this.disarmRequested || !this.protectedAgentLock()) return;
    this.heldForDisarm = false;
    this.setState('active');
  }

  private releaseForDisarm(message: string): void {
    this.heldForDisarm = false;
    this.env.log('info', message);
    this.env.releaseLock(agentLockName(this.env.node));
    this.giveUpWatchdog();
    this.setState('wait_for_agent_lock');
  }

  private giveUpWatchdog(): void {
    if (this.watchdog === undefined) return;
    this.env.watchdogClose(this.watchdog);
    this.watchdog = undefined;
  }

  private ownServices(): ServiceStatus[] {
    return Object.values(this.services).filter((status) => status.node === this.env.node);
  }

  /** Services that keep the LRM armed: on this node or moving to it, and not at rest. */
  private activeServiceCount(): number {
    const node = this.env.node;
    return Object.values(this.services).filter(
      (status) => (status.node === node || status.target === node) && !['stopped', 'freeze', 'error'].includes(status.state),
    ).length;
  }

  private fenceRequested(): boolean {
    return this.ownServices().some((status) => status.state === 'fence') || this.nodeState === 'fence';
  }

  protected work(): boolean {
    const hardware = this.env.hardware;
    if (!hardware.lrmStatusWrittenAtStartup) {
      if (!this.writeStatus()) return !this.shutdownRequested;
      hardware.lrmStatusWrittenAtStartup = true;
    }
    this.readManagerStatus();
    const fence = this.fenceRequested();

    if (this.disarmRequested && this.state === 'active') {
      this.releaseForDisarm('HA disarm requested, releasing agent lock and watchdog');
    } else if (this.disarmRequested && this.state === 'maintenance' && this.mode !== 'maintenance') {
      this.releaseForDisarm('HA disarm requested during maintenance, releasing agent lock and watchdog');
    } else if (this.state === 'wait_for_agent_lock') {
      if (!fence && !this.disarmRequested && this.activeServiceCount() > 0 && this.env.quorate() && this.protectedAgentLock()) {
        this.setState('active');
      }
    } else if (this.state === 'lost_agent_lock') {
      if (!fence && this.env.quorate() && this.protectedAgentLock()) this.setState('active');
    } else if (this.state === 'active') {
      if (fence) {
        this.env.log('err', 'node need to be fenced - releasing agent_lock');
        this.setState('lost_agent_lock');
      } else if (!this.protectedAgentLock()) {
        this.setState('lost_agent_lock');
      } else if (this.mode === 'maintenance') {
        this.setState('maintenance');
      } else if (this.ownServices().length === 0 && this.runWorkers() === 0) {
        this.activeIdleRounds++;
        if (this.activeIdleRounds > MAX_ACTIVE_IDLE_ROUNDS) {
          this.env.log('info', `node had no service configured for ${MAX_ACTIVE_IDLE_ROUNDS} rounds, going idle.`);
          this.env.releaseLock(agentLockName(this.env.node));
          this.giveUpWatchdog();
          this.setState('wait_for_agent_lock');
          this.activeIdleRounds = 0;
        }
      } else {
        this.activeIdleRounds = 0;
      }
    } else if (this.state === 'maintenance') {
      if (fence) {
        this.env.log('err', 'node need to be fenced during maintenance mode - releasing agent_lock');
        this.setState('lost_agent_lock');
      } else if (this.disarmRequested || this.heldForDisarm) {
        this.holdForDisarm();
      } else if (!this.protectedAgentLock()) {
        this.setState('lost_agent_lock');
      } else if (this.mode !== 'maintenance') {
        this.setState('active');
      }
    }

    switch (this.state) {
      case 'wait_for_agent_lock':
        if (this.shutdownRequested) return false;
        this.writeStatus();
        return true;
      case 'active':
        return this.workActive();
      case 'lost_agent_lock':
        return this.workLostLock();
      case 'maintenance':
        return this.workMaintenance();
      default:
        return true;
    }
  }

  private workActive(): boolean {
    let exit = false;
    if (this.shutdownRequested) {
      if (this.mode === 'restart') {
        const workers = this.runWorkers();
        if (this.activeServiceCount() === 0 && workers === 0) {
          this.giveUpWatchdog();
          exit = true;
          this.env.releaseLock(agentLockName(this.env.node));
        }
      } else if (this.runWorkers() === 0) {
        if (this.shutdownErrors === 0) {
          this.giveUpWatchdog();
          this.env.releaseLock(agentLockName(this.env.node));
        }
        exit = true;
      }
    } else if (!this.clusterStateUpdate) {
      this.env.log('notice', 'temporary inconsistent cluster state (cfs restart?), skip round');
    } else {
      // Read again right before acting (so a failing cfs is logged twice a round, test-cfs-unavailable1).
      this.readManagerStatus();
      this.manageResources();
    }
    this.writeStatus();
    return !exit;
  }

  private workLostLock(): boolean {
    if (!this.shutdownRequested) return true;
    const count = this.activeServiceCount();
    if (count === 0) {
      this.giveUpWatchdog();
      return false;
    }
    this.env.log('err', `got shutdown request in state 'lost_agent_lock' - detected ${count} running services`);
    return true;
  }

  private workMaintenance(): boolean {
    let exit = false;
    if (this.shutdownRequested && this.activeServiceCount() === 0 && this.runWorkers() === 0) {
      this.giveUpWatchdog();
      exit = true;
      this.env.releaseLock(agentLockName(this.env.node));
    }
    if (!exit && !this.heldForDisarm) this.manageResources();
    this.writeStatus();
    return !exit;
  }

  private manageResources(): void {
    for (const sid of this.restartTries.keys()) if (this.services[sid] === undefined) this.restartTries.delete(sid);
    for (const sid of sortedKeys(this.services)) {
      const status = this.services[sid]!;
      if (status.node !== this.env.node || status.uid === undefined) continue;
      if (['recovery', 'freeze', 'request_start'].includes(status.state)) continue;
      this.queue(sid, status.uid, status.state, { target: status.target, timeout: status.timeout });
    }
    this.runWorkers();
  }

  private queue(sid: string, uid: string | undefined, state: string, params: { target?: string; timeout?: number }): void {
    if (state !== 'stopped' && uid !== undefined && this.results[uid] !== undefined) return;
    this.workers.set(sid, { uid, state, ...params });
  }

  /** Runs every queued request at once (the tests never fork); returns the workers left. */
  private runWorkers(): number {
    const config = this.env.hardware.readServiceConfig();
    for (const sid of [...this.workers.keys()].sort(compareBytes)) {
      const worker = this.workers.get(sid)!;
      const exitCode = this.execute(sid, config.get(sid)?.node, worker);
      this.workers.delete(sid);
      if (worker.uid === undefined) {
        if (exitCode !== EXIT.success) this.shutdownErrors++;
        continue;
      }
      this.finished(sid, worker, exitCode);
    }
    return this.workers.size;
  }

  private finished(sid: string, worker: Worker, rawExitCode: number): void {
    const exitCode = this.applyRestartPolicy(sid, worker.state, rawExitCode);
    if (exitCode === EXIT.tryAgain) return;
    this.results[worker.uid!] = { sid, state: worker.state, exitCode };
    const valid = new Set(Object.values(this.services).map((status) => status.uid));
    for (const uid of Object.keys(this.results)) if (!valid.has(uid)) delete this.results[uid];
  }

  /** Local restarts before the CRM hears of a failed start (max_restart; test-resource-failure*). */
  private applyRestartPolicy(sid: string, command: string, exitCode: number): number {
    if (command !== 'started') return exitCode;
    if (exitCode === EXIT.success) {
      this.restartTries.set(sid, 0);
      return exitCode;
    }
    if (exitCode !== EXIT.error) return exitCode;
    const maxRestart = this.env.hardware.services.get(sid)?.maxRestart ?? 0;
    const tries = this.restartTries.get(sid) ?? 0;
    if (tries >= maxRestart) {
      this.env.log('err', `unable to start service ${sid} on local node after ${tries} retries`);
      this.restartTries.set(sid, 0);
      return EXIT.error;
    }
    this.restartTries.set(sid, tries + 1);
    this.env.log('warning', `restart policy: retry number ${tries + 1} for service '${sid}'`);
    return EXIT.tryAgain;
  }

  /** Runs one request against the simulated guests; the result code goes to the CRM. */
  private execute(sid: string, configuredNode: string | undefined, worker: Worker): number {
    if (configuredNode === undefined) {
      this.env.log('err', `missing resource configuration for '${sid}'`);
      return EXIT.unknownService;
    }
    if (worker.state === 'error') {
      this.env.log('err', `service ${sid} is in an error state and needs manual intervention. Look up 'ERROR RECOVERY' in the documentation.`);
      return EXIT.success;
    }
    if (configuredNode !== this.env.node) {
      this.env.log('err', `service '${sid}' not on this node`);
      return EXIT.wrongNode;
    }
    const running = isRunning(this.env, sid);
    switch (worker.state) {
      case 'started':
        if (running) return EXIT.success;
        this.env.log('info', `starting service ${sid}`);
        startGuest(this.env, sid);
        if (isRunning(this.env, sid)) {
          this.env.log('info', `service status ${sid} started`);
          return EXIT.success;
        }
        this.env.log('warning', `unable to start service ${sid}`);
        return EXIT.error;
      case 'request_stop':
      case 'stopped':
        if (!running) return EXIT.success;
        this.env.log('info', worker.timeout === undefined ? `stopping service ${sid}` : `stopping service ${sid} (timeout=${worker.timeout})`);
        shutdownGuest(this.env, sid);
        if (!isRunning(this.env, sid)) {
          this.env.log('info', `service status ${sid} stopped`);
          return EXIT.success;
        }
        this.env.log('info', `unable to stop service ${sid} (still running)`);
        return EXIT.error;
      case 'request_start_balance':
        if (running) {
          this.env.log('info', `ignoring rebalance-on-start for service ${sid} - already running`);
          return EXIT.ignored;
        }
        return this.move(sid, worker, false);
      case 'migrate':
      case 'relocate':
        return this.move(sid, worker, worker.state === 'migrate');
      default:
        this.env.log('err', `implement me (cmd '${worker.state}')`);
        return EXIT.unknownCommand;
    }
  }

  private move(sid: string, worker: Worker, online: boolean): number {
    if (worker.target === undefined) return EXIT.invalidParameter;
    if (worker.target === this.env.node) return EXIT.success;
    if (migrateGuest(this.env, sid, worker.target, online)) return EXIT.success;
    this.env.log('err', `service ${sid} not moved (migration error)`);
    return EXIT.error;
  }
}
