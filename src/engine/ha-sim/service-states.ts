/**
 * The CRM's service state machine: one handler per state, each reading the configured state,
 * the LRM's result for the current request, the node states and queued commands. The placement
 * decisions (recover, migrate, relocate, rebalance on start) are made here through
 * `selectServiceNode` and recorded as decisions. A stopped service asked to move is relocated
 * offline (its origin, auto-rebalance or admin, is read before the command is cleared).
 * Observed: docs/pve-ha-recovery.md §3, §5, §9, test-relocate-to-inactive-node, test-service-stopped*,
 * test-service-command*, test-recovery*.
 */
import type { ServiceConfig } from '../proxmox/types.js';
import { selectServiceNode } from '../proxmox/select-service-node.js';
import type { ServiceStatus } from '../proxmox/service-status.js';
import { EXIT } from './exit-codes.js';
import type { LrmResult } from './hardware.js';
import { AUTO_REBALANCE_ORIGIN } from './load-balance.js';
import type { Manager } from './manager.js';
import { REMOVABLE_AFTER_FENCE, removeLocks } from './resources.js';

type Handler = (manager: Manager, sid: string, config: ServiceConfig, status: ServiceStatus, result: LrmResult | undefined) => void;

export function nextState(manager: Manager, sid: string, status: ServiceStatus): void {
  const config = manager.config.get(sid) ?? { sid, node: status.node, state: 'disabled', failback: true, maxRestart: 1, maxRelocate: 1 };
  const result = status.uid === undefined ? undefined : manager.lrmResults.get(status.uid);
  HANDLERS[status.state](manager, sid, config, status, result);
}

const requestedState = (config: ServiceConfig) => (config.state === 'started' ? 'started' : 'request_stop');
const moveKind = (sid: string) => (sid.startsWith('vm:') ? 'migrate' : 'relocate');

const requestStop: Handler = (manager, sid, _config, status, result) => {
  if (result !== undefined) {
    if (result.exitCode === EXIT.success) return manager.changeState(sid, 'stopped');
    manager.env.log('err', `service '${sid}' stop failed (exit code ${result.exitCode})`);
    return manager.changeState(sid, 'error');
  }
  if (manager.ns.isOfflineDelayed(status.node)) manager.changeState(sid, 'fence');
};

const migrateOrRelocate: Handler = (manager, sid, config, status, result) => {
  if (result !== undefined) {
    const next = requestedState(config);
    if (result.exitCode === EXIT.success) return manager.changeState(sid, next, { node: status.target });
    if (result.exitCode === EXIT.wrongNode) {
      manager.env.log('err', `service '${sid}' - migration failed: service registered on wrong node!`);
      manager.changeState(sid, 'error');
    } else if (result.exitCode === EXIT.ignored) {
      manager.env.log('info', `service '${sid}' - rebalance-on-start request ignored - service already running`);
      manager.changeState(sid, next, { node: status.node });
    } else {
      manager.env.log('err', `service '${sid}' - migration failed (exit code ${result.exitCode})`);
      return manager.changeState(sid, next, { node: status.node });
    }
  }
  if (manager.ns.isOfflineDelayed(status.node)) manager.changeState(sid, 'fence');
};

const stopped: Handler = (manager, sid, config, status) => {
  if (status.node !== config.node) {
    manager.env.log('info', `fixup service '${sid}' location (${status.node} => ${config.node})`);
    status.node = config.node;
  }
  if (status.cmd !== undefined) {
    const [command, argument, origin] = status.cmd;
    delete status.cmd;
    if (command === 'migrate' || command === 'relocate') {
      const target = argument!;
      if (!manager.ns.isOnline(target)) {
        manager.env.log('err', `ignore service '${sid}' ${command} request - node '${target}' not online`);
      } else if (status.node === target) {
        manager.env.log('info', `ignore service '${sid}' ${command} request - service already on node '${target}'`);
      } else {
        manager.decide(command, origin === AUTO_REBALANCE_ORIGIN ? 'auto-rebalance' : 'crm-command', sid, status.node, target);
        return manager.changeState(sid, command, { node: status.node, target });
      }
    } else if (command === 'stop') {
      manager.env.log('info', `ignore service '${sid}' ${command} request - service already stopped`);
    }
  }
  if (config.state === 'disabled') return;
  if (manager.ns.isOfflineDelayed(status.node) && manager.ns.state(status.node) !== 'maintenance') {
    return manager.changeState(sid, 'fence');
  }
  if (config.state === 'started') manager.changeState(sid, 'request_start', { node: status.node });
};

const requestStart: Handler = (manager, sid, config, status) => {
  const current = status.node;
  if (manager.env.hardware.datacenter.rebalanceOnStart) {
    const selected = selectServiceNode(manager.rules, manager.usage, sid, config, manager.ss, 'best-score');
    // Upstream interpolates an undefined node as an empty string, so "no node" reads as a new one.
    const chosen = selected ?? '';
    manager.env.log('info', `service ${sid}: re-balance selected ${chosen !== current ? 'new' : 'current'} node ${chosen} for startup`);
    if (chosen !== current) {
      if (selected !== undefined) manager.decide('rebalance-start', 'rebalance-on-start', sid, current, selected);
      return manager.changeState(sid, 'request_start_balance', { node: current, target: selected });
    }
  }
  manager.changeState(sid, 'started', { node: current });
};

const started: Handler = (manager, sid, config, status, result) => {
  const { ns, env } = manager;
  if (!ns.isOnline(status.node)) {
    if (ns.isOfflineDelayed(status.node)) manager.changeState(sid, 'fence');
    if (ns.state(status.node) !== 'maintenance') return;
    status.maintenanceNode = status.node;
  }
  if (config.state === 'disabled' || config.state === 'stopped') return manager.changeState(sid, 'request_stop');
  if (config.state !== 'started') {
    env.log('err', `service '${sid}' - unknown state '${config.state}' in service configuration`);
    return;
  }
  if (status.cmd !== undefined) return startedCommand(manager, sid, config, status);

  let preference: 'none' | 'try-next' = 'none';
  if (result !== undefined) {
    if (result.exitCode === EXIT.success) {
      if (status.failedNodes !== undefined) {
        env.log('info', `relocation policy successful for '${sid}' on node '${status.node}', failed nodes: ${status.failedNodes.join(', ')}`);
      }
      delete status.failedNodes;
      status.running = true;
    } else if (result.exitCode === EXIT.error || result.exitCode === EXIT.wrongNode) {
      delete status.running;
      status.failedNodes = [...(status.failedNodes ?? []), status.node];
      if (status.failedNodes.length <= config.maxRelocate) {
        preference = 'try-next';
        env.log('warning', `starting service ${sid} on node '${status.node}' failed, relocating service.`);
      } else {
        env.log('err', `recovery policy for service ${sid} failed, entering error state. Failed nodes: ${status.failedNodes.join(', ')}`);
        return manager.changeState(sid, 'error');
      }
    } else {
      status.failedNodes = [...(status.failedNodes ?? []), status.node];
      env.log('err', `service '${sid}' got unrecoverable error (exit code ${result.exitCode}))`);
      return manager.changeState(sid, 'error');
    }
  }

  const node = selectServiceNode(manager.rules, manager.usage, sid, config, manager.ss, preference);
  if (node !== undefined && node !== status.node) {
    const fallback = status.maintenanceNode;
    if (fallback !== undefined) {
      if (node === fallback) {
        env.log('info', `moving service '${sid}' back to '${fallback}', node came back from maintenance.`);
        delete status.maintenanceNode;
      } else if (status.node !== fallback) {
        env.log('info', `dropping maintenance fallback node '${fallback}' for '${sid}'`);
        delete status.maintenanceNode;
      }
    }
    const kind = moveKind(sid);
    env.log('info', kind === 'migrate' ? `migrate service '${sid}' to node '${node}' (running)` : `relocate service '${sid}' to node '${node}'`);
    manager.decide(kind, preference === 'try-next' ? 'start-failure' : 'scheduler', sid, status.node, node);
    return manager.changeState(sid, kind, { node: status.node, target: node });
  }
  if (preference === 'try-next' && node === undefined) {
    env.log('warning', `Start Error Recovery: Tried all available nodes for service '${sid}', retry start on current node. Tried nodes: ${(status.failedNodes ?? []).join(', ')}`);
  }
  if (status.maintenanceNode !== undefined && status.node === status.maintenanceNode && ns.state(status.node) === 'online') {
    env.log('info', `service '${sid}': clearing stale maintenance node '${status.maintenanceNode}' setting (is current node)`);
    delete status.maintenanceNode;
  }
  // A new request id makes the LRM start the service again if it went down unexpectedly.
  if (result !== undefined) status.uid = manager.newUid();
};

function startedCommand(manager: Manager, sid: string, _config: ServiceConfig, status: ServiceStatus): void {
  const { env, ns } = manager;
  const [command, argument] = status.cmd!;
  if (command === 'migrate' || command === 'relocate') {
    const target = argument!;
    if (!ns.isOnline(target)) {
      env.log('err', `ignore service '${sid}' ${command} request - node '${target}' not online`);
    } else if (status.node === target) {
      env.log('info', `ignore service '${sid}' ${command} request - service already on node '${target}'`);
    } else {
      env.log('info', `${command} service '${sid}' to node '${target}'`);
      manager.decide(command, status.cmd![2] === AUTO_REBALANCE_ORIGIN ? 'auto-rebalance' : 'crm-command', sid, status.node, target);
      manager.changeState(sid, command, { node: status.node, target });
    }
  } else if (command === 'stop') {
    const timeout = Number(argument);
    env.log('info', timeout === 0 ? `request immediate service hard-stop for service '${sid}'` : `request graceful stop with timeout '${timeout}' for service '${sid}'`);
    manager.changeState(sid, 'request_stop', { timeout });
    const configured = env.hardware.services.get(sid);
    if (configured !== undefined) configured.state = 'stopped';
  } else {
    env.log('err', `unknown command '${command}' for service '${sid}'`);
  }
  delete status.cmd;
}

const recovery: Handler = (manager, sid, config, status) => {
  const fencedNode = status.node;
  const node = selectServiceNode(manager.rules, manager.usage, sid, config, manager.ss, 'best-score');
  if (node === undefined) {
    manager.env.log('err', `recovering service '${sid}' from fenced node '${fencedNode}' failed, no recovery node found`);
    if (config.state === 'disabled') {
      delete status.failedNodes;
      manager.changeState(sid, 'stopped');
    }
    return;
  }
  manager.env.log(
    'info',
    node === fencedNode
      ? `recover service '${sid}' to previous failed and fenced node '${fencedNode}' again`
      : `recover service '${sid}' from fenced node '${fencedNode}' to node '${node}'`,
  );
  manager.decide('recover', 'fence', sid, fencedNode, node);
  const removed = removeLocks(manager.env, sid, REMOVABLE_AFTER_FENCE);
  if (removed !== undefined) manager.env.log('warning', `removed leftover lock '${removed}' from recovered service '${sid}' to allow its start.`);
  manager.env.hardware.changeServiceLocation(sid, fencedNode, node);
  config.node = node;
  status.node = node;
  manager.changeState(sid, config.state === 'started' ? 'started' : 'request_stop', { node });
};

const freeze: Handler = (manager, sid, config, status) => {
  if (manager.lrmModes.get(status.node) === 'active') manager.changeState(sid, requestedState(config));
};

const error: Handler = (manager, sid, config, status) => {
  if (config.state !== 'disabled') return;
  delete status.failedNodes;
  manager.changeState(sid, 'stopped');
};

const HANDLERS: Readonly<Record<ServiceStatus['state'], Handler>> = {
  stopped,
  request_start: requestStart,
  started,
  migrate: migrateOrRelocate,
  relocate: migrateOrRelocate,
  request_start_balance: migrateOrRelocate,
  fence: () => undefined,
  recovery,
  request_stop: requestStop,
  freeze,
  error,
};
