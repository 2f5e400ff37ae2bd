import { describe, expect, it } from 'vitest';
import type { HaRule } from '../../../../src/engine/proxmox/types.js';
import type { HaSettings } from '../../../../src/engine/model/cluster.js';
import { haDifference } from '../../../../src/engine/policy/ha-difference.js';

const rule = (id: string, resources: string[], disabled = false): HaRule => ({ type: 'resource-affinity', id, resources, affinity: 'negative', disabled });
const settings = (crs: HaSettings['crs'], ...rules: HaRule[]): HaSettings => ({ crs, rules, noFailback: [] });

describe('haDifference', () => {
  it('lists rules by id: added, removed, disabled, enabled, and changed in what they bind', () => {
    const before = settings('static', rule('a', ['x', 'y']), rule('b', ['x', 'z']), rule('c', ['y', 'z'], true), rule('d', ['x', 'y', 'z']));
    // b disabled, c enabled, d trimmed to two members (a VM removed), a removed, e added.
    const after = settings('basic', rule('b', ['x', 'z'], true), rule('c', ['y', 'z']), rule('d', ['x', 'y']), rule('e', ['x', 'z']));
    expect(haDifference(before, after, [], [])).toEqual({
      crs: ['static', 'basic'],
      added: ['e'],
      removed: ['a'],
      disabled: ['b'],
      enabled: ['c'],
      changed: ['d'],
      newlyDropped: [],
    });
  });

  it('reports only the drops the change brought, and nothing for a cluster without HA settings', () => {
    const dropped = { id: 'a', reason: 'rule must specify at least two resources' };
    const old = { id: 'b', reason: 'rule defines more resources than available nodes' };
    expect(haDifference(undefined, undefined, [old], [old, dropped])).toEqual({ crs: [null, null], added: [], removed: [], disabled: [], enabled: [], changed: [], newlyDropped: [dropped] });
  });
});
