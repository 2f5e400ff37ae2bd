/**
 * The one rule that decides whether a failure scenario keeps the failover policy, shared by
 * `failover`, sweeps, `report`, `fit`, `check` and `size`. A scenario breaks the policy when:
 *
 *   - the survivors lose quorum: the HA stack recovers nothing and fences the nodes that run HA
 *     VMs, so no capacity can cure it (quorum.ts; a QDevice's vote may keep it);
 *   - an HA VM stays down for a capacity reason (no room, or a strict rule made unsatisfiable by
 *     capacity): more room would save it;
 *   - a surviving node ends above capacity (a Proxmox scheduler restarts without checking fit);
 *   - with maxUtilAfterFailover, a surviving node's CPU or memory load passes that fraction;
 *   - with strictSpof, an HA VM is down for a structural reason (its storage is served by the
 *     failed node, its disk is local there, no other node has its GPU, its pins allow only
 *     failed nodes). Without strictSpof these are reported as single points of failure.
 *
 * VMs that never had a node are judged by the steady state (steady-state.ts), not here.
 */
import type { ClusterIndex } from '../model/cluster-index.js';
import { reasonOf } from '../failure/describe.js';
import { CAPACITY_REASONS, type DownReason } from '../failure/outcome.js';
import { DOWN_BASE, type CompactOutcome } from '../failure/simulate.js';

export interface JudgeOptions {
  strictSpof: boolean;
  /** A fraction such as 0.85, or null for no utilisation rule. */
  maxUtilAfterFailover: number | null;
}

export interface PolicyBreach {
  scenario: string;
  /** False when the survivors have no majority of votes: that alone breaks the policy. */
  quorate: boolean;
  /** HA VMs down, with the reason, that break the policy in this scenario. */
  vmsDown: Array<{ vm: string; reason: DownReason }>;
  nodesOverCapacity: string[];
  /** Surviving nodes above maxUtilAfterFailover, with the highest load fraction. */
  nodesOverUtil: Array<{ node: string; resource: string; load: number }>;
}

/** An HA VM down for a structural reason: reported, breaking only under strictSpof. */
export interface SinglePointOfFailure {
  vm: string;
  reason: DownReason;
  scenario: string;
}

export interface ScenarioJudgement {
  breach: PolicyBreach | null;
  risks: SinglePointOfFailure[];
}

const OVER = 1e-9;

export function judgeScenario(index: ClusterIndex, label: string, outcome: CompactOutcome, options: JudgeOptions): ScenarioJudgement {
  const vmsDown: PolicyBreach['vmsDown'] = [];
  const risks: SinglePointOfFailure[] = [];
  // The never-placed VMs first in `touched` are the steady state's to judge, not a scenario's.
  for (let i = outcome.unplacedCount; i < outcome.touched.length; i++) {
    const vm = outcome.touched[i]!;
    const code = outcome.code[vm]!;
    if (code < DOWN_BASE || index.vmHa[vm] === 0) continue;
    const reason = reasonOf(code);
    if (reason === 'unplaced') continue;
    const name = index.cluster.vms[vm]!.name;
    if (CAPACITY_REASONS.has(reason)) vmsDown.push({ vm: name, reason });
    else {
      risks.push({ vm: name, reason, scenario: label });
      if (options.strictSpof) vmsDown.push({ vm: name, reason });
    }
  }
  const { after } = outcome;
  const nodesOverCapacity: string[] = [];
  const nodesOverUtil: PolicyBreach['nodesOverUtil'] = [];
  // Every surviving node, once per scenario: plain numbers, no array per node.
  for (let node = 0; node < index.nodeCount; node++) {
    if (after.nodeUp[node] === 0) continue;
    const cpu = after.cpuUsed[node]! / index.cpuCap[node]!;
    const mem = after.memUsed[node]! / index.memCap[node]!;
    if (cpu > 1 + OVER || mem > 1 + OVER || after.gpuUsed[node]! > index.gpuCap[node]!) nodesOverCapacity.push(index.nodes[node]!.name);
    if (options.maxUtilAfterFailover !== null) {
      // The higher of the two, CPU on a tie (or when either is NaN).
      const load = mem > cpu ? mem : cpu;
      const resource = mem > cpu ? 'memGiB' : 'cpu';
      if (load > options.maxUtilAfterFailover + OVER) nodesOverUtil.push({ node: index.nodes[node]!.name, resource, load: Math.round(load * 1000) / 1000 });
    }
  }
  const broken = !outcome.quorate || vmsDown.length > 0 || nodesOverCapacity.length > 0 || nodesOverUtil.length > 0;
  return { breach: broken ? { scenario: label, quorate: outcome.quorate, vmsDown, nodesOverCapacity, nodesOverUtil } : null, risks };
}
