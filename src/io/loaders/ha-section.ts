/**
 * The scenario's `ha:` section: the Proxmox cluster's CRS mode and HA rules, in the shape of
 * Proxmox VE 9's rules (`ha-manager rules`), with VM names as resources:
 *
 *   ha:
 *     crs: static                 # basic | static
 *     rules:
 *       - { type: resource-affinity, affinity: negative, resources: [k8s-worker1, k8s-worker2] }
 *       - { id: gpu-home, type: node-affinity, strict: true, nodes: [node04:2, node03], resources: [gpu1] }
 *
 * A rule names each VM and node once. Node entries take an optional priority (`node04:2`; none means 0, as in rules.cfg). A rule
 * without an id is `rule-N`, N its position in the list (Proxmox always names rules; this gives
 * change files an id to remove or disable it by). Every name must resolve: a node of the nodes
 * file, and an HA VM (Proxmox rules name HA resources only). Change files add rules with the
 * same reader (`readRules`), resolved against the cluster after their own additions and removals.
 * The first bad value throws an InputError with its line. Rules that are well formed but
 * infeasible stay in the model and are dropped when compiled, as Proxmox drops them.
 */
import type { Node as YamlNode, YAMLMap } from 'yaml';
import type { NodePriority, HaRule } from '../../engine/proxmox/types.js';
import type { Cluster, CrsMode, HaSettings } from '../../engine/model/cluster.js';
import { InputError } from '../../errors.js';
import { boolean, name, oneOf, type CellParser } from './cells.js';
import type { YamlFile } from './yaml-doc.js';

export const CRS_MODES: readonly CrsMode[] = ['basic', 'static'];
const RULE_TYPES = ['node-affinity', 'resource-affinity'] as const;
const RULE_KEYS = {
  'node-affinity': ['id', 'type', 'resources', 'nodes', 'strict', 'failback', 'disable'],
  'resource-affinity': ['id', 'type', 'resources', 'affinity', 'disable'],
} as const;

export function readHaMapping(yaml: YamlFile, node: YamlNode): YAMLMap<unknown, unknown> {
  return yaml.mapping(node, 'ha', ['crs', 'rules']);
}

export function readCrs(yaml: YamlFile, ha: YAMLMap<unknown, unknown> | undefined): CrsMode | null {
  return ha === undefined ? null : (yaml.scalar(ha, 'crs', 'ha.crs', oneOf(CRS_MODES)) ?? null);
}

export function readHaSection(yaml: YamlFile, ha: YAMLMap<unknown, unknown>, cluster: Pick<Cluster, 'nodes' | 'vms'>): HaSettings {
  const { rules, noFailback } = readRules(yaml, yaml.child(ha, 'rules'), cluster, SCENARIO_RULES);
  return { crs: readCrs(yaml, ha), rules, noFailback };
}

/** Where a list of rules sits and what its names resolve against, in the words of the messages. */
export interface RuleList {
  field: string;
  /** The id of a rule that states none, from its position (from 0); null when every rule must state one. */
  defaultId: ((position: number) => string) | null;
  /** Ids other rules already hold. */
  takenIds: ReadonlySet<string>;
  vmsFrom: string;
  nodesFrom: string;
}

/** Scenario rules without an id are `rule-1`, `rule-2`, ... by their position in `ha.rules`. */
const SCENARIO_RULES: RuleList = { field: 'ha.rules', defaultId: (i) => `rule-${i + 1}`, takenIds: new Set(), vmsFrom: 'in the vms file', nodesFrom: 'of the nodes file' };

/** A list of rules in the scenario's syntax; `cluster` holds the VMs and nodes their names must resolve to. */
export function readRules(yaml: YamlFile, rulesNode: YamlNode | undefined, cluster: Pick<Cluster, 'nodes' | 'vms'>, list: RuleList): { rules: HaRule[]; noFailback: string[] } {
  const entries = rulesNode === undefined ? [] : yaml.sequence(rulesNode, list.field, 'a list of rules (lines starting with "- ")');
  const ids = new Set(list.takenIds);
  const noFailback: string[] = [];
  const rules = entries.map((entry, i): HaRule => {
    const field = `${list.field}[${i}]`;
    const loose = yaml.mapping(entry, field, ['id', 'type', 'resources', 'nodes', 'strict', 'failback', 'affinity', 'disable']);
    const type = required(yaml, loose, 'type', `${field}.type`, oneOf(RULE_TYPES));
    const map = yaml.mapping(entry, field, RULE_KEYS[type]);
    const id = yaml.scalar(map, 'id', `${field}.id`, name) ?? list.defaultId?.(i);
    if (id === undefined) throw new InputError({ file: yaml.file, line: yaml.lineOf(entry), field: `${field}.id`, value: undefined, expected: 'an id for the rule, as Proxmox names every rule' });
    if (ids.has(id)) throw new InputError({ file: yaml.file, line: yaml.lineOf(yaml.child(map, 'id') ?? entry), field: `${field}.id`, value: id, expected: 'an id no other rule has' });
    ids.add(id);
    const resources = readResources(yaml, map, field, cluster, list.vmsFrom);
    const disabled = yaml.scalar(map, 'disable', `${field}.disable`, boolean) ?? false;
    if (type === 'resource-affinity') {
      return { type, id, resources, affinity: required(yaml, map, 'affinity', `${field}.affinity`, oneOf(['positive', 'negative'] as const)), disabled };
    }
    if (yaml.scalar(map, 'failback', `${field}.failback`, boolean) === false) noFailback.push(...resources);
    return { type, id, resources, nodes: readNodes(yaml, map, field, cluster, list.nodesFrom), strict: yaml.scalar(map, 'strict', `${field}.strict`, boolean) ?? false, disabled };
  });
  return { rules, noFailback };
}

function required<T>(yaml: YamlFile, map: YAMLMap<unknown, unknown>, key: string, field: string, parse: CellParser<T>): T {
  const value = yaml.scalar(map, key, field, parse);
  if (value !== undefined) return value;
  const hint = parse('');
  throw new InputError({ file: yaml.file, line: yaml.lineOf(map), field, value: undefined, expected: hint.ok ? 'a value' : hint.expected });
}

function readResources(yaml: YamlFile, map: YAMLMap<unknown, unknown>, field: string, cluster: Pick<Cluster, 'vms'>, vmsFrom: string): string[] {
  const ha = new Set(cluster.vms.filter((vm) => vm.ha).map((vm) => vm.name));
  const known = new Set(cluster.vms.map((vm) => vm.name));
  const entries = items(yaml, map, 'resources', `${field}.resources`, 'a list of VM names, e.g. [vm1, vm2]');
  return onceEach(yaml, entries, 'VM', entries.map(({ node, field: itemField }) => {
    const vm = yaml.item(node, itemField, name);
    if (!ha.has(vm)) {
      const expected = known.has(vm) ? `an HA-managed VM (${vm} has ha false; Proxmox rules name HA resources only)` : `the name of a VM ${vmsFrom}`;
      throw new InputError({ file: yaml.file, line: yaml.lineOf(node), field: itemField, value: vm, expected });
    }
    return vm;
  }), (vm) => vm);
}

/** `node04` or `node04:2`; Proxmox node names cannot contain ':'. */
const NODE_ENTRY = /^([A-Za-z0-9][A-Za-z0-9._-]*)(?::(\d+))?$/;

function readNodes(yaml: YamlFile, map: YAMLMap<unknown, unknown>, field: string, cluster: Pick<Cluster, 'nodes'>, nodesFrom: string): NodePriority[] {
  const known = new Set(cluster.nodes.map((node) => node.name));
  const expected = `a node ${nodesFrom}, optionally with a priority (node04 or node04:2)`;
  const entries = items(yaml, map, 'nodes', `${field}.nodes`, 'a list of nodes, e.g. [node04:2, node03]');
  return onceEach(yaml, entries, 'node', entries.map(({ node, field: itemField }) => {
    const raw = yaml.item(node, itemField, (text) => ({ ok: true, value: text }));
    const match = NODE_ENTRY.exec(raw);
    if (match === null || !known.has(match[1]!)) throw new InputError({ file: yaml.file, line: yaml.lineOf(node), field: itemField, value: raw, expected });
    return { node: match[1]!, priority: match[2] === undefined ? 0 : Number(match[2]) };
  }), (entry) => entry.node);
}

/** `values`, read from `entries`, unless two of them name the same VM or node (by `nameOf`). */
function onceEach<T>(yaml: YamlFile, entries: ReadonlyArray<{ node: YamlNode; field: string }>, what: string, values: T[], nameOf: (value: T) => string): T[] {
  const seen = new Set<string>();
  values.forEach((value, i) => {
    const named = nameOf(value);
    if (seen.has(named)) throw new InputError({ file: yaml.file, line: yaml.lineOf(entries[i]!.node), field: entries[i]!.field, value: named, expected: `a ${what} that no other entry of the rule names (${named} is given twice)` });
    seen.add(named);
  });
  return values;
}

function items(yaml: YamlFile, map: YAMLMap<unknown, unknown>, key: string, field: string, expected: string): Array<{ node: YamlNode; field: string }> {
  const node = yaml.child(map, key);
  if (node === undefined) throw new InputError({ file: yaml.file, line: yaml.lineOf(map), field, value: undefined, expected });
  return yaml.sequence(node, field, expected).map((item, j) => ({ node: item, field: `${field}[${j}]` }));
}
