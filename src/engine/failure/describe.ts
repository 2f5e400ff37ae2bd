/**
 * Turns a compact scenario outcome (typed arrays, as the sweep workers produce) into the
 * per-VM records that `failover --json` prints.
 */
import { NO_INDEX } from '../model/cluster-index.js';
import { nodeUsage } from '../model/usage.js';
import type { FailureContext } from './context.js';
import { CAPACITY_REASONS, DOWN_REASONS, type DownReason, type FailureScenario, type OutcomeCounts, type ScenarioResult, type VmOutcome } from './outcome.js';
import { DOWN_BASE, RESTARTED, RUNNING, type CompactOutcome } from './simulate.js';

export function describeScenario(context: FailureContext, scenario: FailureScenario, outcome: CompactOutcome): ScenarioResult {
  const { index } = context.base;
  const nodeName = (node: number): string => index.nodes[node]!.name;
  const vms: VmOutcome[] = index.cluster.vms.map((spec, vm): VmOutcome => {
    const code = outcome.code[vm]!;
    const from = outcome.from[vm]!;
    if (code === RUNNING) return { vm: spec.name, state: 'running', node: nodeName(outcome.after.vmNode[vm]!) };
    if (code === RESTARTED) {
      const restarted: VmOutcome = { vm: spec.name, state: 'restarted', node: nodeName(outcome.after.vmNode[vm]!), from: nodeName(from) };
      return spec.replication !== null && index.instanceShared[context.base.vmInstance[vm]!] === 0
        ? { ...restarted, dataLossWindowMinutes: spec.replication.intervalMinutes }
        : restarted;
    }
    const rejections = outcome.rejections.get(vm);
    return {
      vm: spec.name,
      state: 'down',
      node: null,
      from: from === NO_INDEX ? null : nodeName(from),
      reason: reasonOf(code),
      ...(rejections === undefined ? {} : { rejections }),
    };
  });
  return { scenario, quorate: outcome.quorate, vms, nodesAfter: nodeUsage(outcome.after), counts: countOutcomes(context, outcome.code) };
}

export function reasonOf(code: number): DownReason {
  return DOWN_REASONS[code - DOWN_BASE]!;
}

export function countOutcomes(context: FailureContext, codes: Uint8Array): OutcomeCounts {
  const byReason = Object.fromEntries(DOWN_REASONS.map((reason) => [reason, 0])) as Record<DownReason, number>;
  let running = 0;
  let restarted = 0;
  let haDownForCapacity = 0;
  codes.forEach((code, vm) => {
    if (code === RUNNING) running++;
    else if (code === RESTARTED) restarted++;
    else {
      const reason = reasonOf(code);
      byReason[reason]++;
      if (CAPACITY_REASONS.has(reason) && context.base.index.vmHa[vm] === 1) haDownForCapacity++;
    }
  });
  return { running, restarted, down: codes.length - running - restarted, byReason, haDownForCapacity };
}
