/**
 * `place`: the placement with its verdict. The verdict is the steady state of the failover
 * policy (steady-state.ts): it fails when a VM has no node, a node or pool is over capacity
 * (Proxmox's schedulers place without checking fit) or a VM runs against its rules. The alert
 * threshold is reported, not judged: `place` answers "does it fit", `check` "may it change".
 */
import type { Cluster } from '../model/cluster.js';
import { planPlacement, strategyNamed, type PlacementResult } from '../placement/plan.js';
import { judgeSteadyState, type SteadyState } from './steady-state.js';

export interface JudgedPlacement extends PlacementResult {
  verdict: SteadyState;
}

export function placeAndJudge(cluster: Cluster, strategyName: string): JudgedPlacement {
  const { state, result } = planPlacement(cluster, strategyName);
  return { ...result, verdict: judgeSteadyState(state, strategyNamed(strategyName), false) };
}
