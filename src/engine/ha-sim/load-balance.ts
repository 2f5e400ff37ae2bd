/**
 * The auto-rebalance step of a CRM round, when datacenter.cfg enables it and the scheduler is
 * static or dynamic (basic counts services and has no load to balance). The manager counts
 * consecutive rounds above the threshold (a new master starts again from 0); rounds while a
 * service starts or moves are not counted; the decision itself is auto-rebalance.ts's (the CV
 * before upstream's division by sqrt(n - 1), as the tests have it). The chosen bundle is handed
 * on as a CRM migrate command and moves in the repeat loop of the same round.
 * Observed: docs/pve-ha-recovery.md §9.5, test-crs-static-auto-rebalance*, test-crs-dynamic-*auto-rebalance*.
 */
import { balancingCandidates, nodeImbalance, relativeImprovement, selectBalancingMigration } from '../proxmox/auto-rebalance.js';
import { StaticUsage } from '../proxmox/scheduler-static.js';
import { executeMigration } from './crm-commands.js';
import type { Manager } from './manager.js';

/** States of a service still being started or moved. */
const UNSETTLED = new Set(['migrate', 'relocate', 'request_start_balance', 'request_start']);

export function loadBalance(manager: Manager): void {
  const options = manager.env.hardware.datacenter.autoRebalance;
  const usage = manager.usage;
  if (options === false || !(usage instanceof StaticUsage)) return;
  // One move at a time: while a service starts, or a migration is queued or under way, rounds
  // are not counted (test-crs-static-auto-rebalance2: the second move comes three rounds after
  // the first one ended; test-crs-dynamic-constrained-auto-rebalance2: not while one starts).
  const busy = [...manager.ss.values()].some((status) => UNSETTLED.has(status.state) || (status.cmd !== undefined && status.cmd[0] !== 'stop'));
  if (busy) return;
  const nodes = usage.balancingLoads();
  const current = nodeImbalance(nodes);
  if (current <= options.threshold) {
    manager.imbalancedRounds = 0;
    return;
  }
  manager.imbalancedRounds++;
  if (manager.imbalancedRounds < options.holdRounds) return;

  const candidates = balancingCandidates(manager.rules, manager.ss, new Set(usage.listNodes()), (sid) => usage.balancingLoad(sid));
  const best = selectBalancingMigration(nodes, candidates, options.method);
  if (best === undefined || relativeImprovement(current, best.imbalance) < options.margin) return;
  const { sid, target } = best.candidate;
  const change = `from ${current.toFixed(2)} to ${best.imbalance.toFixed(2)}`;
  manager.env.log('info', `auto rebalance - migrate ${sid} to ${target} (expected change for imbalance ${change})`);
  executeMigration(manager, `migrate ${sid} ${target}`, 'migrate', sid, target, AUTO_REBALANCE_ORIGIN);
  manager.imbalancedRounds = 0;
}

/** Third element of a queued command that auto-rebalance issued (service-states.ts records it). */
export const AUTO_REBALANCE_ORIGIN = 'auto-rebalance';
