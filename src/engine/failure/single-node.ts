/**
 * Every single node failure, VM by VM: which HA VMs restart and which stay down. Each down VM
 * is classed as a single point of failure (structural: it goes down whenever that node fails,
 * whatever the capacity: its storage is served there, its disk is local there, no other node
 * has its GPU model, its pin allows only nodes that are down, or it is not HA) or as lost for
 * capacity (more room elsewhere would have saved it). Whether the policy holds is not decided
 * here but by the policy engine (policy/scenario-judge.ts), which the report pairs with this.
 */
import { NO_INDEX } from '../model/cluster-index.js';
import type { ClusterState } from '../model/state.js';
import { nodeUsage, percentOf, type NodeUsage } from '../model/usage.js';
import { listOf, type FailureContext } from './context.js';
import { reasonOf } from './describe.js';
import type { DownReason } from './outcome.js';
import { RESTARTED, RUNNING, simulateFailure } from './simulate.js';

export interface DownAfterSingleFailure {
  vm: string;
  reason: DownReason;
  ha: boolean;
  ranOn: string;
  structural: boolean;
}

export interface SingleNodeCheck {
  node: string;
  haVms: number;
  restarted: number;
  down: DownAfterSingleFailure[];
  /** The fullest surviving node after the restarts (CPU or memory, percent of capacity), or null when none survives. */
  peakAfter: { node: string; resource: 'cpu' | 'memGiB'; percent: number } | null;
}

export function checkEverySingleFailure(context: FailureContext): SingleNodeCheck[] {
  const { index } = context.base;
  return index.nodes.map((node, n) => {
    const outcome = simulateFailure(context, [n], false);
    const haVms = listOf(context.runsOn, n).filter((vm) => index.vmHa[vm] === 1);
    const down = outcome.touched
      .filter((vm) => outcome.code[vm] !== RUNNING && outcome.code[vm] !== RESTARTED && context.base.vmNode[vm] !== NO_INDEX)
      .sort((a, b) => a - b)
      .map((vm): DownAfterSingleFailure => {
        const reason = reasonOf(outcome.code[vm]!);
        return { vm: index.cluster.vms[vm]!.name, reason, ha: index.vmHa[vm] === 1, ranOn: index.nodes[context.base.vmNode[vm]!]!.name, structural: isStructural(context, vm, n, reason) };
      });
    return {
      node: node.name,
      haVms: haVms.length,
      restarted: haVms.filter((vm) => outcome.code[vm] === RESTARTED).length,
      down,
      peakAfter: fullestNode(outcome.after),
    };
  });
}

/** The load on every node after `failed` fails and HA restarts what it can (the report's "after the worst failure"). */
export function loadAfterFailure(context: FailureContext, failed: number): NodeUsage[] {
  return nodeUsage(simulateFailure(context, [failed], false).after);
}

function fullestNode(after: ClusterState): SingleNodeCheck['peakAfter'] {
  const { index } = after;
  let peak: SingleNodeCheck['peakAfter'] = null;
  for (let n = 0; n < index.nodeCount; n++) {
    if (after.nodeUp[n] !== 1) continue;
    for (const [resource, used, capacity] of [['cpu', after.cpuUsed[n]!, index.cpuCap[n]!], ['memGiB', after.memUsed[n]!, index.memCap[n]!]] as const) {
      const percent = percentOf(used, capacity);
      if (peak === null || percent > peak.percent) peak = { node: index.nodes[n]!.name, resource, percent };
    }
  }
  return peak;
}

function isStructural(context: FailureContext, vm: number, failed: number, reason: DownReason): boolean {
  if (reason !== 'no-gpu') return reason !== 'no-capacity' && reason !== 'anti-affinity';
  // no-gpu is structural only when no other node has a GPU of the model at all.
  const { index } = context.base;
  const model = index.vmGpuModel[vm]!;
  for (let node = 0; node < index.nodeCount; node++) {
    if (node !== failed && index.gpuCap[node]! > 0 && (model === NO_INDEX || index.nodeGpuModel[node] === model)) return false;
  }
  return true;
}
