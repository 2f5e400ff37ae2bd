import { describe, expect, it } from 'vitest';
import { cheapestNodeAddition } from '../../../../src/engine/policy/node-remedy.js';
import type { PolicyOptions } from '../../../../src/engine/policy/failover-policy.js';
import { cluster, node, vm } from '../../../support/builders.js';

const nPlusOne: PolicyOptions = { scenarios: 'n+1', strictSpof: false, maxUtilAfterFailover: null, threshold: false };

describe('the fewest added nodes that repair the policy', () => {
  // a1, a2: 16 GiB; b: 40 GiB. HA VMs x 14 on a1, y 14 on a2, z 30 on b. Free: a1 2, a2 2, b 10.
  // Today: b failing leaves z (30) no room; a1 failing leaves x (14) none either (2 and 10 free).
  const broken = cluster()
    .nodes(node('a1').memGiB(16), node('a2').memGiB(16), node('b').memGiB(40))
    .vms(vm('x').memGiB(14).on('a1'), vm('y').memGiB(14).on('a2'), vm('z').memGiB(30).on('b'))
    .build();

  it('skips a model too small for the largest restart and takes the next one', () => {
    // One empty 16 GiB copy of a1 cannot take z (30) when b fails: a1's model fails first.
    // One empty 40 GiB copy of b (added-1) takes z when b fails and x or y (14) when a1 or a2
    // fails; failing added-1 stops nothing. So: one node like b, after two candidates checked.
    const { remedy, checked } = cheapestNodeAddition(broken, 'first-fit', nPlusOne);
    expect({ like: remedy?.like, added: remedy?.added, checked }).toEqual({ like: 'b', added: ['added-1'], checked: 2 });
    expect(remedy!.cluster.nodes.map((n) => n.name)).toEqual(['a1', 'a2', 'b', 'added-1']);
  });

  it('says so when no addition of up to three nodes helps', () => {
    // w (30 GiB, HA) is pinned strictly to a1 and b and runs on b. When b fails, a1 (16 GiB) is
    // the only node its rule allows: no-capacity, a breach whatever is added, since the rule
    // names no new node. a1 and a2 are one model, b another: 3 counts x 2 models checked.
    const pinned = cluster()
      .nodes(node('a1').memGiB(16), node('a2').memGiB(16), node('b').memGiB(64))
      .vms(vm('w').memGiB(30).pin('a1', 'b').on('b'))
      .build();
    expect(cheapestNodeAddition(pinned, 'first-fit', nPlusOne)).toEqual({ remedy: null, checked: 6 });
  });
});
