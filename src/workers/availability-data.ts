/**
 * What an availability worker is started with: the cluster, the strategy name, the placed state
 * as typed arrays and the availability settings. Both sides rebuild the same setup from it, so a
 * chunk simulated on a worker is the chunk the main thread would have simulated.
 */
import type { AvailabilitySettings, Cluster } from '../engine/model/cluster.js';
import { indexCluster } from '../engine/model/cluster-index.js';
import { stateFromArrays, type StateArrays } from '../engine/model/state.js';
import { strategyNamed } from '../engine/placement/plan.js';
import { availabilitySetup, type AvailabilitySetup } from '../engine/availability/availability.js';

export interface AvailabilityWorkerData {
  cluster: Cluster;
  strategy: string;
  state: StateArrays;
  settings: AvailabilitySettings;
}

/** One chunk of the Monte Carlo run: stream `chunk` of `seed`, `years` years. */
export interface ChunkTask {
  seed: number;
  chunk: number;
  years: number;
}

export function setupFromWorkerData(data: AvailabilityWorkerData): AvailabilitySetup {
  return availabilitySetup(stateFromArrays(indexCluster(data.cluster), data.state), strategyNamed(data.strategy), data.settings);
}
