/**
 * Disarming the HA stack (`crm-command disarm-ha freeze|ignore`, ha-manager 5.1.3), as the
 * regression logs show it (test-disarm-fence*): while any service waits for fencing or recovery
 * the disarm is deferred and only those services are handled, so pending recoveries still run;
 * then, in `freeze` mode, every service is frozen in place (queued commands are dropped); the
 * stack counts as disarmed once no LRM holds its agent lock. While disarmed, and in the round
 * that re-arms it, no service is handled. LRMs release their locks on seeing the request (lrm.ts).
 */
import { sortedKeys } from '../proxmox/sid-order.js';
import type { Manager } from './manager.js';

const PENDING_RECOVERY = new Set(['fence', 'recovery']);

export function handleDisarm(manager: Manager, disarmedAtStart: boolean): void {
  const disarm = manager.disarm;
  if (disarm === undefined || disarmedAtStart || disarm.state === 'disarmed') return;
  const { env, ss } = manager;
  const pending = sortedKeys(ss).find((sid) => PENDING_RECOVERY.has(ss.get(sid)!.state));
  if (pending !== undefined) {
    env.log('warn', `deferring disarm - service '${pending}' is in '${ss.get(pending)!.state}' state`);
    manager.runStateMachine((status) => PENDING_RECOVERY.has(status.state));
    return;
  }
  if (disarm.mode === 'freeze') {
    for (const sid of sortedKeys(ss)) {
      const status = ss.get(sid)!;
      if (status.state === 'freeze') continue;
      env.log('info', `disarm: freezing service '${sid}' (was '${status.state}')`);
      // Like any state change, freezing keeps the failed nodes and the maintenance node.
      const { failedNodes, maintenanceNode } = status;
      ss.set(sid, { state: 'freeze', node: status.node, uid: manager.newUid(), ...(failedNodes && { failedNodes }), ...(maintenanceNode && { maintenanceNode }) });
    }
  }
  // An LRM in maintenance does not hold the disarm up (test-disarm-maintenance1).
  const armedLrm = manager.ns.listOnlineNodes().some((node) => env.hardware.lrmStatus.get(node)?.state === 'active');
  if (armedLrm) return;
  env.log('info', 'all LRMs disarmed, HA stack is now fully disarmed');
  env.log('info', 'HA stack fully disarmed, releasing CRM watchdog');
  disarm.state = 'disarmed';
}
