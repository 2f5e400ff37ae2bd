/**
 * The public placement job: every VM of the cluster placed by one strategy, as a typed result
 * that `place --json` prints as is.
 */
import { InvariantError } from '../../errors.js';
import type { Cluster } from '../model/cluster.js';
import { indexCluster, type ClusterIndex } from '../model/cluster-index.js';
import { emptyState, type ClusterState } from '../model/state.js';
import { nodeUsage, poolUsage, type NodeUsage, type PoolUsage } from '../model/usage.js';
import { layoutViolations, type LayoutViolation } from './current-layout.js';
import { filtersOf, placeInventory, type Unplaced } from './pipeline.js';
import { STRATEGIES, isStrategyName } from './strategies/index.js';
import type { NodeRejection, Strategy } from './types.js';

export interface VmSummary {
  name: string;
  class: string;
  vcpus: number;
  memGiB: number;
  diskGiB: number;
  pool: string;
  gpus: number;
  ha: boolean;
}

/**
 * `current`: every VM runs where the inputs say; `proposed`: none has a current node, the
 * strategy placed them all; `current+proposed`: the current layout, with the VMs that have no
 * node placed by the strategy.
 */
export type LayoutKind = 'current' | 'proposed' | 'current+proposed';

export interface PlacementResult {
  scenario: string;
  strategy: string;
  layout: LayoutKind;
  vms: VmSummary[];
  nodes: NodeUsage[];
  pools: PoolUsage[];
  placements: Array<{ vm: string; node: string }>;
  unplaced: Array<{ vm: string; reasons: NodeRejection[] }>;
  /** VMs whose current node breaks one of their rules (current-layout.ts). */
  violations: LayoutViolation[];
}

export interface PlacedCluster {
  index: ClusterIndex;
  state: ClusterState;
  result: PlacementResult;
}

export function strategyNamed(name: string): Strategy {
  if (!isStrategyName(name)) throw new InvariantError('unknown strategy reached the engine', name);
  return STRATEGIES[name];
}

/**
 * The placed state alone, for a caller that needs only the verdict on it (the rest of
 * planPlacement is the report); `explain` false leaves the unplaced VMs' rejections empty.
 */
export function placedState(cluster: Cluster, strategy: Strategy, explain = true): { index: ClusterIndex; state: ClusterState; unplaced: Unplaced[] } {
  const index = indexCluster(cluster);
  const state = emptyState(index);
  const unplaced = placeInventory(state, cluster.vms.map((_, vm) => vm), strategy, explain);
  return { index, state, unplaced };
}

export function planPlacement(cluster: Cluster, strategyName: string = cluster.policy.strategy): PlacedCluster {
  const strategy = strategyNamed(strategyName);
  const { index, state, unplaced } = placedState(cluster, strategy);
  const proposed = cluster.vms.filter((vm) => vm.currentNode === null).length;
  const result: PlacementResult = {
    scenario: cluster.name,
    strategy: strategy.name,
    layout: proposed === 0 ? 'current' : proposed === cluster.vms.length ? 'proposed' : 'current+proposed',
    vms: cluster.vms.map((vm) => ({
      name: vm.name,
      class: vm.className,
      vcpus: vm.vcpus,
      memGiB: vm.memGiB,
      diskGiB: vm.diskGiB,
      pool: vm.pool,
      gpus: vm.gpus,
      ha: vm.ha,
    })),
    nodes: nodeUsage(state),
    pools: poolUsage(state),
    placements: cluster.vms.flatMap((vm, i) => {
      const node = state.vmNode[i]!;
      return node < 0 ? [] : [{ vm: vm.name, node: index.nodes[node]!.name }];
    }),
    unplaced: unplaced.map(({ vm, rejections }) => ({ vm: cluster.vms[vm]!.name, reasons: rejections })),
    violations: layoutViolations(state, filtersOf(strategy)),
  };
  return { index, state, result };
}
