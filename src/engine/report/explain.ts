/**
 * The one place where placement reasons become English. Everything else passes reasons around
 * as data. Aggregates are sorted (count descending, then text) so output is byte-stable, as in
 * the Kubernetes scheduler's FitError.
 */
import type { Resource, VmRequirements } from '../model/cluster.js';
import type { GuestRef, ImportNote } from '../model/import-notes.js';
import type { GuestSize, ScenarioDiff } from './scenario-diff.js';
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

/** "102 web-1, 103 web-2", the first `shown` of them and "and N more". */
function guestList(guests: readonly GuestRef[], shown = 10): string {
  const named = guests.slice(0, shown).map((guest) => `${guest.vmid} ${guest.name}`);
  return guests.length > shown ? `${named.join(', ')} and ${guests.length - shown} more` : named.join(', ');
}

const gibText = (value: number): string => `${Number.isInteger(value) ? value : value.toFixed(2)} GiB`;

/** What stands in for an optional dump file that is missing. */
const MISSING_FILE_ASSUMED: Readonly<Record<string, string>> = {
  'api/cluster-status.json': 'node addresses from corosync.conf only',
  'etc-pve/storage.cfg': 'only the implicit pool local',
  'etc-pve/datacenter.cfg': "Proxmox's defaults (crs basic)",
  'etc-pve/corosync.conf': 'one vote per node, no QDevice, shared pools matched by cluster-status addresses only',
  'etc-pve/ha/resources.cfg': 'no guest is HA-managed',
  'etc-pve/ha/rules.cfg': 'no HA rules (a cluster before Proxmox VE 9 has none)',
  'etc-pve/ha/groups.cfg': 'no HA groups (Proxmox VE 9 has none)',
  'etc-pve/mapping/pci.cfg': 'no PCI mappings: no node has GPUs',
};

/** One import assumption in words: what was read, what was assumed instead, and why. */
export function importNoteText(note: ImportNote): string {
  switch (note.code) {
    case 'missing-file':
      return `${note.file} is not in the dump: ${MISSING_FILE_ASSUMED[note.file] ?? 'nothing read from it'}`;
    case 'node-offline':
      return `node ${note.node} is offline: kept, and its ${note.guests} guest(s) counted, as they run again when it returns`;
    case 'node-size-from-resources':
      return `node ${note.node} has no status (offline): threads and memory from cluster-resources (maxcpu, maxmem), its last report`;
    case 'node-votes-default':
      return `node ${note.node} is not in corosync.conf: 1 vote, corosync's default`;
    case 'host-reserve':
      return `every node keeps ${note.memReservedGiB} GiB for Proxmox VE itself (the admin guide's minimum; ZFS ARC and other host use not counted): change memReservedGiB in nodes.csv`;
    case 'policy-defaults':
      return `policy: headroom's defaults (alert at 85%, 4 vCPU per thread, no memory overcommit, n+1), strategy ${note.strategy} from the cluster's CRS mode`;
    case 'qdevice':
      return `QDevice (${note.algorithm ?? 'algorithm not stated'}): ${note.votes} vote(s)${note.votesStated ? '' : ', corosync\'s default for its algorithm'}`;
    case 'guests-skipped':
      return note.reason === 'template' ? `not counted, templates are no workload: ${guestList(note.guests)}` : `not counted, stopped (--include-stopped counts them): ${guestList(note.guests)}`;
    case 'guests-status-unknown':
      return `counted though their status is unknown (their node is offline or did not report): ${guestList(note.guests)}`;
    case 'guests-stopped-included':
      return `counted though stopped (--include-stopped), each on the node it is registered on: ${guestList(note.guests)}`;
    case 'memory-policy':
      return note.policy === 'max'
        ? `memory counts as configured; ${note.ballooning} guest(s) may balloon down, ${gibText(note.differenceGiB)} less in all (--memory balloon counts the floor)`
        : `memory counts at the balloon floor (--memory balloon); ${note.ballooning} guest(s) may grow back to their configured memory, ${gibText(note.differenceGiB)} more in all`;
    case 'lxc-all-cores':
      return `container ${note.guest.vmid} ${note.guest.name} has no cores limit: counted as ${note.vcpus} vCPUs, every thread of its node`;
    case 'guest-without-config':
      return `guest ${note.guest.vmid} ${note.guest.name} has no config in etc-pve: sized from cluster-resources (maxcpu, maxmem), no disks`;
    case 'guest-not-in-resources':
      return `guest ${note.guest.vmid} ${note.guest.name} is not in cluster-resources: status unknown, counted`;
    case 'disk-size-unknown':
      return `${note.guest.vmid} ${note.guest.name} ${note.disk} states no size: counted as 0 GiB`;
    case 'disk-not-on-storage':
      return `${note.guest.vmid} ${note.guest.name} ${note.disk} is a host path (${note.volume}), on no storage: not counted`;
    case 'guest-several-pools':
      return `${note.guest.vmid} ${note.guest.name} has disks on several pools: it is held by ${note.pool}; ${note.reserved.map((r) => `${gibText(r.diskGiB)} on ${r.pool}`).join(', ')} taken off those pools' capacity (the failure of their serving node is not counted against the guest)`;
    case 'guest-no-disk':
      return `no disk on any storage, put on the empty pool ${note.pool} every node reaches: ${guestList(note.guests)}`;
    case 'raw-pci-pinned':
      return `${note.guest.vmid} ${note.guest.name} passes through ${note.devices.join(', ')} by raw PCI id (no resource mapping): pinned to ${note.node}, the device not counted as a GPU`;
    case 'guest-several-gpu-models':
      return `${note.guest.vmid} ${note.guest.name} uses PCI mappings ${[note.counted, ...note.ignored].join(', ')}: only ${note.counted} counted (one GPU model per guest)`;
    case 'pci-mappings-as-gpus':
      return `every device of PCI mapping(s) ${note.mappings.join(', ')} counts as one GPU, the mapping's id as its model`;
    case 'node-several-gpu-models':
      return `node ${note.node} has devices of several PCI mappings: only ${note.counted} counted (one GPU model per node), not ${note.ignored.join(', ')}`;
    case 'guest-renamed':
      return `${note.guest.vmid} ${note.guest.name} is named ${note.as} in the scenario (its Proxmox name is taken or not a valid name)`;
    case 'pool-capacity-unknown':
      return `pool ${note.pool}${note.node === null ? '' : ` on ${note.node}`} reports no capacity: assumed full, ${gibText(note.assumedGiB)} (what its guests hold)`;
    case 'pool-served-by':
      return note.how === 'flag' ? `pool ${note.pool} is served by ${note.node} (--served-by)` : `pool ${note.pool} is served by ${note.node}: its server ${note.address} is that node's address`;
    case 'pool-external':
      return `pool ${note.pool} is served from outside the cluster (${note.servers.join(', ') || 'no server address'} is no node's address): its failure is no node's failure (--served-by ${note.pool}=NODE if a node serves it)`;
    case 'pool-disabled':
      return `pool ${note.pool} is disabled in storage.cfg but holds guest disks: kept`;
    case 'pool-instance-added':
      return `pool ${note.pool} is not enabled on ${note.node} but a guest there has a disk on it: an instance added on ${note.node}`;
    case 'crs':
      return note.source === 'datacenter'
        ? `HA scheduler (crs) ${note.mode}, from datacenter.cfg`
        : note.source === 'default'
          ? `HA scheduler (crs) ${note.mode}: datacenter.cfg states none, Proxmox's default`
          : `HA scheduler (crs) dynamic written as static: the scenario has no live usage, and dynamic ranks by static sizes where it measures nothing`;
    case 'crs-rebalance-not-modelled':
      return `HA ${[note.onStart ? 'rebalance on start' : '', note.auto ? 'auto-rebalance' : ''].filter(Boolean).join(' and ')} is on: not modelled (headroom predicts recovery placement only)`;
    case 'ha-restarts-not-modelled':
      return `max_restart/max_relocate other than 1 are not modelled (a failed node's guests are recovered once): ${guestList(note.guests)}`;
    case 'ha-not-managed':
      return `in resources.cfg but not started by HA (state stopped, disabled or ignored): not HA in the scenario: ${guestList(note.guests)}`;
    case 'ha-resource-unknown':
      return `HA resource ${note.sid} names no guest of the dump: ignored`;
    case 'group-converted':
      return `HA group ${note.group} is rule ${note.rule} (node-affinity, ${note.strict ? 'strict' : 'not strict'}${note.failback ? '' : ', failback off'}), as Proxmox VE 9 converts groups`;
    case 'rule-resource-dropped':
      return `rule ${note.rule}: ${note.sid} left out (${note.why === 'unknown' ? 'no such guest' : note.why === 'not-imported' ? 'the guest is not counted' : 'the guest is not HA-managed'})`;
    case 'rule-node-dropped':
      return `rule ${note.rule}: node ${note.node} left out (not in the cluster)`;
    case 'rule-dropped':
      return `rule ${note.rule} dropped: ${note.why === 'no-nodes' ? 'none of its nodes is in the cluster' : note.why === 'one-resource' ? 'fewer than two of its guests are left' : 'none of its guests is left'}`;
    case 'failback-not-expressible':
      return `failback 0 kept on (their node-affinity rule also holds guests with failback on; the scenario states failback per rule): ${guestList(note.guests)}`;
    case 'failback-without-rule':
      return `failback 0 changes nothing without a node-affinity rule: ${guestList(note.guests)}`;
  }
}

/** A class's description: "8 vCPU, 16 GiB, 256 GiB on tank, HA, rules a and b; 2 guests: 100 db-1, 101 db-2". */
export function importedClassDescription(requirements: VmRequirements, rules: readonly string[], guests: readonly GuestRef[]): string {
  const parts = [
    `${requirements.vcpus} vCPU, ${gibText(requirements.memGiB)}, ${gibText(requirements.diskGiB)} on ${requirements.pool}`,
    ...(requirements.gpus > 0 ? [`${requirements.gpus} GPU ${requirements.gpuModel ?? ''}`.trim()] : []),
    ...(requirements.affinity === null ? [] : [`pinned to ${requirements.affinity.nodes.join(', ')}`]),
    ...(requirements.ha ? ['HA'] : []),
    ...(rules.length === 0 ? [] : [`rules ${rules.join(', ')}`]),
  ];
  return `${parts.join(', ')}; ${guests.length} guest(s): ${guestList(guests, 3)}`;
}

const signed = (value: number, unit: string): string => `${value > 0 ? '+' : ''}${Number.isInteger(value) ? value : value.toFixed(2)} ${unit}`;
const sizeText = (size: GuestSize): string => `${size.vcpus} vCPU, ${gibText(size.memGiB)}, ${gibText(size.diskGiB)} on ${size.pool}${size.gpus > 0 ? `, ${size.gpus} GPU` : ''}`;

/** The one line a weekly job prints: "since last: +3 VMs, +12 vCPU, +96 GiB memory, ...", or "since last: no change". */
export function scenarioDiffSummary(diff: ScenarioDiff): string {
  const { delta, guests, nodes, rules } = diff;
  const totals = [
    ...(delta.vms !== 0 ? [signed(delta.vms, 'VMs')] : []),
    ...(delta.vcpus !== 0 ? [signed(delta.vcpus, 'vCPU')] : []),
    ...(delta.memGiB !== 0 ? [signed(delta.memGiB, 'GiB memory')] : []),
    ...(delta.diskGiB !== 0 ? [signed(delta.diskGiB, 'GiB disk')] : []),
    ...(delta.gpus !== 0 ? [signed(delta.gpus, 'GPUs')] : []),
  ];
  const counts = (entries: Array<[number, string]>): string => entries.filter(([count]) => count > 0).map(([count, word]) => `${count} ${word}`).join(', ');
  const parts = [
    totals.join(', '),
    counts([[guests.added.length, 'added'], [guests.removed.length, 'removed'], [guests.moved.length, 'moved'], [guests.resized.length, 'resized']]),
    nodes.added.length + nodes.removed.length + nodes.resized.length > 0
      ? `nodes ${counts([[nodes.added.length, 'added'], [nodes.removed.length, 'removed'], [nodes.resized.length, 'resized']])} (${signed(delta.nodeThreads, 'threads')}, ${signed(delta.nodeMemGiB, 'GiB')})`
      : '',
    rules.added.length + rules.removed.length + rules.changed.length > 0 ? `rules ${counts([[rules.added.length, 'added'], [rules.removed.length, 'removed'], [rules.changed.length, 'changed']])}` : '',
  ].filter((part) => part !== '');
  return `since last: ${parts.length === 0 ? 'no change' : parts.join('; ')}`;
}

/** One line per change, "+" added, "-" removed, "~" changed, in the diff's (name) order. */
export function scenarioDiffLines(diff: ScenarioDiff): string[] {
  const nodeText = (size: { cpuThreads: number; memGiB: number; gpus: number; votes: number }): string => `${size.cpuThreads} threads, ${gibText(size.memGiB)}, ${size.gpus} GPU, ${size.votes} vote(s)`;
  return [
    ...diff.guests.added.map((vm) => `+ guest ${vm.name} on ${vm.node ?? '-'}: ${sizeText(vm)}`),
    ...diff.guests.removed.map((vm) => `- guest ${vm.name} on ${vm.node ?? '-'}: ${sizeText(vm)}`),
    ...diff.guests.moved.map((vm) => `~ guest ${vm.name} moved from ${vm.from ?? '-'} to ${vm.to ?? '-'}`),
    ...diff.guests.resized.map((vm) => `~ guest ${vm.name} resized: ${sizeText(vm.before)} -> ${sizeText(vm.after)}`),
    ...diff.nodes.added.map((node) => `+ node ${node.name}: ${nodeText(node)}`),
    ...diff.nodes.removed.map((node) => `- node ${node.name}: ${nodeText(node)}`),
    ...diff.nodes.resized.map((node) => `~ node ${node.name} resized: ${nodeText(node.before)} -> ${nodeText(node.after)}`),
    ...diff.rules.added.map((id) => `+ rule ${id}`),
    ...diff.rules.removed.map((id) => `- rule ${id}`),
    ...diff.rules.changed.map((id) => `~ rule ${id} changed`),
  ];
}
