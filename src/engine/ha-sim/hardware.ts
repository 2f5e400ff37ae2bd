/**
 * The simulated cluster "hardware" and shared storage: node power and network, quorum,
 * cluster-wide locks, watchdogs, the service config, the per-node running status and the files
 * the daemons exchange (LRM status, manager status, CRM command queue).
 *
 * Quorum: a node is online iff power and network are on; the cluster is quorate iff
 * online > floor(total / 2), counting every node of hardware_status; without quorum every node
 * is reported offline. Locks: only a quorate caller may take or renew one; a lock not renewed for
 * more than 120 s can be taken by anyone. Watchdogs expire after 60 s without update.
 * Observed: docs/pve-ha-recovery.md §2 (quorum, constants), test-basic*, test-recovery*, test-reboot1.
 */
import type { DatacenterHa, DynamicServiceStats, HaDecision, StaticServiceStats } from './model.js';
import type { HaGroup, HaRule, ServiceConfig } from '../proxmox/types.js';
import type { ServiceStatus } from '../proxmox/service-status.js';
import { compareBytes } from '../proxmox/sid-order.js';
import type { Crm } from './crm.js';
import type { DaemonEnv } from './env.js';
import type { Lrm } from './lrm.js';

export const LOCK_TIMEOUT_SECONDS = 120;
export const WATCHDOG_TIMEOUT_SECONDS = 60;

export interface SimNode {
  name: string;
  power: 'on' | 'off';
  network: 'on' | 'off';
  shutdown?: 'shutdown' | 'reboot';
  cfs: { rw: boolean; update: boolean };
  maxCpu?: number;
  maxMemBytes?: number;
  pveManagerVersion?: string;
  crm?: Crm;
  lrm?: Lrm;
  crmEnv: DaemonEnv;
  lrmEnv: DaemonEnv;
  lrmRestart: boolean;
}

export interface LrmResult {
  sid: string;
  state: string;
  exitCode: number;
}

export interface LrmStatusFile {
  state: string;
  mode: string;
  results: Record<string, LrmResult>;
  timestamp: number;
}

export interface DisarmState {
  mode: 'freeze' | 'ignore';
  state: 'requested' | 'disarmed';
  /** The services were frozen, or their tracking suspended (once, when no recovery is pending). */
  applied: boolean;
}

export interface ManagerStatusFile {
  masterNode?: string;
  nodeStatus: Record<string, string>;
  serviceStatus: Record<string, ServiceStatus>;
  nodeRequest: Record<string, { maintenance?: boolean }>;
  disarm?: DisarmState;
  timestamp?: number;
}

export interface LogLine {
  time: number;
  origin: string;
  level: string;
  message: string;
}

export class SimHardware {
  time = 0;
  readonly nodes = new Map<string, SimNode>();
  readonly services = new Map<string, ServiceConfig>();
  /** `service_status_<node>`: which services the node's hypervisor runs. */
  readonly running = new Map<string, Map<string, boolean>>();
  readonly lrmStatus = new Map<string, LrmStatusFile>();
  managerStatus: ManagerStatusFile;
  crmCommands: string[] = [];
  readonly log: LogLine[] = [];
  readonly decisions: HaDecision[] = [];
  /** Whether some LRM wrote its status at startup: one flag for the whole simulation, not per LRM. */
  lrmStatusWrittenAtStartup = false;
  /** `fa:` guests' attempt counters, one set for the whole simulation. */
  readonly failTries = { start: new Map<string, number>(), migrate: new Map<string, number>() };
  private readonly locks = new Map<string, { node: string; time: number }>();
  private readonly watchdogs = new Map<string, { node: string; updateTime: number }>();
  private watchdogCounter = 0;

  constructor(
    /** Rules and groups: the group migration moves groups into rules (group-migration.ts). */
    readonly rules: HaRule[],
    readonly groups: HaGroup[],
    readonly datacenter: DatacenterHa,
    readonly staticStats: Map<string, StaticServiceStats>,
    readonly dynamicStats: Map<string, DynamicServiceStats>,
    managerStatus: ManagerStatusFile,
  ) {
    this.managerStatus = managerStatus;
  }

  nodeNames(): string[] {
    return [...this.nodes.keys()].sort(compareBytes);
  }

  addLog(time: number, origin: string, level: string, message: string): void {
    this.log.push({ time, origin, level, message });
  }

  hardwareLog(level: string, message: string, origin = 'hardware'): void {
    this.addLog(this.time, origin, level, message);
  }

  nodeInfo(): { online: Map<string, boolean>; quorate: boolean } {
    const online = new Map<string, boolean>();
    for (const node of this.nodes.values()) online.set(node.name, node.power === 'on' && node.network === 'on');
    const onlineCount = [...online.values()].filter(Boolean).length;
    const quorate = onlineCount > Math.floor(this.nodes.size / 2);
    if (!quorate) for (const name of online.keys()) online.set(name, false);
    return { online, quorate };
  }

  quorateFor(node: string): boolean {
    const info = this.nodeInfo();
    return info.online.get(node) === true && info.quorate;
  }

  cfsWorks(node: string, what: 'rw' | 'update'): boolean {
    return this.nodes.get(node)?.cfs[what] ?? true;
  }

  /** Takes or renews `name` for `node` at `time`; true on success. */
  getLock(name: string, node: string, time: number, log: (message: string) => void): boolean {
    if (!this.quorateFor(node)) return false;
    const held = this.locks.get(name);
    if (held !== undefined && time - held.time <= LOCK_TIMEOUT_SECONDS) {
      if (held.node !== node) return false;
      held.time = time;
      return true;
    }
    log(`got lock '${name}'`);
    this.locks.set(name, { node, time });
    return true;
  }

  releaseLock(name: string, node: string, time: number): boolean {
    if (!this.quorateFor(node)) return false;
    const held = this.locks.get(name);
    if (held === undefined) return false;
    if (time - held.time > LOCK_TIMEOUT_SECONDS) return true;
    if (held.node !== node) return false;
    this.locks.delete(name);
    return true;
  }

  watchdogOpen(node: string, time: number): string {
    const id = `WD:${node}:${++this.watchdogCounter}`;
    this.watchdogs.set(id, { node, updateTime: time });
    return id;
  }

  watchdogUpdate(id: string, time: number): void {
    const watchdog = this.watchdogs.get(id);
    if (watchdog !== undefined && time - watchdog.updateTime <= WATCHDOG_TIMEOUT_SECONDS) watchdog.updateTime = time;
  }

  watchdogClose(id: string): void {
    this.watchdogs.delete(id);
  }

  /** False when a watchdog of `node` expired (and removes it). */
  watchdogCheck(node: string): boolean {
    let alive = true;
    for (const [id, watchdog] of this.watchdogs) {
      if (watchdog.node !== node) continue;
      if (this.time - watchdog.updateTime > WATCHDOG_TIMEOUT_SECONDS) {
        alive = false;
        this.watchdogs.delete(id);
      }
    }
    return alive;
  }

  watchdogReset(node: string): void {
    for (const [id, watchdog] of this.watchdogs) if (watchdog.node === node) this.watchdogs.delete(id);
  }

  /** A fresh copy, as every reader of the config file gets. */
  readServiceConfig(): Map<string, ServiceConfig> {
    return new Map([...this.services].map(([sid, config]) => [sid, { ...config }]));
  }

  changeServiceLocation(sid: string, from: string, to: string): void {
    const config = this.services.get(sid);
    if (config === undefined || config.node !== from) return;
    config.node = to;
  }

  runningOn(node: string): Map<string, boolean> {
    let status = this.running.get(node);
    if (status === undefined) {
      status = new Map();
      this.running.set(node, status);
    }
    return status;
  }

  writeManagerStatus(status: ManagerStatusFile): void {
    this.managerStatus = structuredClone(status);
  }

  readManagerStatus(): ManagerStatusFile {
    return structuredClone(this.managerStatus);
  }
}
