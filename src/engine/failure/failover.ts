/**
 * One failure scenario end to end, with a verdict: the scenario holds when no HA VM is down for
 * lack of capacity and no surviving node is over capacity. Structural losses (GPU only on the
 * failed node, a local disk, storage served by it, no quorum) are reported by reason but do not
 * break the verdict: capacity cannot cure them.
 */
import { strategyNamed, type PlacedCluster } from '../placement/plan.js';
import { failureContext } from './context.js';
import { describeScenario } from './describe.js';
import { CAPACITY_REASONS, type ScenarioResult } from './outcome.js';
import type { IndexedScenario } from './scenarios.js';
import { simulateFailure } from './simulate.js';

export interface FailoverVerdict {
  holds: boolean;
  /** HA VMs down for lack of capacity. */
  haDownForCapacity: string[];
  /** Surviving nodes above capacity in some resource. */
  nodesOverCapacity: string[];
  /** Surviving nodes at or above the alert threshold in some resource. */
  nodesOverThreshold: string[];
}

export interface FailoverResult extends ScenarioResult {
  strategy: string;
  verdict: FailoverVerdict;
}

export function runFailover(placed: PlacedCluster, strategy: string, scenario: IndexedScenario): FailoverResult {
  const context = failureContext(placed.state, strategyNamed(strategy));
  const { nodes: _nodes, ...named } = scenario;
  const result = describeScenario(context, named, simulateFailure(context, scenario.nodes, true));
  const haDownForCapacity = result.vms.filter((v) => v.state === 'down' && CAPACITY_REASONS.has(v.reason) && placed.index.vmHa[placed.index.vmIndex.get(v.vm)!] === 1).map((v) => v.vm);
  const up = result.nodesAfter.filter((n) => n.up);
  const nodesOverCapacity = up.filter((n) => n.overCapacity.length > 0).map((n) => n.name);
  return {
    strategy,
    ...result,
    verdict: {
      holds: haDownForCapacity.length === 0 && nodesOverCapacity.length === 0,
      haDownForCapacity,
      nodesOverCapacity,
      nodesOverThreshold: up.filter((n) => n.overThreshold.length > 0).map((n) => n.name),
    },
  };
}
