/**
 * The first N+1 check: fail each node alone and ask whether every HA VM it ran starts again
 * elsewhere. A node "holds" when none of its HA VMs ends down, whatever the reason; the
 * reasons say whether more capacity would help (no-capacity) or not (GPU, local disk, storage).
 */
import type { FailureContext } from './context.js';
import { listOf } from './context.js';
import { reasonOf } from './describe.js';
import type { DownReason } from './outcome.js';
import { RESTARTED, RUNNING, simulateFailure } from './simulate.js';

export interface SingleNodeCheck {
  node: string;
  haVms: number;
  restarted: number;
  /** HA VMs of that node that stay down, and VMs elsewhere that it takes down. */
  down: Array<{ vm: string; reason: DownReason; ha: boolean; ranOn: string }>;
  holds: boolean;
}

export function checkEverySingleFailure(context: FailureContext): SingleNodeCheck[] {
  const { index } = context.base;
  return index.nodes.map((node, n) => {
    const outcome = simulateFailure(context, [n], false);
    const hosted = listOf(context.runsOn, n);
    const haVms = hosted.filter((vm) => index.vmHa[vm] === 1);
    const down: SingleNodeCheck['down'] = [];
    outcome.code.forEach((code, vm) => {
      if (code === RUNNING || code === RESTARTED || context.base.vmNode[vm] === -1) return;
      down.push({ vm: index.cluster.vms[vm]!.name, reason: reasonOf(code), ha: index.vmHa[vm] === 1, ranOn: index.nodes[context.base.vmNode[vm]!]!.name });
    });
    return {
      node: node.name,
      haVms: haVms.length,
      restarted: haVms.filter((vm) => outcome.code[vm] === RESTARTED).length,
      down,
      holds: down.every((entry) => !entry.ha),
    };
  });
}
