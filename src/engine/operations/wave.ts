/**
 * One maintenance wave judged: its nodes evacuated (evacuate.ts), then, while they are down,
 *   - always: the cluster keeps quorum, and the state is valid (capacity and rules,
 *     operation-state.ts);
 *   - `keep: 'n+1'`: no HA VM has to stop, and every further single failure among the nodes up
 *     keeps the failover policy, as the policy engine judges any failure scenario
 *     (policy/failover-policy.ts, scenario-judge.ts: quorum kept, no HA VM down for capacity, no
 *     survivor over capacity; the alert threshold does not count during maintenance);
 *   - `keep: 'none'`: capacity and rules only; stopped VMs are listed.
 * Whatever breaks the guarantee is a structured blocker; explain.ts words it, with what would
 * unblock it. Duration: the evacuation's migrations one after another, the stated reboot time,
 * and the same migrations back (maintenance mode returns the guests to their node).
 * Complexity: one evacuation plus, for n+1, one failure simulation per node up.
 */
import { NO_INDEX } from '../model/cluster-index.js';
import type { ClusterState } from '../model/state.js';
import { hasQuorum } from '../failure/quorum.js';
import { scenarioOf } from '../failure/scenarios.js';
import type { Strategy } from '../placement/types.js';
import { evaluatePolicy } from '../policy/failover-policy.js';
import type { PolicyBreach } from '../policy/scenario-judge.js';
import type { SteadyState } from '../policy/steady-state.js';
import { evacuate, type StopCause, type StoppedVm } from './evacuate.js';
import { totalSeconds, type Move } from './migration.js';
import { judgeOperationState } from './operation-state.js';

export type KeepPolicy = 'n+1' | 'none';
export const KEEP_POLICIES: readonly KeepPolicy[] = ['n+1', 'none'];

export type MaintenanceBlocker =
  /** The wave's nodes down leave no majority of votes. */
  | { code: 'quorum-lost'; down: string[] }
  /** An HA VM that cannot run anywhere while the wave is down. */
  | { code: 'ha-vm-stops'; vm: string; cause: StopCause }
  /** One more failure during the wave breaks the failover policy. */
  | { code: 'failover-breach'; breach: PolicyBreach }
  /** The evacuated state breaks capacity or a rule (steady-state words). */
  | { code: 'invalid-state'; steadyState: SteadyState };

export interface WaveJudgement {
  nodes: string[];
  keepsGuarantee: boolean;
  quorate: boolean;
  moves: Move[];
  stopped: StoppedVm[];
  gibMoved: number;
  evacuateSeconds: number | null;
  rebootSeconds: number;
  returnSeconds: number | null;
  durationSeconds: number | null;
  blockers: MaintenanceBlocker[];
}

export interface WaveOptions {
  keep: KeepPolicy;
  rebootSeconds: number;
}

/**
 * `placeWith` chooses evacuation targets (a strategy that checks fit); `restartWith` decides
 * restarts after a further failure, as the scenario's strategy does everywhere else.
 */
export function judgeWave(base: ClusterState, wave: readonly number[], placeWith: Strategy, restartWith: Strategy, options: WaveOptions): WaveJudgement {
  const { index } = base;
  const evacuation = evacuate(base, wave, placeWith);
  const { state, moves, stopped } = evacuation;
  const down = wave.map((node) => index.nodes[node]!.name);
  const blockers: MaintenanceBlocker[] = [];
  const quorate = hasQuorum(index, state.nodeUp);
  if (!quorate) blockers.push({ code: 'quorum-lost', down });
  const steadyState = judgeOperationState(state, placeWith, new Set(stopped.map((s) => s.vm)), neverPlaced(base));
  if (!steadyState.holds) blockers.push({ code: 'invalid-state', steadyState });
  if (options.keep === 'n+1' && quorate) {
    for (const s of stopped) if (s.ha) blockers.push({ code: 'ha-vm-stops', vm: s.vm, cause: s.cause });
    for (const breach of furtherFailureBreaches(state, restartWith)) blockers.push({ code: 'failover-breach', breach });
  }
  const evacuateSeconds = totalSeconds(moves.map((m) => m.seconds));
  const returnSeconds = totalSeconds(moves.filter((m) => m.to !== null).map((m) => m.seconds));
  return {
    nodes: down,
    keepsGuarantee: blockers.length === 0,
    quorate,
    moves,
    stopped,
    gibMoved: round(moves.reduce((sum, m) => sum + m.gib, 0)),
    evacuateSeconds,
    rebootSeconds: options.rebootSeconds,
    returnSeconds,
    durationSeconds: evacuateSeconds === null || returnSeconds === null ? null : round(evacuateSeconds + options.rebootSeconds + returnSeconds),
    blockers,
  };
}

/** Each node still up fails in turn, on the evacuated state: the policy engine's breaches. */
function furtherFailureBreaches(state: ClusterState, restartWith: Strategy): PolicyBreach[] {
  const { index } = state;
  const scenarios = [];
  for (let node = 0; node < index.nodeCount; node++) if (state.nodeUp[node] === 1) scenarios.push(scenarioOf(index, [node]));
  return evaluatePolicy(state, restartWith, { scenarios, threshold: false, strictSpof: false, maxUtilAfterFailover: null }).breaches;
}

function neverPlaced(base: ClusterState): Set<string> {
  const names = new Set<string>();
  base.index.cluster.vms.forEach((vm, i) => {
    if (base.vmNode[i] === NO_INDEX) names.add(vm.name);
  });
  return names;
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
