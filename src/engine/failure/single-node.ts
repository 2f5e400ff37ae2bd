/**
 * Every single node failure, VM by VM: which HA VMs restart and which stay down. Each down VM
 * is classed as a single point of failure (structural: it goes down whenever that node fails,
 * whatever the capacity: its storage is served there, its disk is local there, no other node
 * has its GPU model, its pin allows only nodes that are down, or it is not HA) or as lost for
 * capacity (more room elsewhere would have saved it). Whether the policy holds is not decided
 * here but by the policy engine (policy/scenario-judge.ts), which the report pairs with this.
 */
import { NO_INDEX } from '../model/cluster-index.js';
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
    };
  });
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
