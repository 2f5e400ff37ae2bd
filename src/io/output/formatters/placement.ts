/** Renders a placement result: node loads against the threshold, where each VM went, and why the rest did not fit. */
import type { Policy, Resource } from '../../../engine/model/cluster.js';
import type { LayoutKind, PlacementResult } from '../../../engine/placement/plan.js';
import type { VmFixes } from '../../../engine/policy/fixes.js';
import type { SteadyState } from '../../../engine/policy/steady-state.js';
import { aggregateRejections, reasonDetail, steadyStateLines, fixesOmittedText, vmFixesText } from '../../../engine/report/explain.js';
import type { NodeUsage } from '../../../engine/model/usage.js';
import { markdownTable, textTable, type Cell, type TableRenderer } from '../tables.js';

const SHOWN: ReadonlyArray<[Resource, string]> = [
  ['cpu', 'vCPU'],
  ['memGiB', 'mem GiB'],
  ['diskGiB', 'local disk GiB'],
  ['gpus', 'GPUs'],
];

export type Flavour = 'text' | 'markdown';

/** "48/64 75.0%" with a marker when at or over the threshold. */
function usageCell(node: NodeUsage, resource: Resource): string {
  if (node.capacity[resource] === 0) return '-';
  const mark = node.overCapacity.includes(resource) ? ' OVER' : node.overThreshold.includes(resource) ? ' !' : '';
  return `${round1(node.used[resource])}/${round1(node.capacity[resource])} ${node.percent[resource].toFixed(1)}%${mark}`;
}

export const LOAD_LEGEND = `'!' marks a resource at or over its alert threshold (in brackets); 'OVER' one above capacity.`;

export function nodeLoadTable(nodes: readonly NodeUsage[], policy: Policy, table: TableRenderer): string {
  const headers = ['node', ...SHOWN.map(([resource, label]) => `${label} (${Math.round(policy.threshold[resource] * 100)}%)`)];
  const rows: Cell[][] = nodes.map((node) => [node.up ? node.name : `${node.name} (down)`, ...SHOWN.map(([r]) => usageCell(node, r))]);
  return table(headers, rows);
}

export function poolTable(result: PlacementResult, table: TableRenderer): string {
  return table(
    ['pool', 'node', 'used GiB', 'capacity GiB', '%'],
    result.pools.map((pool) => [pool.pool, pool.node ?? '-', pool.usedGiB, pool.capacityGiB, `${pool.percent.toFixed(1)}${pool.overThreshold ? ' !' : ''}`]),
  );
}

export function vmTable(result: PlacementResult, table: TableRenderer): string {
  const nodeOf = new Map(result.placements.map((p) => [p.vm, p.node]));
  return table(
    ['vm', 'class', 'vCPU', 'mem GiB', 'disk GiB', 'pool', 'GPUs', 'HA', 'node'],
    result.vms.map((vm) => [vm.name, vm.class, vm.vcpus, vm.memGiB, vm.diskGiB, vm.pool, vm.gpus, vm.ha ? 'yes' : 'no', nodeOf.get(vm.name) ?? 'UNPLACED']),
  );
}

/** VMs running against their rules, and VMs no node can take with every node's reasons. */
export function placementProblems(result: PlacementResult): string[] {
  const parts: string[] = [];
  if (result.violations.length > 0) {
    parts.push(`Running against their rules (${result.violations.length}):`);
    for (const v of result.violations) parts.push(`- ${v.vm} on ${v.node}: ${v.reasons.map(reasonDetail).join('; ')}`);
  }
  if (result.unplaced.length > 0) {
    parts.push(`Unplaced (${result.unplaced.length}):`);
    for (const { vm, reasons } of result.unplaced) {
      parts.push(`- ${aggregateRejections(vm, reasons)}`);
      for (const { node, reasons: nodeReasons } of reasons) parts.push(`    ${node}: ${nodeReasons.map(reasonDetail).join('; ')}`);
    }
  }
  return parts;
}

export const LAYOUT_WORDS: Record<LayoutKind, string> = {
  current: 'Layout: the current one (every VM on the node the inputs give).',
  proposed: 'Layout: proposed by the strategy (no VM has a current node in the inputs).',
  'current+proposed': 'Layout: the current one, with the VMs that have no node in the inputs placed by the strategy.',
};

/** "Fits." or the reasons it does not, worded by explain.ts. */
export function renderPlacementVerdict(verdict: SteadyState): string {
  const lines = steadyStateLines(verdict);
  const breaking = lines.filter((line) => !line.startsWith('warning'));
  return [breaking.length === 0 ? 'Verdict: everything fits.' : 'Verdict: DOES NOT FIT.', ...lines.map((line) => `- ${line}`)].join('\n');
}

/** The fixes of the unplaced VMs, one line each after a blank line; empty when there are none. */
export function renderFixes(fixes: readonly VmFixes[], omitted: number): string {
  const lines = [...fixes.map(vmFixesText), ...(omitted > 0 ? [fixesOmittedText(omitted)] : [])];
  return lines.length === 0 ? '' : `\n\n${lines.join('\n')}`;
}

/** `withLayout`: false where the caller has said which layout this is already (the report's top). */
export function renderPlacement(result: PlacementResult, policy: Policy, flavour: Flavour, withLayout = true): string {
  const table = flavour === 'text' ? textTable : markdownTable;
  const parts = [
    `Scenario ${result.scenario}, strategy ${result.strategy}: ${result.placements.length} of ${result.vms.length} VMs placed.`,
    ...(withLayout ? [LAYOUT_WORDS[result.layout]] : []),
    '',
    nodeLoadTable(result.nodes, policy, table),
    LOAD_LEGEND,
    '',
    poolTable(result, table),
    '',
    vmTable(result, table),
  ];
  const problems = placementProblems(result);
  if (problems.length > 0) parts.push('', ...problems);
  return parts.join('\n');
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
