import { describe, expect, it } from 'vitest';
import { failureContext } from '../../../../../src/engine/failure/context.js';
import { runFailover } from '../../../../../src/engine/policy/failover.js';
import { scenarioOf } from '../../../../../src/engine/failure/scenarios.js';
import { planPlacement, strategyNamed, type PlacedCluster } from '../../../../../src/engine/placement/plan.js';
import { cluster, node, vm } from '../../../../support/builders.js';

const placements = (placed: PlacedCluster) => placed.result.placements;
const failNode = (placed: PlacedCluster, strategy: string, name: string) => runFailover(placed, strategy, scenarioOf(placed.index, [placed.index.nodeIndex.get(name)!]), { strictSpof: false, maxUtilAfterFailover: null, threshold: false });

describe('pve-static', () => {
  it('takes the TOPSIS winner over both nodes: a small, idle CPU beats spare memory', () => {
    // v (4 vCPU, 4 GiB) on a (4 threads, 64 GiB) or b (16 threads, 32 GiB), both empty.
    // Alternative "v on a": CPU loads (1, 0), memory loads (4/64, 0) = (0.0625, 0)
    //   [1 + rms, 1 + max, ...] = [1 + sqrt(1/2), 2, 1 + 0.0625/sqrt(2), 1.0625]
    //                           = [1.70711, 2, 1.04419, 1.0625]
    // Alternative "v on b": CPU (0, 0.25), memory (0, 0.125)
    //                           = [1.17678, 1.25, 1.08839, 1.125]
    // Columns divided by their norms (2.07341, 2.35850, 1.50829, 1.54743):
    //   a [0.82333, 0.84800, 0.69231, 0.68663], b [0.56755, 0.53000, 0.72160, 0.72700]
    // Weights 1:2:5:10 / 18; a is best on the memory columns, b on the CPU ones:
    //   d(a, best)  = sqrt((0.25578/18)^2 + (2 × 0.31800/18)^2)   = 0.038084
    //   d(a, worst) = sqrt((5 × 0.02930/18)^2 + (10 × 0.04037/18)^2) = 0.023857 (= d(b, best))
    //   closeness a = 0.023857 / 0.061941 = 0.38528, b = 0.61472: b.
    const placed = planPlacement(cluster().nodes(node('a').threads(4).memGiB(64), node('b').threads(16).memGiB(32)).vms(vm('v').vcpus(4).memGiB(4)).build(), 'pve-static');
    expect(placements(placed)).toEqual([{ vm: 'v', node: 'b' }]);
  });

  it('breaks a tie byte-wise, as Perl cmp does: node10 before node2', () => {
    const twins = cluster().nodes(node('node2'), node('node10')).vms(vm('v')).build();
    expect(placements(planPlacement(twins, 'pve-static'))).toEqual([{ vm: 'v', node: 'node10' }]);
    expect(placements(planPlacement(twins, 'pve-basic'))).toEqual([{ vm: 'v', node: 'node10' }]);
    // headroom's own strategies break ties in natural order.
    expect(placements(planPlacement(twins, 'first-fit'))).toEqual([{ vm: 'v', node: 'node2' }]);
  });
});

describe('pve-basic', () => {
  it("restarts where Proxmox would even if that overloads the node, and the verdict shows it", () => {
    // n1 fails with x (8 GiB). n2 runs one big VM (14 of 16 GiB), n3 two small ones (2 of 16).
    // basic counts guests: n2 has 1, n3 has 2, so x goes to n2: 14 + 8 = 22 GiB > 16.
    const c = cluster()
      .nodes(node('n1').memGiB(16), node('n2').memGiB(16), node('n3').memGiB(16))
      .vms(vm('x').memGiB(8).on('n1'), vm('big').memGiB(14).on('n2'), vm('s1').on('n3'), vm('s2').on('n3'))
      .build();
    const result = failNode(planPlacement(c, 'pve-basic'), 'pve-basic', 'n1');
    expect(result.vms.find((v) => v.vm === 'x')).toEqual({ vm: 'x', state: 'restarted', node: 'n2', from: 'n1' });
    expect(result.verdict).toMatchObject({ holds: false, breach: { vmsDown: [], nodesOverCapacity: ['n2'] } });
    // A capacity-checking strategy sends x to n3 instead.
    expect(failNode(planPlacement(c, 'balanced'), 'balanced', 'n1').vms.find((v) => v.vm === 'x')).toMatchObject({ node: 'n3' });
  });

  it('restarts in byte-wise name order, ignoring HA priority, as Proxmox recovers in sid order', () => {
    const c = cluster().nodes(node('n1'), node('n2')).vms(vm('b').priority(10).on('n1'), vm('a').priority(0).on('n1')).build();
    const rank = (strategy: string) => {
      const { restartRank } = failureContext(planPlacement(c, strategy).state, strategyNamed(strategy));
      return [restartRank[0], restartRank[1]];
    };
    expect(rank('pve-basic')).toEqual([1, 0]);
    expect(rank('first-fit')).toEqual([0, 1]);
  });
});

describe('HA rules as filters, for every strategy', () => {
  const nodes = [node('n1'), node('n2'), node('n3')];

  it('node priorities: only the top class among the up nodes, the next class when it fails', () => {
    const c = cluster()
      .nodes(...nodes)
      .vms(vm('v'))
      .build();
    const ruled = { ...c, ha: { crs: null, noFailback: [], rules: [{ type: 'node-affinity' as const, id: 'r', resources: ['v'], nodes: [{ node: 'n3', priority: 2 }, { node: 'n2', priority: 1 }], strict: false, disabled: false }] } };
    const placed = planPlacement(ruled, 'first-fit');
    expect(placements(placed)).toEqual([{ vm: 'v', node: 'n3' }]);
    expect(failNode(placed, 'first-fit', 'n3').vms[0]).toMatchObject({ state: 'restarted', node: 'n2' });
  });

  it('resource affinity: negative partners apart, positive partners together', () => {
    const c = cluster().nodes(...nodes).vms(vm('a'), vm('b'), vm('c'), vm('d')).build();
    const ruled = {
      ...c,
      ha: {
        crs: null,
        noFailback: [],
        rules: [
          { type: 'resource-affinity' as const, id: 'apart', resources: ['a', 'b'], affinity: 'negative' as const, disabled: false },
          { type: 'resource-affinity' as const, id: 'together', resources: ['c', 'd'], affinity: 'positive' as const, disabled: false },
        ],
      },
    };
    // first-fit would put all four on n1; b is kept from a, d follows c.
    expect(placements(planPlacement(ruled, 'first-fit'))).toEqual([
      { vm: 'a', node: 'n1' },
      { vm: 'b', node: 'n2' },
      { vm: 'c', node: 'n1' },
      { vm: 'd', node: 'n1' },
    ]);
  });
});
