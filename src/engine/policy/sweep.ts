/**
 * A sweep: many failure scenarios of one placed cluster, summarised. Per scenario, counts by
 * outcome and reason and the policy's verdict; scenarios ordered worst first (those that break
 * the policy, then most HA VMs down, then most VMs down, then sweep order). Per VM that is down
 * somewhere, the scenarios that take it down, reduced to the minimal ones (no strict subset of the failed nodes also takes it down), the way reliability
 * analysis lists minimal cut sets.
 *
 * The sweep holds when the steady state holds and no scenario breaks the policy
 * (scenario-judge.ts: quorum lost, an HA VM down for capacity, a survivor over capacity).
 * Pure: the batches may have been computed on any number of threads; they are merged in
 * scenario order, so the result is the same bytes whatever the thread count.
 */
import { BREAKS_COLUMN, COUNT_STRIDE, type BatchResult } from './sweep-batch.js';
import type { SteadyState } from './steady-state.js';
import type { FailureContext } from '../failure/context.js';
import { CAPACITY_REASONS, DOWN_REASONS, type DownReason } from '../failure/outcome.js';
import type { IndexedScenario } from '../failure/scenarios.js';
import { DOWN_BASE, RESTARTED } from '../failure/simulate.js';

export interface ScenarioSummary {
  label: string;
  failed: string[];
  quorate: boolean;
  /** Whether this scenario breaks the policy (scenario-judge.ts). */
  breaks: boolean;
  running: number;
  restarted: number;
  down: number;
  haDown: number;
  haDownForCapacity: number;
  /** Only the reasons that occur, in DOWN_REASONS order. */
  byReason: Partial<Record<DownReason, number>>;
}

export interface VmDownSummary {
  vm: string;
  ha: boolean;
  /** How many scenarios take it down. */
  downIn: number;
  byReason: Partial<Record<DownReason, number>>;
  /** Labels of the minimal scenarios that take it down, in sweep order. */
  minimalCauses: string[];
}

export interface SweepResult {
  sweep: string;
  strategy: string;
  scenarioCount: number;
  quorumLostIn: number;
  /** Scenarios that keep quorum and leave an HA VM down for lack of capacity. */
  capacityFailures: number;
  /** Scenarios that break the policy, for any reason (quorum lost included). */
  breakingScenarios: number;
  holds: boolean;
  steadyState: SteadyState;
  scenarios: ScenarioSummary[];
  vmsDown: VmDownSummary[];
}

export function summariseSweep(context: FailureContext, steadyState: SteadyState, sweep: string, scenarios: readonly IndexedScenario[], batches: readonly BatchResult[]): SweepResult {
  const { index } = context.base;
  const summaries: Array<ScenarioSummary & { order: number }> = [];
  const downScenariosOf = new Map<number, Array<{ scenario: number; reason: DownReason }>>();
  let offset = 0;
  for (const batch of batches) {
    const batchSize = batch.counts.length / COUNT_STRIDE;
    const haDown = new Int32Array(batchSize);
    const haDownForCapacity = new Int32Array(batchSize);
    batch.affectedVm.forEach((vm, i) => {
      const code = batch.affectedCode[i]!;
      if (code === RESTARTED) return;
      const s = batch.affectedScenario[i]!;
      const reason = DOWN_REASONS[code - DOWN_BASE]!;
      if (reason === 'unplaced') return;
      if (index.vmHa[vm] === 1) {
        haDown[s]! += 1;
        if (CAPACITY_REASONS.has(reason)) haDownForCapacity[s]! += 1;
      }
      let list = downScenariosOf.get(vm);
      if (list === undefined) downScenariosOf.set(vm, (list = []));
      list.push({ scenario: offset + s, reason });
    });
    for (let s = 0; s < batchSize; s++) {
      const row = batch.counts.subarray(s * COUNT_STRIDE, (s + 1) * COUNT_STRIDE);
      const scenario = scenarios[offset + s]!;
      const byReason: Partial<Record<DownReason, number>> = {};
      DOWN_REASONS.forEach((reason, r) => {
        if (row[3 + r]! > 0) byReason[reason] = row[3 + r]!;
      });
      const down = DOWN_REASONS.reduce((total, _, r) => total + row[3 + r]!, 0);
      summaries.push({
        order: offset + s,
        label: scenario.label,
        failed: scenario.failed,
        quorate: row[0] === 1,
        breaks: row[BREAKS_COLUMN] === 1,
        running: row[1]!,
        restarted: row[2]!,
        down,
        haDown: haDown[s]!,
        haDownForCapacity: haDownForCapacity[s]!,
        byReason,
      });
    }
    offset += batchSize;
  }
  summaries.sort((a, b) => Number(b.breaks) - Number(a.breaks) || b.haDown - a.haDown || b.down - a.down || a.order - b.order);
  const capacityFailures = summaries.filter((s) => s.quorate && s.haDownForCapacity > 0).length;
  const breakingScenarios = summaries.filter((s) => s.breaks).length;
  return {
    sweep,
    strategy: context.strategy.name,
    scenarioCount: scenarios.length,
    quorumLostIn: summaries.filter((s) => !s.quorate).length,
    capacityFailures,
    breakingScenarios,
    holds: steadyState.holds && breakingScenarios === 0,
    steadyState,
    scenarios: summaries.map(({ order: _order, ...summary }) => summary),
    vmsDown: summariseVms(context, scenarios, downScenariosOf),
  };
}

function summariseVms(context: FailureContext, scenarios: readonly IndexedScenario[], downScenariosOf: Map<number, Array<{ scenario: number; reason: DownReason }>>): VmDownSummary[] {
  const { index } = context.base;
  const summaries = [...downScenariosOf].map(([vm, downs]): VmDownSummary => {
    const byReason: Partial<Record<DownReason, number>> = {};
    for (const reason of DOWN_REASONS) {
      const count = downs.filter((d) => d.reason === reason).length;
      if (count > 0) byReason[reason] = count;
    }
    const bySize = [...downs].sort((a, b) => scenarios[a.scenario]!.nodes.length - scenarios[b.scenario]!.nodes.length || a.scenario - b.scenario);
    const minimal: number[] = [];
    for (const { scenario } of bySize) {
      const nodes = scenarios[scenario]!.nodes;
      if (!minimal.some((m) => isStrictSubset(scenarios[m]!.nodes, nodes))) minimal.push(scenario);
    }
    return {
      vm: index.cluster.vms[vm]!.name,
      ha: index.vmHa[vm] === 1,
      downIn: downs.length,
      byReason,
      minimalCauses: minimal.sort((a, b) => a - b).map((s) => scenarios[s]!.label),
    };
  });
  return summaries.sort((a, b) => b.downIn - a.downIn || index.vmIndex.get(a.vm)! - index.vmIndex.get(b.vm)!);
}

/** Both sorted ascending. */
function isStrictSubset(small: readonly number[], large: readonly number[]): boolean {
  if (small.length >= large.length) return false;
  let j = 0;
  for (const node of small) {
    while (j < large.length && large[j]! < node) j++;
    if (j === large.length || large[j] !== node) return false;
    j++;
  }
  return true;
}
