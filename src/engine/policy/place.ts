/**
 * `place`: the placement with its verdict. The verdict is the steady state of the failover
 * policy (steady-state.ts): it fails when a VM has no node, a node or pool is over capacity
 * (Proxmox's schedulers place without checking fit) or a VM runs against its rules. The alert
 * threshold is reported, not judged: `place` answers "does it fit", `check` "may it change".
 * Each unplaced VM comes with the changes that make it fit (fixes.ts).
 */
import type { Cluster } from '../model/cluster.js';
import { planPlacement, strategyNamed, type PlacementResult } from '../placement/plan.js';
import { fixesForEach, type VmFixes } from './fixes.js';
import { judgeSteadyState, type SteadyState } from './steady-state.js';

export interface JudgedPlacement extends PlacementResult {
  verdict: SteadyState;
  /** For each unplaced VM, the changes that make it fit, each checked (fixes.ts); none past MAX_VMS_FIXED VMs, counted in fixesOmitted. */
  fixes: VmFixes[];
  fixesOmitted: number;
}

export function placeAndJudge(cluster: Cluster, strategyName: string): JudgedPlacement {
  const { state, result } = planPlacement(cluster, strategyName);
  const policy = { scenarios: 'n+1' as const, strictSpof: false, maxUtilAfterFailover: null, threshold: false };
  const fixes = fixesForEach(cluster, strategyName, policy, result.unplaced.map((u) => ({ vm: u.vm, failed: [] })));
  return { ...result, verdict: judgeSteadyState(state, strategyNamed(strategyName), false), ...fixes };
}
