/**
 * `failover --strategy pve-static|pve-basic` must restart VMs where Proxmox's HA manager would.
 * Both sides call the same scorers (engine/proxmox/scheduler-*.ts) and rule compiler, but through
 * different machinery: headroom's failure simulation on one side; on the other the replay
 * engine running the HA manager's timeline (power on, services start, a node powers off, fence,
 * recover) on inputs built from the same placed cluster by haScenarioOf. Compared: the restarted
 * VMs, their target nodes and their order.
 *
 * Restricted by design to failures where the two models mean the same thing:
 * - no failed node serves storage: headroom stops every VM whose disk it served (`storage-lost`)
 *   while Proxmox, which does not know where disks live, still recovers them and keeps counting
 *   the stopped ones' load; so the lab's node05 is left out and generated pools have no server;
 * - no local disks or GPUs in generated clusters: Proxmox would pick a node and fail to start
 *   there (its start-failure relocation is not part of the restart-target model). The lab's GPU
 *   VMs are pinned to node04 by an HA rule, so both sides leave them down when node04 fails.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { haScenarioOf } from '../../src/engine/ha-sim/from-cluster.js';
import type { HaRule } from '../../src/engine/proxmox/types.js';
import { compareBytes } from '../../src/engine/proxmox/sid-order.js';
import { replayScenario } from '../../src/engine/ha-sim/simulate.js';
import { runFailover } from '../../src/engine/policy/failover.js';
import { scenarioOf } from '../../src/engine/failure/scenarios.js';
import type { Cluster, NodeSpec, VmSpec } from '../../src/engine/model/cluster.js';
import { planPlacement } from '../../src/engine/placement/plan.js';
import { loadScenario } from '../../src/io/loaders/scenario.js';

const PVE = [
  { strategy: 'pve-static', crs: 'static' },
  { strategy: 'pve-basic', crs: 'basic' },
] as const;

interface Restart {
  vm: string;
  to: string;
}

function bothEngines(cluster: Cluster, pve: (typeof PVE)[number], failedNode: string): { headroom: Restart[]; proxmox: Restart[]; otherDecisions: string[] } {
  const placed = planPlacement(cluster, pve.strategy);
  const result = runFailover(placed, pve.strategy, scenarioOf(placed.index, [placed.index.nodeIndex.get(failedNode)!]), { strictSpof: false, maxUtilAfterFailover: null, threshold: false });
  const headroom = result.vms
    .flatMap((v) => (v.state === 'restarted' ? [{ vm: v.vm, to: v.node }] : []))
    .sort((a, b) => compareBytes(a.vm, b.vm));
  const { scenario, vmOfSid } = haScenarioOf(placed, [failedNode], pve.crs);
  const replay = replayScenario(scenario);
  if (replay.status !== 'ok') throw new Error(`replay refused: ${JSON.stringify(replay)}`);
  const recoveries = replay.decisions.filter((d) => d.kind === 'recover');
  return {
    headroom,
    proxmox: recoveries.map((d) => ({ vm: vmOfSid.get(d.sid)!, to: d.to })),
    // A migration at start-up would mean the placement breaks a rule Proxmox enforces.
    otherDecisions: replay.decisions.filter((d) => d.kind !== 'recover').map((d) => `${d.kind} ${vmOfSid.get(d.sid)} ${d.from}->${d.to}`),
  };
}

describe('pve strategies agree with the replay engine', () => {
  const lab = loadScenario('test/fixtures/lab-proposed/lab.yaml');
  const cases = PVE.flatMap((pve) => ['node01', 'node02', 'node03', 'node04'].map((node) => ({ pve, node })));

  it.each(cases)('the lab, $node fails, $pve.strategy', ({ pve, node }) => {
    const { headroom, proxmox, otherDecisions } = bothEngines(lab, pve, node);
    expect(otherDecisions).toEqual([]);
    expect(proxmox).toEqual(headroom);
    expect(headroom.length).toBeGreaterThan(0);
  });

  it('generated small clusters, one node fails', () => {
    fc.assert(
      fc.property(smallCluster, fc.nat(), fc.constantFrom(...PVE), (cluster, pick, pve) => {
        const failed = cluster.nodes[pick % cluster.nodes.length]!.name;
        const { headroom, proxmox, otherDecisions } = bothEngines(cluster, pve, failed);
        expect(otherDecisions).toEqual([]);
        expect(proxmox).toEqual(headroom);
      }),
      { numRuns: 60, seed: 20260511 },
    );
  });
});

/** Names whose byte order differs from natural order (node10 < node2), to exercise the tie-break. */
const NODE_NAMES = ['node1', 'node2', 'node10', 'node3', 'node11'];

const smallCluster: fc.Arbitrary<Cluster> = fc.integer({ min: 3, max: NODE_NAMES.length }).chain((nodeCount) => {
  const names = NODE_NAMES.slice(0, nodeCount);
  const nodes = fc.tuple(
    ...names.map((name) =>
      fc.record({ threads: fc.constantFrom(4, 8, 16, 32), mem: fc.constantFrom(16, 32, 64, 128) }).map(
        ({ threads, mem }): NodeSpec => ({ name, cpuModel: 't', cpuThreads: threads, memGiB: mem, memReservedGiB: 0, gpus: 0, gpuModel: null, netGbps: 1, domains: {}, tags: [], votes: 1 }),
      ),
    ),
  );
  const vms = fc.integer({ min: 1, max: 12 }).chain((count) =>
    fc.tuple(
      ...Array.from({ length: count }, (_, i) =>
        fc.record({ vcpus: fc.integer({ min: 1, max: 8 }), mem: fc.constantFrom(1, 2, 4, 8, 16), ha: fc.constantFrom(true, true, true, false) }).map(
          ({ vcpus, mem, ha }): VmSpec => ({
            name: `vm${i}`, className: 'c', vcpus, memGiB: mem, diskGiB: 0, pool: 'shared', gpus: 0, gpuModel: null,
            antiAffinity: null, affinity: null, ha, haPriority: i % 3, currentNode: null, replication: null,
          }),
        ),
      ),
    ),
  );
  return fc.tuple(nodes, vms).chain(([nodeSpecs, vmSpecs]) => {
    const haVms = vmSpecs.filter((vm) => vm.ha).map((vm) => vm.name);
    const someVms = (min: number) => fc.subarray(haVms, { minLength: Math.min(min, haVms.length) });
    const rule: fc.Arbitrary<HaRule> = fc.oneof(
      fc.record({ resources: someVms(2), affinity: fc.constantFrom('positive' as const, 'negative' as const) }).map(({ resources, affinity }) => ({ type: 'resource-affinity' as const, id: '', resources, affinity, disabled: false })),
      fc.record({
        resources: someVms(1),
        nodes: fc.subarray(names, { minLength: 1 }).chain((listed) => fc.tuple(...listed.map((node) => fc.record({ node: fc.constant(node), priority: fc.integer({ min: 0, max: 2 }) })))),
        strict: fc.boolean(),
      }).map(({ resources, nodes, strict }) => ({ type: 'node-affinity' as const, id: '', resources, nodes, strict, disabled: false })),
    );
    return fc.array(rule, { maxLength: 3 }).map((rules): Cluster => ({
      name: 'generated',
      nodes: nodeSpecs,
      pools: [{ name: 'shared', kind: 'shared', media: 'zfs', capacityGiB: 1_000_000, servedBy: null, reachableFrom: names }],
      classes: [],
      vms: vmSpecs,
      policy: { threshold: { cpu: 0.85, memGiB: 0.85, diskGiB: 0.85, gpus: 1 }, cpuOvercommit: 4, memOvercommit: 1, strategy: 'pve-static', failover: 'n+1' },
      ha: { crs: null, rules: rules.filter((r) => r.resources.length > 0).map((r, i) => ({ ...r, id: `r${i + 1}` })), noFailback: [] },
    }));
  });
});
