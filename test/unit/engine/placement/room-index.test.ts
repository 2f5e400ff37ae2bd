import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexCluster } from '../../../../src/engine/model/cluster-index.js';
import { assign, emptyState } from '../../../../src/engine/model/state.js';
import { chooseNode } from '../../../../src/engine/placement/pipeline.js';
import { RoomIndex } from '../../../../src/engine/placement/room-index.js';
import { STRATEGIES } from '../../../../src/engine/placement/strategies/index.js';
import { placementOrder } from '../../../../src/engine/placement/vm-order.js';
import { clusterArbitrary } from '../../../support/random-cluster.js';

describe('RoomIndex', () => {
  it('first fit through the index picks exactly the node the plain scan picks, VM after VM', () => {
    fc.assert(
      fc.property(clusterArbitrary, fc.boolean(), fc.constantFrom(STRATEGIES.ffd, STRATEGIES['first-fit']), (random, fewShapes, strategy) => {
        // With few shapes many VMs share one, which is what the shape hints act on.
        const cluster = fewShapes
          ? { ...random, vms: random.vms.map((v) => ({ ...v, vcpus: 1 + (v.vcpus % 2), memGiB: 4 * (1 + (v.memGiB % 3)), diskGiB: 10 * (v.diskGiB % 2) })) }
          : random;
        const index = indexCluster(cluster);
        const [indexed, scanned] = [emptyState(index), emptyState(index)];
        const room = new RoomIndex(indexed);
        for (const vm of placementOrder(index, cluster.vms.map((_, i) => i), strategy.order)) {
          const viaIndex = chooseNode(indexed, vm, strategy, room);
          const viaScan = chooseNode(scanned, vm, strategy);
          expect(viaIndex).toBe(viaScan);
          if (viaIndex >= 0) {
            assign(indexed, vm, viaIndex);
            room.update(viaIndex);
            assign(scanned, vm, viaScan);
          }
        }
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
