/**
 * A batch of failure scenarios in the compact form that crosses thread boundaries: scenarios
 * as offsets into one node list, results as flat typed arrays (per-scenario counts with the
 * policy's verdict, and one (scenario, VM, code) triple per VM that is not simply running).
 * simulateBatch is what a sweep worker calls; the sweep runs it in-process as well, so both
 * give the same bytes. Each scenario is judged by scenario-judge.ts, as everywhere else.
 */
import type { FailureContext } from '../failure/context.js';
import { DOWN_REASONS } from '../failure/outcome.js';
import { failureScratch, resetScratch, RUNNING, simulateFailure, type FailureScratch } from '../failure/simulate.js';
import { judgeScenario, type JudgeOptions } from './scenario-judge.js';

export interface ScenarioBatch {
  /** Scenario s fails nodes[offsets[s] .. offsets[s + 1]). */
  offsets: Int32Array;
  nodes: Int32Array;
}

/** Per scenario: [quorate, running, restarted, down per reason in DOWN_REASONS order, breaks the policy]. */
export const COUNT_STRIDE = 4 + DOWN_REASONS.length;
export const BREAKS_COLUMN = COUNT_STRIDE - 1;

export interface BatchResult {
  counts: Int32Array;
  /** Every VM whose outcome is not RUNNING: its scenario (within the batch), index and code. */
  affectedScenario: Int32Array;
  affectedVm: Int32Array;
  affectedCode: Uint8Array;
}

export function packScenarios(scenarios: ReadonlyArray<{ nodes: readonly number[] }>): ScenarioBatch {
  const offsets = new Int32Array(scenarios.length + 1);
  scenarios.forEach((scenario, s) => (offsets[s + 1] = offsets[s]! + scenario.nodes.length));
  const nodes = new Int32Array(offsets[scenarios.length]!);
  scenarios.forEach((scenario, s) => nodes.set(scenario.nodes, offsets[s]!));
  return { offsets, nodes };
}

// One scratch copy per context and thread, reused by every batch: a scenario then touches only
// the VMs of its failed nodes and the nodes that take them, never a copy of the whole state.
const scratches = new WeakMap<FailureContext, FailureScratch>();

function scratchOf(context: FailureContext): FailureScratch {
  let scratch = scratches.get(context);
  if (scratch === undefined) {
    scratch = failureScratch(context);
    scratches.set(context, scratch);
  }
  return scratch;
}

export function simulateBatch(context: FailureContext, batch: ScenarioBatch, options: JudgeOptions): BatchResult {
  const scenarioCount = batch.offsets.length - 1;
  const scratch = scratchOf(context);
  const counts = new Int32Array(scenarioCount * COUNT_STRIDE);
  const scenarioOf: number[] = [];
  const vmOf: number[] = [];
  const codeOf: number[] = [];
  for (let s = 0; s < scenarioCount; s++) {
    const failed = Array.from(batch.nodes.subarray(batch.offsets[s]!, batch.offsets[s + 1]!));
    const outcome = simulateFailure(context, failed, false, scratch);
    const row = s * COUNT_STRIDE;
    counts[row] = outcome.quorate ? 1 : 0;
    counts[row + BREAKS_COLUMN] = judgeScenario(context.base.index, '', outcome, options).breach === null ? 0 : 1;
    counts[row + 1 + RUNNING] = outcome.code.length - outcome.touched.length;
    for (const vm of outcome.touched) {
      const code = outcome.code[vm]!;
      counts[row + 1 + code]! += 1;
      scenarioOf.push(s);
      vmOf.push(vm);
      codeOf.push(code);
    }
    resetScratch(context, scratch, outcome, failed);
  }
  return { counts, affectedScenario: Int32Array.from(scenarioOf), affectedVm: Int32Array.from(vmOf), affectedCode: Uint8Array.from(codeOf) };
}
