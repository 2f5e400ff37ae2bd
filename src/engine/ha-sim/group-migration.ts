/**
 * The one-time migration of legacy HA groups into rules (ha-manager 5.0, observed in
 * test-group-migrate1..4, described in docs/pve-ha-recovery.md §7.2): the master tries it on its
 * third round and, after a failure, again six rounds later, counting only rounds it managed (a
 * new master starts counting anew). It runs only if every node is online, every LRM in mode
 * `active` and every node's pve-manager at least 9.0.0~16 (a node without a version in
 * hardware_status runs the simulator's 9.0.0~2, §7.2); it checks the nodes in name order,
 * logging what it found, and stops at the first that fails. On success the groups become
 * node-affinity rules and the services' failback flags (groups.ts), and the group config is
 * emptied; placement is the same as before, since groups are read as those rules every round.
 */
import { applyGroupFailback, groupsAsNodeAffinityRules } from '../proxmox/groups.js';
import { compareDebianVersions } from './debian-version.js';
import type { Manager } from './manager.js';

const MINIMUM_VERSION = '9.0.0~16';
const SIMULATOR_VERSION = '9.0.0~2';
/** Rounds of a new master before the first try. */
export const ROUNDS_BEFORE_GROUP_MIGRATION = 2;
const ROUNDS_BETWEEN_TRIES = 5;

export function migrateGroupsWhenDue(manager: Manager): void {
  const hardware = manager.env.hardware;
  if (hardware.groups.length === 0) return;
  if (manager.groupMigrationWait > 0) {
    manager.groupMigrationWait--;
    return;
  }
  const log = (message: string) => manager.env.log('notice', message);
  log('start ha group migration...');
  const obstacle = migrationObstacle(manager, (message) => log(`ha groups migration: ${message}`));
  if (obstacle !== undefined) {
    manager.env.log('err', `abort ha groups migration: ${obstacle}`);
    manager.env.log('err', 'ha groups migration failed');
    log(`retry ha groups migration in ${ROUNDS_BETWEEN_TRIES + 1} rounds (~ ${(ROUNDS_BETWEEN_TRIES + 1) * 10} seconds)`);
    manager.groupMigrationWait = ROUNDS_BETWEEN_TRIES;
    return;
  }
  const services = [...hardware.services.values()];
  hardware.rules.push(...groupsAsNodeAffinityRules(hardware.groups, services));
  log('ha groups migration: migration to rules config successful');
  applyGroupFailback(hardware.groups, services);
  for (const service of services) delete service.group;
  log('ha groups migration: migration to resources config successful');
  hardware.groups.length = 0;
  log('ha groups migration: group config deletion successful');
  log('ha groups migration successful');
}

/** What keeps the migration from running, or undefined when nothing does. */
function migrationObstacle(manager: Manager, note: (message: string) => void): string | undefined {
  const hardware = manager.env.hardware;
  for (const node of manager.ns.listNodes()) {
    const state = manager.ns.state(node);
    note(`node '${node}' is in state '${state}'`);
    if (state !== 'online') return `node '${node}' is not online`;
    const lrm = hardware.lrmStatus.get(node);
    note(`lrm '${node}' is in state '${lrm?.state ?? 'unknown'}' and mode '${lrm?.mode ?? 'unknown'}'`);
    if (lrm?.mode !== 'active') return `lrm '${node}' is not in mode 'active'`;
    const version = hardware.nodes.get(node)?.pveManagerVersion ?? SIMULATOR_VERSION;
    note(`node '${node}' has version '${version}'`);
    if (compareDebianVersions(version, MINIMUM_VERSION) < 0) {
      return `node '${node}' needs at least pve-manager version '${MINIMUM_VERSION}'`;
    }
  }
  return undefined;
}
