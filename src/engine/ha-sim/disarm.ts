/**
 * Disarming the HA stack (`crm-command disarm-ha freeze|ignore`, `arm-ha`; ha-manager 5.1.3), as
 * the regression logs show it (test-disarm-*):
 * - while any service waits for fencing or recovery the disarm is deferred and only those
 *   services are handled, so pending recoveries still run (test-disarm-fence*);
 * - then, once: in `freeze` mode every service not in error is frozen in place, keeping its
 *   maintenance node (queued commands are dropped); in `ignore` mode every service's tracking is
 *   suspended and its state kept (test-disarm-ignored*);
 * - the stack counts as disarmed once no online LRM is active (one in maintenance does not
 *   count); while disarmed no service is handled;
 * - re-arming: in `freeze` mode no service is handled in that round (they thaw the next one); in
 *   `ignore` mode the CRM first takes over the node of each service moved behind its back, then
 *   handles every service in the same round (test-disarm-ignored2, test-disarm-maintenance3).
 * LRMs release their locks on seeing the request (lrm.ts); a new master of a disarmed stack
 * takes no watchdog (crm.ts).
 */
import { sortedKeys } from '../proxmox/sid-order.js';
import type { DisarmState } from './hardware.js';
import type { Manager } from './manager.js';

const PENDING_RECOVERY = new Set(['fence', 'recovery']);
/** States a freeze leaves alone. */
const NOT_FROZEN = new Set(['freeze', 'error']);

export function handleDisarm(manager: Manager): void {
  const disarm = manager.disarm!;
  if (manager.armRequested) return rearm(manager, disarm);
  if (disarm.state === 'disarmed') return;
  const { env, ss } = manager;
  const pending = sortedKeys(ss).find((sid) => PENDING_RECOVERY.has(ss.get(sid)!.state));
  if (pending !== undefined) {
    env.log('warn', `deferring disarm - service '${pending}' is in '${ss.get(pending)!.state}' state`);
    manager.runStateMachine((status) => PENDING_RECOVERY.has(status.state));
    return;
  }
  if (!disarm.applied) applyDisarm(manager, disarm);
  const activeLrm = manager.ns.listOnlineNodes().some((node) => env.hardware.lrmStatus.get(node)?.state === 'active');
  if (activeLrm) return;
  env.log('info', 'all LRMs disarmed, HA stack is now fully disarmed');
  env.log('info', 'HA stack fully disarmed, releasing CRM watchdog');
  disarm.state = 'disarmed';
}

function applyDisarm(manager: Manager, disarm: DisarmState): void {
  const { env, ss } = manager;
  disarm.applied = true;
  for (const sid of sortedKeys(ss)) {
    const status = ss.get(sid)!;
    if (disarm.mode === 'ignore') {
      env.log('info', `disarm: suspending HA tracking for service '${sid}'`);
      continue;
    }
    if (NOT_FROZEN.has(status.state)) continue;
    env.log('info', `disarm: freezing service '${sid}' (was '${status.state}')`);
    // Like any state change, freezing keeps the failed nodes and the maintenance node.
    const { failedNodes, maintenanceNode } = status;
    ss.set(sid, { state: 'freeze', node: status.node, uid: manager.newUid(), ...(failedNodes && { failedNodes }), ...(maintenanceNode && { maintenanceNode }) });
  }
}

function rearm(manager: Manager, disarm: DisarmState): void {
  const { env, ss, config } = manager;
  if (disarm.mode === 'ignore') {
    for (const sid of sortedKeys(ss)) {
      const status = ss.get(sid)!;
      const node = config.get(sid)?.node;
      if (node === undefined || node === status.node) continue;
      env.log('info', `service '${sid}': updating node '${status.node}' => '${node}' (changed while disarmed)`);
      status.node = node;
    }
    manager.runStateMachine(() => true);
  }
  env.log('info', 're-arming HA stack');
  manager.disarm = undefined;
  manager.armRequested = false;
}
