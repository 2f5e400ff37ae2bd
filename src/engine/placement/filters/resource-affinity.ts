/**
 * HA resource affinity (Rules/ResourceAffinity.pm; Manager.pm `select_service_node`):
 * - negative: not on a node where a partner runs;
 * - positive: while partners run on up nodes, only on the node running most of them, ties to
 *   the byte-wise first name (Perl `cmp`, so `node10` before `node2`).
 * Partners that run nowhere (not placed yet, or down) impose nothing, as Proxmox ignores stopped
 * partners. Proxmox narrows a positive group among the candidates the other rules leave; this
 * filter narrows among the up nodes. The two agree unless the partners' node is excluded for
 * the VM by another rule, which the feasibility checks (rules-feasibility.ts) mostly prevent.
 * O(partners²), allocation-free.
 */
import { NO_INDEX } from '../../model/cluster-index.js';
import type { ClusterState } from '../../model/state.js';
import { compareBytes } from '../../proxmox/sid-order.js';
import type { Filter, Reason } from '../types.js';

export const resourceAffinity: Filter = {
  name: 'resource-affinity',
  passes: (state, vm, node) => !partnerRunsOn(state, vm, node) && acceptsTogether(state, vm, node),
  explain: (state, vm, node) => {
    const { index } = state;
    const reasons: Reason[] = [];
    const { start, vms } = index.ha.apart;
    const conflictsWith = Array.from(vms.subarray(start[vm]!, start[vm + 1]!)).filter((other) => state.vmNode[other] === node);
    if (conflictsWith.length > 0) {
      reasons.push({ code: 'anti-affinity', group: negativeRuleOf(state, vm, conflictsWith[0]!), conflictsWith: conflictsWith.map((other) => index.cluster.vms[other]!.name) });
    }
    if (!acceptsTogether(state, vm, node)) {
      const target = togetherNode(state, vm);
      const together = index.ha.together;
      const partners = Array.from(together.vms.subarray(together.start[vm]!, together.start[vm + 1]!)).filter((other) => state.vmNode[other] === target);
      reasons.push({ code: 'resource-affinity', node: index.nodes[target]!.name, partners: partners.map((other) => index.cluster.vms[other]!.name) });
    }
    return reasons;
  },
};

function partnerRunsOn(state: ClusterState, vm: number, node: number): boolean {
  const { start, vms } = state.index.ha.apart;
  for (let i = start[vm]!; i < start[vm + 1]!; i++) if (state.vmNode[vms[i]!] === node) return true;
  return false;
}

function acceptsTogether(state: ClusterState, vm: number, node: number): boolean {
  const target = togetherNode(state, vm);
  return target === NO_INDEX || target === node;
}

/** The up node running most positive partners, NO_INDEX when none runs. */
function togetherNode(state: ClusterState, vm: number): number {
  const { index } = state;
  const { start, vms } = index.ha.together;
  let best = NO_INDEX;
  let bestCount = 0;
  for (let i = start[vm]!; i < start[vm + 1]!; i++) {
    const host = state.vmNode[vms[i]!]!;
    if (host === NO_INDEX || state.nodeUp[host] === 0 || host === best) continue;
    let count = 0;
    for (let j = start[vm]!; j < start[vm + 1]!; j++) if (state.vmNode[vms[j]!] === host) count++;
    if (count > bestCount || (count === bestCount && compareBytes(index.nodes[host]!.name, index.nodes[best]!.name) < 0)) {
      best = host;
      bestCount = count;
    }
  }
  return best;
}

/** The configured negative rule naming both VMs; implicit negatives (from positive groups) have none. */
function negativeRuleOf(state: ClusterState, vm: number, other: number): string {
  const names = [state.index.cluster.vms[vm]!.name, state.index.cluster.vms[other]!.name];
  const rule = state.index.cluster.ha?.rules.find((r) => r.type === 'resource-affinity' && r.affinity === 'negative' && names.every((name) => r.resources.includes(name)));
  return rule?.id ?? 'implied by positive resource affinity';
}
