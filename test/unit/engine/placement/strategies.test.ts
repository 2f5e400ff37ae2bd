import { describe, expect, it } from 'vitest';
import { planPlacement } from '../../../../src/engine/placement/plan.js';
import { STRATEGY_NAMES } from '../../../../src/engine/placement/strategies/index.js';
import { cluster, node, vm } from '../../../support/builders.js';

/**
 * Three nodes, memory only (CPU is ample: 64 threads each).
 *   a: 10 GiB, b: 16 GiB, c: 12 GiB
 * VMs in input order: v1 4 GiB, v2 8 GiB, v3 6 GiB.
 * Sizes for the decreasing order: v2 (8) > v3 (6) > v1 (4).
 */
const lab = cluster()
  .nodes(node('a').threads(64).memGiB(10), node('b').threads(64).memGiB(16), node('c').threads(64).memGiB(12))
  .vms(vm('v1').vcpus(1).memGiB(4), vm('v2').vcpus(1).memGiB(8), vm('v3').vcpus(1).memGiB(6))
  .build();

const placementOf = (strategy: string): Record<string, string> =>
  Object.fromEntries(planPlacement(lab, strategy).result.placements.map((p) => [p.vm, p.node]));

describe('placement strategies, worked by hand', () => {
  it('first-fit: input order, first node by name', () => {
    // v1 4 → a (6 left). v2 8 → a? 8 > 6 no; b (16) yes → b 8 left. v3 6 → a (6 left) yes → a.
    expect(placementOf('first-fit')).toEqual({ v1: 'a', v2: 'b', v3: 'a' });
  });

  it('ffd: largest first, first node by name', () => {
    // v2 8 → a (2 left). v3 6 → a no; b → b (10 left). v1 4 → a no (2); b → b.
    expect(placementOf('ffd')).toEqual({ v2: 'a', v3: 'b', v1: 'b' });
  });

  it('best-fit: largest first, node left fullest (mean of CPU and memory load)', () => {
    // CPU load is 1/64 on any node for the first VM, so memory decides.
    // v2 8: mem after a 8/10=.8, b 8/16=.5, c 8/12=.667 → a.
    // v3 6: a cannot (2 free); b 6/16=.375, c 6/12=.5 → c.
    // v1 4: a cannot; b 4/16=.25; c (6+4)/12=.833 → c (cpu 2/64 on c vs 1/64 on b also favours c).
    expect(placementOf('best-fit')).toEqual({ v2: 'a', v3: 'c', v1: 'c' });
  });

  it('worst-fit: largest first, node left emptiest', () => {
    // v2 8: a .8, b .5, c .667 → b (8 left of 16).
    // v3 6: a .6, b 14/16=.875, c .5 → c.
    // v1 4: a .4, b 12/16=.75, c 10/12=.833 → a.
    expect(placementOf('worst-fit')).toEqual({ v2: 'b', v3: 'c', v1: 'a' });
  });

  it('balanced: largest first, lowest resulting bottleneck (here memory)', () => {
    // Same loads as worst-fit with the max instead of the mean; memory is always the max.
    // v2 → b (.5), v3 → c (.5 vs a .6, b .875), v1 → a (.4 vs b .75, c .833).
    expect(placementOf('balanced')).toEqual({ v2: 'b', v3: 'c', v1: 'a' });
  });

  it('dot-product: largest first, demand best aligned with free room', () => {
    // weights: cpu 3/192, mem 18/38. score = Σ w·(req/cap)·(free/cap).
    // v2 (1 vCPU, 8 GiB): mem term a 18/38·.8·1, b 18/38·.5·1, c 18/38·.667·1 → a (cpu terms equal).
    // v3 (6 GiB): a cannot (2 free); b 18/38·(6/16)·(16/16)=.178, c 18/38·(6/12)·1=.237 → c.
    // v1 (4 GiB): a cannot; b 18/38·(4/16)·1=.118, c 18/38·(4/12)·(6/12)=.079 → b.
    expect(placementOf('dot-product')).toEqual({ v2: 'a', v3: 'c', v1: 'b' });
  });

  it('every strategy is in the registry and places all three', () => {
    for (const name of STRATEGY_NAMES) expect(planPlacement(lab, name).result.unplaced).toEqual([]);
  });

  it('does not fit is a result with every node\'s reasons', () => {
    const full = cluster().nodes(node('a').memGiB(4), node('b').memGiB(4)).vms(vm('big').memGiB(6)).build();
    const { result } = planPlacement(full, 'ffd');
    expect(result.placements).toEqual([]);
    expect(result.unplaced).toEqual([
      {
        vm: 'big',
        reasons: [
          { node: 'a', reasons: [{ code: 'insufficient', resource: 'memGiB', requested: 6, free: 4, capacity: 4 }] },
          { node: 'b', reasons: [{ code: 'insufficient', resource: 'memGiB', requested: 6, free: 4, capacity: 4 }] },
        ],
      },
    ]);
  });
});
