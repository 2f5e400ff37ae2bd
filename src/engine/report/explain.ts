/**
 * The one place where placement reasons become English. Everything else passes reasons around
 * as data. Aggregates are sorted (count descending, then text) so output is byte-stable, as in
 * the Kubernetes scheduler's FitError.
 */
import type { Resource } from '../model/cluster.js';
import type { DownReason } from '../failure/outcome.js';
import type { StopCause } from '../operations/evacuate.js';
import type { Fix, VmFixes } from '../policy/fixes.js';
import type { MaintenanceBlocker } from '../operations/wave.js';
import type { DroppedRule } from '../proxmox/rules-feasibility.js';
import type { NodeRejection, Reason } from '../placement/types.js';
import type { PolicyBreach } from '../policy/scenario-judge.js';
import type { NodeOver, SteadyState } from '../policy/steady-state.js';

const RESOURCE_WORDS: Record<Resource, { noun: string; unit: string }> = {
  cpu: { noun: 'CPU', unit: 'vCPU' },
  memGiB: { noun: 'memory', unit: 'GiB' },
  diskGiB: { noun: 'disk', unit: 'GiB' },
  gpus: { noun: 'GPUs', unit: 'GPU' },
};

/** Short form, for the aggregate line: "insufficient memory", "anti-affinity (k8s-workers)". */
export function reasonSummary(reason: Reason): string {
  switch (reason.code) {
    case 'node-down':
      return 'node down';
    case 'node-affinity':
      return `node affinity (${reason.allowed.join(', ')})`;
    case 'storage-unreachable':
      return `pool ${reason.pool} not reachable`;
    case 'storage-offline':
      return `pool ${reason.pool} offline (${reason.servedBy} down)`;
    case 'gpu-model':
      return `GPU model ${reason.requested} not installed`;
    case 'anti-affinity':
      return `anti-affinity (${reason.group})`;
    case 'resource-affinity':
      return `resource affinity (with ${reason.partners.join(', ')} on ${reason.node})`;
    case 'insufficient':
      return `insufficient ${RESOURCE_WORDS[reason.resource].noun}`;
  }
}

/** Long form, for one node: "insufficient memory: requested 32 GiB, free 12 of 62 GiB". */
export function reasonDetail(reason: Reason): string {
  switch (reason.code) {
    case 'insufficient': {
      const { unit } = RESOURCE_WORDS[reason.resource];
      return `${reasonSummary(reason)}: requested ${fmt(reason.requested)} ${unit}, free ${fmt(reason.free)} of ${fmt(reason.capacity)} ${unit}`;
    }
    case 'anti-affinity':
      return `${reasonSummary(reason)}: already runs ${reason.conflictsWith.join(', ')}`;
    case 'gpu-model':
      return `${reasonSummary(reason)}: node has ${reason.available}`;
    default:
      return reasonSummary(reason);
  }
}

/** "0/5 nodes fit gpu3: 4 no gpu GPU, 1 insufficient GPUs" (a node counts once per distinct reason). */
export function aggregateRejections(vm: string, rejections: readonly NodeRejection[]): string {
  const counts = new Map<string, number>();
  for (const { reasons } of rejections) {
    for (const summary of new Set(reasons.map(reasonSummary))) counts.set(summary, (counts.get(summary) ?? 0) + 1);
  }
  const parts = [...counts.entries()]
    .sort(([textA, countA], [textB, countB]) => countB - countA || (textA < textB ? -1 : textA > textB ? 1 : 0))
    .map(([text, count]) => `${count} ${text}`);
  const fitting = rejections.filter(({ reasons }) => reasons.length === 0).length;
  return `${fitting}/${rejections.length} nodes fit ${vm}: ${parts.join(', ')}`;
}

const DOWN_WORDS: Record<DownReason, string> = {
  'no-quorum': 'cluster lost quorum: nothing is recovered',
  fenced: 'node fenced itself (no quorum, watchdog reset)',
  'storage-lost': 'its storage is served by a failed node',
  'local-disk': 'its disk is local to the failed node and not replicated',
  'no-gpu': 'no surviving node has a free GPU of its kind',
  'node-affinity': 'every node its strict affinity allows is down',
  'anti-affinity': 'every surviving node it may use already runs a member of its anti-affinity group',
  'no-capacity': 'no surviving node its rules allow has room',
  'not-ha': 'not HA-managed: nothing restarts it',
  unplaced: 'never placed',
};

export function downReasonText(reason: DownReason): string {
  return DOWN_WORDS[reason];
}

/** Worded as the HA manager logs it, so a user can match it with the cluster's own log. */
export function droppedRuleText({ id, reason }: DroppedRule): string {
  return `Drop rule '${id}', because ${reason}.`;
}

const RESOURCE_NOUN = (resources: readonly Resource[]): string => resources.map((r) => RESOURCE_WORDS[r].noun).join(', ');
const nodesOver = (nodes: readonly NodeOver[]): string => nodes.map((n) => `${n.node} (${RESOURCE_NOUN(n.resources)})`).join(', ');

/**
 * Why the cluster breaks its policy before any failure, one line per cause; empty when it holds.
 * Threshold lines appear as breaks when the threshold counts, and as a warning otherwise.
 */
export function steadyStateLines(steady: SteadyState): string[] {
  const lines: string[] = [];
  if (steady.unplaced.length > 0) lines.push(`no node can run ${steady.unplaced.join(', ')}`);
  if (steady.nodesOverCapacity.length > 0) lines.push(`over capacity now: ${nodesOver(steady.nodesOverCapacity)}`);
  if (steady.poolsOverCapacity.length > 0) lines.push(`pool over capacity now: ${steady.poolsOverCapacity.map((p) => (p.node === null ? p.pool : `${p.pool} on ${p.node}`)).join(', ')}`);
  for (const v of steady.violations) lines.push(`${v.vm} runs on ${v.node} against its rules: ${v.reasons.map(reasonDetail).join('; ')}`);
  const alerting = [
    ...(steady.nodesOverThreshold.length > 0 ? [nodesOver(steady.nodesOverThreshold)] : []),
    ...steady.poolsOverThreshold.map((p) => (p.node === null ? `pool ${p.pool}` : `pool ${p.pool} on ${p.node}`)),
  ];
  if (alerting.length > 0) lines.push(`${steady.thresholdCounts ? '' : 'warning: '}at or above the alert threshold now: ${alerting.join(', ')}${steady.thresholdCounts ? ' (--ignore-threshold to accept)' : ''}`);
  return lines;
}

/** What breaks the policy in one failure scenario: "quorum lost; k8s-worker3 no-capacity; node03 over capacity". */
export function breachText(breach: PolicyBreach): string {
  return [
    ...(breach.quorate ? [] : ['quorum lost (the survivors hold no majority of votes: nothing is recovered, HA nodes fence themselves)']),
    ...breach.vmsDown.map((v) => `${v.vm} down (${v.reason}: ${DOWN_WORDS[v.reason]})`),
    ...breach.nodesOverCapacity.map((n) => `${n} over capacity`),
    ...breach.nodesOverUtil.map((n) => `${n.node} ${n.resource} at ${(n.load * 100).toFixed(1)}%`),
  ].join('; ');
}

function fmt(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** Why a VM cannot run anywhere while a maintenance wave is down: "its disk is on zfs-shared, served by node05". */
export function stopCauseText(vm: string, cause: StopCause): string {
  switch (cause.code) {
    case 'storage-served':
      return `its disk is on ${cause.pool}, served by ${cause.servedBy}`;
    case 'passthrough':
      return `its passthrough GPU${cause.gpus > 1 ? 's' : ''}${cause.gpuModel === null ? '' : ` (${cause.gpuModel})`} ${cause.gpus > 1 ? 'are' : 'is'} free on no other node up`;
    case 'no-target':
      return aggregateRejections(vm, cause.rejections);
  }
}

/** What would let the VM move instead of stopping, read from the same cause. */
export function stopUnblockText(cause: StopCause): string {
  switch (cause.code) {
    case 'storage-served':
      return `move its disk to a pool no node of the wave serves, or serve ${cause.pool} from outside the cluster`;
    case 'passthrough':
      return `a second node with a free ${cause.gpuModel ?? 'GPU'} its rules allow`;
    case 'no-target': {
      const byRoomOnly = cause.rejections.filter((r) => r.reasons.length > 0 && r.reasons.every((reason) => reason.code === 'insufficient'));
      if (byRoomOnly.length > 0) {
        const first = byRoomOnly[0]!;
        return `more room on ${first.node} (${first.reasons.map(reasonDetail).join('; ')})`;
      }
      const rules = new Set(cause.rejections.flatMap((r) => r.reasons.filter((reason) => reason.code !== 'insufficient').map(reasonSummary)));
      return `relax ${[...rules].sort().join(', ')}`;
    }
  }
}

/** One blocker of a maintenance wave and what would unblock it. */
export function maintenanceBlockerText(blocker: MaintenanceBlocker): string {
  switch (blocker.code) {
    case 'quorum-lost':
      return `${blocker.down.join(' and ')} down together leave no majority of votes: take fewer nodes down at once (--max-parallel) or add a QDevice vote`;
    case 'ha-vm-stops':
      return `HA VM ${blocker.vm} must stop: ${stopCauseText(blocker.vm, blocker.cause)}; to unblock: ${stopUnblockText(blocker.cause)}`;
    case 'failover-breach':
      return `if ${blocker.breach.scenario} also fails: ${breachText(blocker.breach)}; to unblock: more room on the nodes up (check --add-node NEW=LIKE) or fewer VMs on ${blocker.breach.scenario}`;
    case 'invalid-state':
      return `the wave's state breaks capacity or a rule: ${steadyStateLines(blocker.steadyState).join('; ')}`;
  }
}

/** One checked fix in words: "move app1 from node02 to node05 (16 GiB)". */
export function fixText(fix: Fix): string {
  switch (fix.kind) {
    case 'move-vm':
      return `move ${fix.vm} from ${fix.from} to ${fix.to} (${fmt(fix.gib)} GiB)`;
    case 'grow-node': {
      const parts = [
        ...(fix.addMemGiB > 0 ? [`${fix.addMemGiB} GiB of memory`] : []),
        ...(fix.addThreads > 0 ? [`${fix.addThreads} threads`] : []),
        ...(fix.addGpus > 0 ? [`${fix.addGpus} GPU${fix.addGpus > 1 ? 's' : ''}`] : []),
      ];
      return `add ${parts.join(' and ')} to ${fix.node}`;
    }
    case 'add-node':
      return `add ${fix.count} node${fix.count > 1 ? 's' : ''} like ${fix.like}`;
    case 'relax-rule':
      return `relax ${fix.rule}`;
  }
}

/** "Fixes for k8s-worker3 when node01 fails (each checked by re-running the engine), cheapest first: ..." */
export function vmFixesText(fixes: VmFixes): string {
  const when = fixes.failed.length === 0 ? '' : ` when ${fixes.failed.join(' and ')} ${fixes.failed.length > 1 ? 'fail' : 'fails'}`;
  if (fixes.fixes.length === 0) return `No fix found for ${fixes.vm}${when} (${fixes.checked} changes checked).`;
  return `Fixes for ${fixes.vm}${when} (each checked by re-running the engine), cheapest first: ${fixes.fixes.map(fixText).join('; ')}.`;
}

/** Why no per-VM fixes are shown when many VMs do not fit. */
export function fixesOmittedText(count: number): string {
  return `${count} VMs do not fit: too many for fixes one VM at a time; the answer is capacity (check --add-node NEW=LIKE, or the report's remedy).`;
}
