/**
 * The HA manager run by the master CRM each round, in this order:
 *   1. node states from quorum and LRM modes (NodeStatus);
 *   2. scheduler mode from the datacenter config;
 *   3. services added to / removed from the CRM state (not while disarmed);
 *   4. usage recomputed over the online nodes, services added in sorted-sid order;
 *   5. rules recompiled when rules, groups, services or the node list changed;
 *   6. the persistent group migration when due (group-migration.ts);
 *   7. queued CRM commands;
 *   8. disarm handling, else auto-rebalance (load-balance.ts; it may queue one migration), then
 *      the repeat loop: each service's state handler in byte-wise sid order, then fencing of nodes
 *      with `fence` services, whose services become `recovery`; repeated while anything changed,
 *      so recoveries run in the same round as the fence.
 * Every state change updates the usage at once, so later decisions in the round see it.
 * Observed: docs/pve-ha-recovery.md §4 (one CRM round), the order of crm lines within one time stamp of log.expect.
 */
import { applyGroupFailback, groupsAsNodeAffinityRules } from '../proxmox/groups.js';
import type { DecisionCause, DecisionKind } from './model.js';
import type { ServiceConfig } from '../proxmox/types.js';
import { type CompiledRules, compileRules } from '../proxmox/rules.js';
import { DynamicUsage } from '../proxmox/scheduler-dynamic.js';
import { BasicUsage } from '../proxmox/scheduler-basic.js';
import { StaticUsage } from '../proxmox/scheduler-static.js';
import type { CrmServiceState, ServiceStatus } from '../proxmox/service-status.js';
import { sortedKeys } from '../proxmox/sid-order.js';
import type { OnlineNodeUsage, SchedulerMode } from '../proxmox/usage.js';
import { updateCrmCommands } from './crm-commands.js';
import { handleDisarm } from './disarm.js';
import { migrateGroupsWhenDue, ROUNDS_BEFORE_GROUP_MIGRATION } from './group-migration.js';
import type { DaemonEnv } from './env.js';
import type { DisarmState, LrmResult } from './hardware.js';
import { loadBalance } from './load-balance.js';
import { NodeStatus } from './node-status.js';
import { measuredLoad, measuredServiceLoad, nodeCapacity, serviceDemand } from './scheduler-inputs.js';
import { nextState } from './service-states.js';

export class Manager {
  readonly ns: NodeStatus;
  readonly ss: Map<string, ServiceStatus>;
  nodeRequest: Record<string, { maintenance?: boolean }>;
  disarm: DisarmState | undefined;
  /** Managed rounds to wait before the next group-migration try (group-migration.ts). */
  groupMigrationWait = ROUNDS_BEFORE_GROUP_MIGRATION;
  /** An arm-ha command came this round (disarm.ts re-arms). */
  armRequested = false;
  usage!: OnlineNodeUsage;
  rules!: CompiledRules;
  config = new Map<string, ServiceConfig>();
  lrmResults = new Map<string, LrmResult>();
  lrmModes = new Map<string, string>();
  /** Consecutive rounds with the node imbalance above the auto-rebalance threshold. */
  imbalancedRounds = 0;
  private scheduler: SchedulerMode | undefined;
  private schedulerName: string | undefined;
  private rulesDigest = '';
  private uidCounter = 0;

  constructor(readonly env: DaemonEnv) {
    const old = env.hardware.readManagerStatus();
    this.ns = new NodeStatus(env, old.nodeStatus);
    this.ss = new Map(Object.entries(old.serviceStatus));
    this.nodeRequest = old.nodeRequest;
    this.disarm = old.disarm;
    this.updateSchedulerMode();
  }

  newUid(): string {
    this.uidCounter++;
    return `${this.env.node}-${this.env.time}-${this.uidCounter}`;
  }

  manage(): void {
    const hardware = this.env.hardware;
    const { online } = hardware.nodeInfo();
    const changedNodeList = this.ns.hasChangedNodeList(online);
    this.readLrmStatus();
    this.ns.update(online, this.lrmModes);
    if (!this.ns.isOperational(this.env.node)) {
      this.env.log('info', 'master seems offline');
      return;
    }
    this.updateSchedulerMode();

    this.config = hardware.readServiceConfig();
    const services = [...this.config.values()];
    applyGroupFailback(hardware.groups, services);
    if (this.disarm === undefined) this.syncServices();
    this.recomputeUsage();
    this.compileRulesIfChanged(changedNodeList, services);
    migrateGroupsWhenDue(this);

    updateCrmCommands(this);
    if (this.disarm !== undefined) {
      handleDisarm(this);
    } else {
      loadBalance(this);
      this.runStateMachine(() => true);
    }
    this.flush();
  }

  /** The repeat loop over services accepted by `include`, then fencing. */
  runStateMachine(include: (status: ServiceStatus) => boolean): void {
    for (;;) {
      let repeat = false;
      for (const sid of sortedKeys(this.ss)) {
        const status = this.ss.get(sid)!;
        if (!include(status)) continue;
        const before = status.state;
        nextState(this, sid, status);
        const mode = this.lrmModes.get(status.node);
        if (mode === 'restart' && ['started', 'stopped', 'request_stop'].includes(status.state)) this.changeState(sid, 'freeze');
        if (status.state !== before) repeat = true;
      }
      if (this.fenceNodes()) repeat = true;
      if (!repeat) return;
    }
  }

  private fenceNodes(): boolean {
    let changed = false;
    const fenced = new Map<string, boolean>();
    for (const sid of sortedKeys(this.ss)) {
      const status = this.ss.get(sid)!;
      if (status.state !== 'fence') continue;
      if (!fenced.has(status.node)) fenced.set(status.node, this.ns.fence(status.node));
      if (!fenced.get(status.node)) continue;
      this.changeState(sid, 'recovery');
      changed = true;
    }
    for (const node of this.ns.listNodes()) {
      if (fenced.has(node) || this.ns.state(node) !== 'fence') continue;
      this.env.log('notice', `node '${node}' in fence state but no services to-fence! admin interference?!`);
      if (this.ns.fence(node)) changed = true;
    }
    return changed;
  }

  /** `$change_service_state`: keeps node, failed nodes and maintenance node; sets `params`. */
  changeState(sid: string, next: CrmServiceState, params: { node?: string; target?: string; timeout?: number } = {}): void {
    const old = this.ss.get(sid)!;
    const previous = old.state;
    const status: ServiceStatus = { state: next, node: params.node ?? old.node };
    if (old.failedNodes !== undefined) status.failedNodes = old.failedNodes;
    if (old.maintenanceNode !== undefined) status.maintenanceNode = old.maintenanceNode;
    if (params.target !== undefined) status.target = params.target;
    if (params.timeout !== undefined) status.timeout = params.timeout;
    Object.keys(old).forEach((key) => delete (old as unknown as Record<string, unknown>)[key]);
    Object.assign(old, status);
    this.usage.removeServiceUsage(sid);
    this.usage.addServiceUsage(sid, old);
    old.uid = this.newUid();
    const shown = (['node', 'target', 'timeout'] as const).filter((key) => params[key] !== undefined).map((key) => `${key} = ${params[key]}`);
    const suffix = shown.length > 0 ? `  (${shown.join(', ')})` : '';
    this.env.log('info', `service '${sid}': state changed from '${previous}' to '${next}'${suffix}`);
  }

  decide(kind: DecisionKind, cause: DecisionCause, sid: string, from: string, to: string): void {
    this.env.hardware.decisions.push({ time: this.env.time, kind, cause, sid, from, to });
  }

  private readLrmStatus(): void {
    this.lrmResults = new Map();
    this.lrmModes = new Map();
    for (const node of this.ns.listNodes()) {
      const file = this.env.hardware.lrmStatus.get(node);
      this.lrmModes.set(node, file?.mode ?? 'active');
      for (const [uid, result] of Object.entries(file?.results ?? {})) if (!this.lrmResults.has(uid)) this.lrmResults.set(uid, result);
    }
  }

  private updateSchedulerMode(): void {
    const wanted = this.env.hardware.datacenter.scheduler;
    if (this.schedulerName === undefined) {
      if (wanted !== 'basic') this.env.log('info', `using scheduler mode '${wanted}'`);
    } else if (wanted !== this.schedulerName) {
      this.env.log('info', `switching scheduler mode from '${this.schedulerName}' to '${wanted}'`);
    }
    this.schedulerName = wanted;
    this.scheduler = wanted === 'static' || wanted === 'dynamic' ? wanted : 'basic';
  }

  private syncServices(): void {
    for (const sid of sortedKeys(this.config)) {
      const config = this.config.get(sid)!;
      if (this.ss.has(sid) || config.state === 'ignored') continue;
      this.env.log('info', `adding new service '${sid}' on node '${config.node}'`);
      const state: CrmServiceState = config.state === 'started' ? 'request_start' : 'request_stop';
      this.ss.set(sid, { state, node: config.node, uid: this.newUid() });
    }
    for (const sid of sortedKeys(this.ss)) {
      const config = this.config.get(sid);
      if (config !== undefined && config.state !== 'ignored') continue;
      const reason = config === undefined ? 'no config' : 'ignored state requested';
      this.env.log('info', `removing stale service '${sid}' (${reason})`);
      this.ss.delete(sid);
    }
  }

  private recomputeUsage(): void {
    const hardware = this.env.hardware;
    const online = this.ns.listOnlineNodes();
    if (this.scheduler !== this.schedulerName) this.env.log('warning', `got unknown scheduler mode '${this.schedulerName}', using 'basic'`);
    const capacity = (node: string) => nodeCapacity(hardware, node);
    const demand = (sid: string) => serviceDemand(hardware, sid);
    if (this.scheduler === 'static') this.usage = new StaticUsage(online, capacity, demand);
    else if (this.scheduler === 'dynamic') this.usage = new DynamicUsage(online, capacity, demand, (node) => measuredLoad(hardware, node), (sid) => measuredServiceLoad(hardware, sid));
    else this.usage = new BasicUsage(online);
    for (const sid of sortedKeys(this.ss)) this.usage.addServiceUsage(sid, this.ss.get(sid)!);
  }

  private compileRulesIfChanged(changedNodeList: boolean, services: ServiceConfig[]): void {
    const hardware = this.env.hardware;
    const configured = [...hardware.rules, ...groupsAsNodeAffinityRules(hardware.groups, services)];
    const nodes = this.ns.listNodes();
    const digest = JSON.stringify([configured, nodes]);
    if (this.rulesDigest !== '' && !changedNodeList && digest === this.rulesDigest) return;
    this.rules = compileRules(configured, nodes);
    for (const { id, reason } of this.rules.dropped) this.env.log('info', `Drop rule '${id}', because ${reason}.`);
    this.rulesDigest = digest;
  }

  private flush(): void {
    this.env.hardware.writeManagerStatus({
      masterNode: this.env.node,
      nodeStatus: this.ns.status,
      serviceStatus: Object.fromEntries(this.ss),
      nodeRequest: this.nodeRequest,
      ...(this.disarm === undefined ? {} : { disarm: this.disarm }),
      timestamp: this.env.time,
    });
  }
}
