/**
 * What a sweep worker is started with: the cluster (cloned once per thread), the strategy name
 * and the placed state as typed arrays. Both sides rebuild the same FailureContext from it.
 */
import type { Cluster } from '../engine/model/cluster.js';
import { indexCluster } from '../engine/model/cluster-index.js';
import { stateFromArrays, type StateArrays } from '../engine/model/state.js';
import { failureContext, type FailureContext } from '../engine/failure/context.js';
import { strategyNamed } from '../engine/placement/plan.js';
import type { JudgeOptions } from '../engine/policy/scenario-judge.js';

export interface SweepWorkerData {
  cluster: Cluster;
  strategy: string;
  state: StateArrays;
  judge: JudgeOptions;
}

export function contextFromWorkerData(data: SweepWorkerData): FailureContext {
  return failureContext(stateFromArrays(indexCluster(data.cluster), data.state), strategyNamed(data.strategy));
}
