import { describe, expect, it } from 'vitest';
import type { HaRule } from '../../../../src/engine/proxmox/types.js';
import { indexCluster } from '../../../../src/engine/model/cluster-index.js';
import type { Cluster } from '../../../../src/engine/model/cluster.js';
import { applyChange, NO_CHANGE, NO_HA_CHANGE, strategyAfterChange, type ClusterChange, type HaChange } from '../../../../src/engine/policy/change.js';
import { cluster, node, vm } from '../../../support/builders.js';

const apart: HaRule = { type: 'resource-affinity', id: 'web-apart', resources: ['web1', 'web2', 'web3'], affinity: 'negative', disabled: false };
const dbTogether: HaRule = { type: 'resource-affinity', id: 'db-together', resources: ['db1', 'db2'], affinity: 'positive', disabled: false };
const dbHome: HaRule = { type: 'node-affinity', id: 'db-home', resources: ['db1', 'db2'], nodes: [{ node: 'pve1', priority: 2 }, { node: 'pve2', priority: 0 }], strict: true, disabled: false };
const cacheHome: HaRule = { type: 'node-affinity', id: 'cache-home', resources: ['cache'], nodes: [{ node: 'pve3', priority: 0 }], strict: false, disabled: true };

/** Three nodes, six HA VMs, one rule of each kind (cache-home disabled); db1 and cache have failback off. */
function haCluster(): Cluster {
  const base = cluster()
    .nodes(node('pve1'), node('pve2'), node('pve3'))
    .vms(vm('web1'), vm('web2'), vm('web3'), vm('db1'), vm('db2'), vm('cache'))
    .build();
  return { ...base, ha: { crs: 'static', rules: [apart, dbTogether, dbHome, cacheHome], noFailback: ['db1', 'cache'] } };
}

const withHa = (ha: Partial<HaChange>, rest: Partial<ClusterChange> = {}): ClusterChange => ({ ...NO_CHANGE, ...rest, ha: { ...NO_HA_CHANGE, ...ha } });

describe('applyChange: HA rules', () => {
  it('removes, disables, enables and adds rules by id, keeping the scenario order and appending the added ones', () => {
    const added: HaRule = { type: 'resource-affinity', id: 'web-db-apart', resources: ['web1', 'db1'], affinity: 'negative', disabled: false };
    const after = applyChange(haCluster(), withHa({ removeRules: ['db-together'], disableRules: ['web-apart'], enableRules: ['cache-home'], addRules: [added], noFailback: ['web1'] }), new Map());
    expect(after.ha).toEqual({
      crs: 'static',
      rules: [{ ...apart, disabled: true }, dbHome, { ...cacheHome, disabled: false }, added],
      noFailback: ['db1', 'cache', 'web1'],
    });
  });

  it("removing VMs purges them from the rules as Proxmox's resource delete does: a rule left empty goes, one member is kept for the compiler to drop", () => {
    // db1 and db2 were db-together's and db-home's only resources: both rules go. web-apart keeps
    // web3 alone, which Proxmox keeps configured and drops when compiling (fewer than two resources).
    const after = applyChange(haCluster(), { ...NO_CHANGE, removeVms: ['web1', 'web2', 'db1', 'db2'] }, new Map());
    expect(after.ha!.rules).toEqual([{ ...apart, resources: ['web3'] }, cacheHome]);
    expect(after.ha!.noFailback).toEqual(['cache']);
    expect(indexCluster(after).ha.rules!.dropped).toEqual([{ id: 'web-apart', reason: 'rule must specify at least two resources' }]);
  });

  it('a VM that stops being HA-managed leaves the rules like a removed one (it is no HA resource any more)', () => {
    const after = applyChange(haCluster(), { ...NO_CHANGE, updateVms: [{ name: 'web2', patch: { ha: false } }] }, new Map());
    expect(after.ha!.rules[0]).toEqual({ ...apart, resources: ['web1', 'web3'] });
  });

  it('removing a node drops it from the node-affinity rules; a strict rule left with no node places its VMs nowhere', () => {
    const once = applyChange(haCluster(), { ...NO_CHANGE, removeNodes: ['pve1'] }, new Map());
    expect(once.ha!.rules.find((rule) => rule.id === 'db-home')).toEqual({ ...dbHome, nodes: [{ node: 'pve2', priority: 0 }] });
    const twice = applyChange(once, { ...NO_CHANGE, removeNodes: ['pve2'] }, new Map());
    expect(twice.ha!.rules.find((rule) => rule.id === 'db-home')).toEqual({ ...dbHome, nodes: [] });
    expect(indexCluster(twice).ha.strictNodes[3]).toEqual([]);
  });

  it('changes the CRS mode, and gives a cluster without an ha section one only when the change states HA settings', () => {
    expect(applyChange(haCluster(), withHa({ crs: 'basic' }), new Map()).ha!.crs).toBe('basic');
    const plain = cluster().nodes(node('pve1')).vms(vm('web1')).build();
    expect(applyChange(plain, NO_CHANGE, new Map())).not.toHaveProperty('ha');
    expect(applyChange(plain, withHa({ crs: 'basic' }), new Map()).ha).toEqual({ crs: 'basic', rules: [], noFailback: [] });
  });

  it('leaves the input cluster as it was', () => {
    const input = haCluster();
    const copy = structuredClone(input);
    applyChange(input, withHa({ removeRules: ['web-apart'], disableRules: ['db-home'], crs: 'basic' }, { removeVms: ['db1'], removeNodes: ['pve1'] }), new Map());
    expect(input).toEqual(copy);
  });
});

describe('strategyAfterChange', () => {
  const cases: Array<[string, string, HaChange['crs'], string]> = [
    ['a Proxmox strategy follows a new CRS mode', 'pve-static', 'basic', 'pve-basic'],
    ["headroom's own strategy does not", 'balanced', 'basic', 'balanced'],
    ['no new mode keeps the strategy', 'pve-static', null, 'pve-static'],
  ];
  it.each(cases)('%s', (_, strategy, crs, expected) => {
    expect(strategyAfterChange(strategy, withHa({ crs }))).toBe(expected);
  });
});
