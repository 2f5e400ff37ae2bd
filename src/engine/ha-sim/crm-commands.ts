/**
 * Commands queued for the master, read once a round: migrate/relocate (refused toward a node
 * holding a negative-affinity partner; positive partners are queued along), stop, node
 * maintenance on/off, and disarm/arm of the whole HA stack (a second disarm or a needless arm is
 * ignored with a notice). Auto-rebalance hands its moves on through the same path.
 * Observed: docs/pve-ha-recovery.md §9.3, test-service-command*, test-resource-affinity-strict-*,
 * test-crm-maintenance-request*, test-disarm-double1, test-crs-static-auto-rebalance2.
 */
import { compareBytes } from '../proxmox/sid-order.js';
import type { Manager } from './manager.js';

export function updateCrmCommands(manager: Manager): void {
  const hardware = manager.env.hardware;
  const commands = hardware.crmCommands;
  hardware.crmCommands = [];
  for (const command of commands) applyCommand(manager, command);
}

function applyCommand(manager: Manager, command: string): void {
  const { env, ns, ss } = manager;
  const words = command.split(/\s+/);
  const [verb, first, second] = words;
  if ((verb === 'migrate' || verb === 'relocate') && first !== undefined && second !== undefined) {
    const status = ss.get(first);
    if (status === undefined) return env.log('err', `crm command error - no such service: ${command}`);
    if (!ns.isOnline(second)) return env.log('err', `crm command error - node not online: ${command}`);
    if (status.node === second) return env.log('info', `ignore crm command - service already on target node: ${command}`);
    return executeMigration(manager, command, verb, first, second);
  }
  if (verb === 'stop' && first !== undefined && second !== undefined) {
    const status = ss.get(first);
    if (status === undefined) return env.log('err', `crm command error - no such service: ${command}`);
    env.log('info', `got crm command: ${command}`);
    status.cmd = ['stop', second];
    return;
  }
  if (verb === 'enable-node-maintenance' && first !== undefined) {
    const state = ns.state(first);
    if (state === 'online') manager.nodeRequest[first] = { ...manager.nodeRequest[first], maintenance: true };
    else if (state === 'maintenance') env.log('info', `ignoring crm command - node ${first} is already in maintenance state`);
    else env.log('err', `crm command error - node not online: ${command}`);
    return;
  }
  if (verb === 'disable-node-maintenance' && first !== undefined) {
    const state = ns.state(first);
    if (state !== 'maintenance') env.log('warn', `clearing maintenance of node ${first} requested, but it's in state ${state}`);
    if (manager.nodeRequest[first] !== undefined) delete manager.nodeRequest[first].maintenance;
    return;
  }
  if (verb === 'disarm-ha' && (first === 'freeze' || first === 'ignore')) {
    if (manager.disarm !== undefined) return env.log('notice', `ignoring disarm-ha command - already in disarm state (${manager.disarm.state})`);
    env.log('info', `got crm command: ${command}`);
    manager.disarm = { mode: first, state: 'requested', applied: false };
    return;
  }
  if (verb === 'arm-ha') {
    if (manager.disarm === undefined) return env.log('notice', 'ignoring arm-ha command - HA stack is not disarmed');
    env.log('info', `got crm command: ${command}`);
    manager.armRequested = true;
    return;
  }
  env.log('err', `unable to parse crm command: ${command}`);
}

/**
 * A migrate/relocate request, from the admin or from auto-rebalance (`origin`): refused toward a
 * node holding a negative-affinity partner, else logged as a CRM command and queued.
 */
export function executeMigration(manager: Manager, command: string, task: string, sid: string, target: string, origin?: string): void {
  const { env, ss, rules } = manager;
  for (const partner of [...(rules.resourceAffinity.negative.get(sid) ?? [])].sort(compareBytes)) {
    const status = ss.get(partner);
    if (status === undefined) continue;
    if (status.node !== target) continue;
    if (status.target !== undefined && status.target !== target) continue;
    env.log('err', `crm command '${command}' error - service '${partner}' on node '${target}' in negative affinity with service '${sid}'`);
    return;
  }
  env.log('info', `got crm command: ${command}`);
  queueResourceMotion(manager, command, origin === undefined ? [task, target] : [task, target, origin], sid);
}

/**
 * Queues `cmd` ([task, node, origin?]) for `sid` and for each positive
 * partner not already there or going there. Negative partners are the caller's to check.
 */
export function queueResourceMotion(manager: Manager, command: string, cmd: string[], sid: string): void {
  const { env, ss, rules } = manager;
  const [task, target] = cmd;
  ss.get(sid)!.cmd = [...cmd];
  for (const partner of [...(rules.resourceAffinity.positive.get(sid) ?? [])].sort(compareBytes)) {
    const status = ss.get(partner);
    if (status === undefined || status.node === target || status.target === target) continue;
    env.log('info', `crm command '${command}' - ${task} service '${partner}' to node '${target}' (service '${partner}' in positive affinity with service '${sid}')`);
    status.cmd = [...cmd];
  }
}
