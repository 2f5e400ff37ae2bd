/**
 * The public `rebalance` job: headroom's moves for the chosen objective (rebalance.ts), then the
 * same cluster handed to two load-only balancers with the same move budget (Proxmox's HA
 * auto-rebalance, pve-auto-rebalance-pass.ts; a ProxLB-style largest-to-emptiest pass,
 * proxlb-greedy.ts), all measured the same way: the N+1 margin and the HA VMs lost for capacity
 * after their moves, the imbalance, the GiB moved, and the margin gained per GiB moved
 *   gainPerGib = (margin after - margin before) / GiB moved   (null when nothing moved)
 * in fraction points of a node's capacity per GiB. The input is never written.
 */
import type { Cluster } from '../model/cluster.js';
import type { ClusterState } from '../model/state.js';
import { placedState, strategyNamed } from '../placement/plan.js';
import type { Strategy } from '../placement/types.js';
import { measureImbalance, measureMargin, type RebalanceObjective } from './objective.js';
import { proxlbGreedyPass } from './proxlb-greedy.js';
import { pveAutoRebalancePass } from './pve-auto-rebalance-pass.js';
import { greedyRebalance, round, type RebalanceMove } from './rebalance.js';

export interface ObjectiveValues {
  /** The smallest slack after the worst single failure (fraction of a node's capacity). */
  nPlusOneMargin: number;
  lostForCapacity: number;
  imbalance: number;
}

export interface BalancerRow {
  method: 'headroom' | 'pve-auto-rebalance' | 'proxlb-greedy';
  moves: number;
  gibMoved: number;
  stoppedBy: string;
  after: ObjectiveValues;
  /** Margin gained per GiB moved, null when nothing moved. */
  marginGainPerGib: number | null;
}

export interface RebalancePlan {
  scenario: string;
  strategy: string;
  objective: RebalanceObjective;
  maxMoves: number;
  before: ObjectiveValues;
  after: ObjectiveValues;
  moves: RebalanceMove[];
  stoppedBy: 'max-moves' | 'no-improving-move';
  comparison: BalancerRow[];
}

export interface RebalanceOptions {
  objective: RebalanceObjective;
  maxMoves: number;
}

export function planRebalance(cluster: Cluster, strategyName: string, options: RebalanceOptions): RebalancePlan {
  const strategy = strategyNamed(strategyName);
  const { state } = placedState(cluster, strategy, false);
  const before = measure(state, strategy);
  const ours = greedyRebalance(state, strategy, options.objective, options.maxMoves);
  const after = measure(ours.state, strategy);
  const row = (method: BalancerRow['method'], result: { state: ClusterState; moves: ReadonlyArray<{ gib: number }>; stoppedBy: string }, values = measure(result.state, strategy)): BalancerRow => {
    const gibMoved = round(result.moves.reduce((sum, m) => sum + m.gib, 0));
    return {
      method,
      moves: result.moves.length,
      gibMoved,
      stoppedBy: result.stoppedBy,
      after: values,
      marginGainPerGib: gibMoved === 0 ? null : Math.round(((values.nPlusOneMargin - before.nPlusOneMargin) / gibMoved) * 1e6) / 1e6,
    };
  };
  return {
    scenario: cluster.name,
    strategy: strategyName,
    objective: options.objective,
    maxMoves: options.maxMoves,
    before,
    after,
    moves: ours.moves,
    stoppedBy: ours.stoppedBy,
    comparison: [row('headroom', ours, after), row('pve-auto-rebalance', pveAutoRebalancePass(state, options.maxMoves)), row('proxlb-greedy', proxlbGreedyPass(state, options.maxMoves))],
  };
}

function measure(state: ClusterState, strategy: Strategy): ObjectiveValues {
  const margin = measureMargin(state, strategy);
  return { nPlusOneMargin: round(margin.margin), lostForCapacity: margin.lostForCapacity, imbalance: round(measureImbalance(state)) };
}
