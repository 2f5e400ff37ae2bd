/**
 * What starting, stopping and migrating a guest does in the simulator. A locked guest can
 * neither start, stop nor move. `fa:` guests fail on purpose, encoded in their id `fa:abcdef`:
 * b = failed start attempts before one succeeds, c = same for migrations, d != 0 = never stops,
 * f != 0 = b and c apply only on node `node<f>`. A live migration leaves the guest stopped on the
 * target: the LRM there starts it.
 * Observed: docs/pve-ha-recovery.md §9.1, §11, test-resource-failure*, test-locked-service2, test-stop-command1.
 */
import type { DaemonEnv } from './env.js';

interface FailureCodes {
  startFailures: number;
  migrateFailures: number;
  cannotStop: boolean;
  /** 0: everywhere; otherwise only on node `node<onlyOnNode>`. */
  onlyOnNode: number;
}

function failureCodes(sid: string): FailureCodes {
  const match = /^fa:\d(\d)(\d)(\d)?(\d)?(\d)?/.exec(sid);
  if (match === null) return { startFailures: 0, migrateFailures: 0, cannotStop: false, onlyOnNode: 0 };
  return {
    startFailures: Number(match[1]),
    migrateFailures: Number(match[2]),
    cannotStop: Number(match[3] ?? '0') !== 0,
    onlyOnNode: Number(match[5] ?? '0'),
  };
}

/** Counts one attempt; true when this attempt fails on purpose. */
function failsThisTime(env: DaemonEnv, kind: 'start' | 'migrate', sid: string): boolean {
  const codes = failureCodes(sid);
  const allowedFailures = kind === 'start' ? codes.startFailures : codes.migrateFailures;
  const tries = env.hardware.failTries[kind];
  if (codes.onlyOnNode !== 0 && env.node !== `node${codes.onlyOnNode}`) {
    tries.set(sid, 0);
    return false;
  }
  const attempt = (tries.get(sid) ?? 0) + 1;
  tries.set(sid, attempt);
  if (allowedFailures >= attempt) return true;
  tries.set(sid, 0);
  return false;
}

export function isRunning(env: DaemonEnv, sid: string): boolean {
  return env.hardware.runningOn(env.node).get(sid) === true;
}

export function startGuest(env: DaemonEnv, sid: string): void {
  if (failsThisTime(env, 'start', sid)) return;
  const lock = env.hardware.services.get(sid)?.lock;
  if (lock !== undefined) {
    env.log('err', `service '${sid}' locked (${lock}), unable to start!`);
    return;
  }
  env.hardware.runningOn(env.node).set(sid, true);
}

export function shutdownGuest(env: DaemonEnv, sid: string): void {
  if (failureCodes(sid).cannotStop) return;
  const lock = env.hardware.services.get(sid)?.lock;
  if (lock !== undefined) {
    env.log('err', `service '${sid}' locked (${lock}), unable to shutdown!`);
    return;
  }
  env.hardware.runningOn(env.node).set(sid, false);
}

/** Moves the guest's config to `target`; false when it did not move. */
export function migrateGuest(env: DaemonEnv, sid: string, target: string, online: boolean): boolean {
  if (failsThisTime(env, 'migrate', sid)) return false;
  const command = online ? 'migrate' : 'relocate';
  env.log('info', `service ${sid} - start ${command} to node '${target}'`);
  const lock = env.hardware.services.get(sid)?.lock;
  if (lock !== undefined) {
    env.log('err', `service '${sid}' locked (${lock}), unable to ${command}!`);
    return false;
  }
  if (!online && isRunning(env, sid)) {
    env.log('info', `stopping service ${sid} (relocate)`);
    shutdownGuest(env, sid);
    env.log('info', `service status ${sid} stopped`);
  }
  env.hardware.changeServiceLocation(sid, env.node, target);
  env.log('info', `service ${sid} - end ${command} to node '${target}'`);
  env.hardware.runningOn(env.node).delete(sid);
  return true;
}

/** Locks that are safe to remove once the guest's node was fenced (`$fence_recovery_cleanup`). */
export const REMOVABLE_AFTER_FENCE: readonly string[] = [
  'backup', 'mounted', 'migrate', 'clone', 'rollback', 'snapshot', 'snapshot-delete', 'suspending', 'suspended',
];

/** Removes the guest's lock if it is one of `removable`; returns the removed lock. */
export function removeLocks(env: DaemonEnv, sid: string, removable: readonly string[]): string | undefined {
  const config = env.hardware.services.get(sid);
  if (config?.lock === undefined || !removable.includes(config.lock)) return undefined;
  const removed = config.lock;
  delete config.lock;
  return removed;
}
