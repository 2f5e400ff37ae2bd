/**
 * Reads a change file (YAML) for `check`, resolving every name against the cluster so that a
 * wrong one is reported with its line: removing a node or VM that does not exist, adding a VM
 * of an unknown class, resizing below what a node runs while saying it must keep running.
 *
 *   add:    { classes: [{ name, vcpus, memGiB, diskGiB, pool, description?, <vm fields> }],
 *             vms: [{ class, count?, name?, <vm fields> }], nodes: [{ name, like, <node fields> }] }
 *   remove: { vms: [name], classes: [name], nodes: [name] }
 *   resize: { nodes: [{ name, cpuThreads?, memGiB?, memReservedGiB?, gpus?, keepRunning? }] }
 *   update: { vms: [{ name, <vm fields> }] }
 *   policy: { threshold? (one number, or { cpu?, memGiB?, diskGiB?, gpus? }), cpuOvercommit?, memOvercommit?, failover? }
 *   ha:     { crs?, add: [<rule as in the scenario's ha.rules, id required>], remove: [id], disable: [id], enable: [id] }
 *
 * Added rules name VMs and nodes of the cluster after the file's own additions and removals (a
 * rule may name a VM the file adds). remove, disable and enable name the scenario's rules by id
 * (`rule-N` for one the scenario leaves unnamed, N its position), each rule at most once.
 *
 * Each list names a thing once (change-claims.ts): no VM removed twice (by name or by its class),
 * no two added nodes, classes or VMs of one name, no node resized or VM updated by two entries or
 * after this file removes it. Added VMs without a name are `<class>-new-N` after every name taken
 * (vm-names.ts). Nodes it adds or resizes keep memory for VMs (memReservedGiB < memGiB).
 */
import { isMap, isSeq, isScalar, type Node as YamlNode, type YAMLMap } from 'yaml';
import type { Cluster, Policy, VmClass, VmRequirements, VmSpec } from '../../engine/model/cluster.js';
import { applyChange, NO_CHANGE, nodeLike, type ClusterChange, type HaChange } from '../../engine/policy/change.js';
import type { PlacementResult } from '../../engine/placement/plan.js';
import { vmClassOf, vmOfClass } from '../../engine/model/vm-of-class.js';
import { InputError } from '../../errors.js';
import { boolean, name as nameCell, number, oneOf, text } from './cells.js';
import { readTextFile } from './csv-table.js';
import { readCrs, readRules } from './ha-section.js';
import { FAILOVER_POLICIES, readThreshold } from './scenario.js';
import { NODE_COLUMNS, reservationIssue, VM_COLUMNS } from './tables.js';
import { MAX_ADDED_VMS, VmNames } from './vm-names.js';
import { EntryClaims, ONCE_IN, type Scope } from './change-claims.js';
import { YamlFile } from './yaml-doc.js';
import { cpuCapacity, memCapacity } from '../../engine/model/node-capacity.js';

const VM_FIELDS = ['vcpus', 'memGiB', 'diskGiB', 'pool', 'gpus', 'gpuModel', 'antiAffinity', 'affinity', 'affinityMode', 'ha', 'haPriority'] as const;
const NODE_FIELDS = ['cpuThreads', 'memGiB', 'memReservedGiB', 'gpus'] as const;
const CLEARABLE_FIELDS = ['antiAffinity', 'gpuModel', 'affinity'] as const;

/** A resize that must keep the node's VMs running, remembered with its line for checkKeepRunning. */
export interface KeepRunning {
  node: string;
  line: number | undefined;
}

export interface LoadedChange {
  change: ClusterChange;
  keepRunning: KeepRunning[];
  file: string;
}

export function loadChange(file: string, cluster: Cluster): LoadedChange {
  const yaml = new YamlFile(file, readTextFile(file, 'change'));
  const top = yaml.mapping(yaml.root, 'change', ['add', 'remove', 'resize', 'update', 'policy', 'ha']);
  const section = (key: string, keys: readonly string[]) => {
    const node = yaml.child(top, key);
    return node === undefined ? null : yaml.mapping(node, key, keys);
  };
  const add = section('add', ['classes', 'vms', 'nodes']);
  // New classes first, so that the VMs this file adds may be of them.
  const classReader = new ChangeReader(yaml, cluster);
  const addClasses = add ? classReader.items(add, 'classes', 'add.classes').map(([entry, field]) => classReader.addClass(entry, field)) : [];
  const reader = new ChangeReader(yaml, { ...cluster, classes: [...cluster.classes, ...addClasses] });
  const remove = section('remove', ['vms', 'classes', 'nodes']);
  const resize = section('resize', ['nodes']);
  const update = section('update', ['vms']);
  const policy = yaml.child(top, 'policy');
  const keepRunning: KeepRunning[] = [];
  const change: ClusterChange = {
    ...NO_CHANGE,
    addClasses,
    addVms: add ? reader.items(add, 'vms', 'add.vms').flatMap(([entry, field]) => reader.addVms(entry, field)) : [],
    addNodes: add ? reader.items(add, 'nodes', 'add.nodes').map(([entry, field]) => reader.addNode(entry, field)) : [],
    removeVms: remove ? reader.removedVms(remove) : [],
    removeNodes: remove ? reader.names(remove, 'nodes', 'remove.nodes', 'node', 'remove-node') : [],
    resizeNodes: resize
      ? reader.items(resize, 'nodes', 'resize.nodes').map(([entry, field]) => {
          const map = yaml.mapping(entry, field, ['name', ...NODE_FIELDS, 'keepRunning']);
          const name = reader.named(map, `${field}.name`, 'node', 'resize-node');
          if (yaml.scalar(map, 'keepRunning', `${field}.keepRunning`, boolean)) keepRunning.push({ node: name, line: yaml.lineOf(entry) });
          const patch = reader.changing(map, field, reader.fields(map, field, NODE_FIELDS, NODE_COLUMNS), NODE_FIELDS);
          reader.checkReservation(map, field, { ...cluster.nodes.find((n) => n.name === name)!, ...patch });
          return { name, patch };
        })
      : [],
    updateVms: update
      ? reader.items(update, 'vms', 'update.vms').map(([entry, field]) => {
          const map = yaml.mapping(entry, field, ['name', ...VM_FIELDS]);
          const name = reader.named(map, `${field}.name`, 'vm', 'update-vm');
          return { name, patch: reader.changing(map, field, reader.vmFields(map, field), VM_FIELDS) };
        })
      : [],
    policy: policy === undefined ? {} : reader.policy(policy),
  };
  const ha = yaml.child(top, 'ha');
  // Rules resolve against the cluster as the rest of this file leaves it; where VMs run does not matter to names.
  return { change: ha === undefined ? change : { ...change, ha: reader.ha(ha, applyChange(cluster, change, new Map())) }, keepRunning, file };
}

/** Rejects a resize marked keepRunning whose node can no longer hold the VMs it runs. */
export function checkKeepRunning(loaded: LoadedChange, cluster: Cluster, before: PlacementResult): void {
  for (const { node, line } of loaded.keepRunning) {
    const spec = cluster.nodes.find((n) => n.name === node)!;
    const patch = loaded.change.resizeNodes.find((r) => r.name === node)!.patch;
    const resized = { ...spec, ...patch };
    const running = before.placements.filter((p) => p.node === node).map((p) => before.vms.find((vm) => vm.name === p.vm)!);
    const vcpus = running.reduce((sum, vm) => sum + vm.vcpus, 0);
    const memGiB = running.reduce((sum, vm) => sum + vm.memGiB, 0);
    const gpus = running.reduce((sum, vm) => sum + vm.gpus, 0);
    const cpuCap = cpuCapacity(resized, cluster.policy);
    const memCap = memCapacity(resized, cluster.policy);
    const short: Array<[string, number, string]> = [];
    if (vcpus > cpuCap) short.push(['cpuThreads', resized.cpuThreads, `at least ${Math.ceil(vcpus / cluster.policy.cpuOvercommit)} threads: ${node} runs ${vcpus} vCPUs at ${cluster.policy.cpuOvercommit} per thread`]);
    if (memGiB > memCap) short.push(['memGiB', resized.memGiB, `at least ${memGiB / cluster.policy.memOvercommit + resized.memReservedGiB} GiB: ${node} runs ${memGiB} GiB of VMs (keepRunning)`]);
    if (gpus > resized.gpus) short.push(['gpus', resized.gpus, `at least ${gpus} GPUs: ${node} runs VMs using ${gpus}`]);
    if (short.length > 0) {
      const [field, value, expected] = short[0]!;
      throw new InputError({ file: loaded.file, line, field: `resize.nodes[${node}].${field}`, value, expected });
    }
  }
}

type Kind = 'vm' | 'node' | 'class' | 'rule';

/** What a change may name, by kind: the scenario's names (rules by id). */
const NAMES_OF: Record<Kind, (cluster: Cluster) => string[]> = {
  vm: (cluster) => cluster.vms.map((vm) => vm.name),
  node: (cluster) => cluster.nodes.map((node) => node.name),
  class: (cluster) => cluster.classes.map((vmClass) => vmClass.name),
  rule: (cluster) => (cluster.ha?.rules ?? []).map((rule) => rule.id),
};

class ChangeReader {
  private readonly vmNames: VmNames;
  private readonly claims = new EntryClaims();

  constructor(
    private readonly yaml: YamlFile,
    private readonly cluster: Cluster,
  ) {
    this.vmNames = new VmNames(cluster.vms.map((vm) => vm.name));
  }

  items(map: YAMLMap<unknown, unknown>, key: string, field: string): Array<[YamlNode, string]> {
    const node = this.yaml.child(map, key);
    if (node === undefined) return [];
    if (!isSeq(node)) throw this.error(node, field, 'a list (lines starting with "- ")');
    return node.items.map((item, i) => [item as YamlNode, `${field}[${i}]`]);
  }

  /** A list of names of one kind, each named once in `scope`. */
  names(map: YAMLMap<unknown, unknown>, key: string, field: string, kind: Kind, scope: Scope): string[] {
    return this.items(map, key, field).map(([item, itemField]) => {
      if (!isScalar(item)) throw this.error(item, itemField, kind === 'rule' ? 'a rule id' : `a ${kind} name`);
      return this.once(scope, item, itemField, this.check(item, itemField, String(item.value), kind));
    });
  }

  /** remove.vms, then the VMs of the classes in remove.classes: no VM removed twice. */
  removedVms(remove: YAMLMap<unknown, unknown>): string[] {
    const named = this.names(remove, 'vms', 'remove.vms', 'vm', 'remove-vm');
    const classItems = this.items(remove, 'classes', 'remove.classes');
    const ofClasses = this.names(remove, 'classes', 'remove.classes', 'class', 'remove-class').flatMap((className, i) => {
      const [item, itemField] = classItems[i]!;
      return this.cluster.vms.filter((vm) => vm.className === className).map((vm) => {
        const earlier = this.claims.claim('remove-vm', vm.name, itemField);
        if (earlier !== undefined) throw this.error(item, itemField, `a class none of whose VMs another entry removes (${earlier} removes ${vm.name})`, className);
        return vm.name;
      });
    });
    return [...named, ...ofClasses];
  }

  /** The node (or VM) an entry of resize.nodes (or update.vms) names: known, not removed, named once. */
  named(map: YAMLMap<unknown, unknown>, field: string, kind: 'node' | 'vm', scope: Scope): string {
    const name = this.known(map, field, kind);
    const node = this.yaml.child(map, 'name')!;
    const removedBy = this.claims.earlier(kind === 'node' ? 'remove-node' : 'remove-vm', name);
    if (removedBy !== undefined) throw this.error(node, field, `a ${kind === 'vm' ? 'VM' : kind} that this change does not remove (${removedBy} removes ${name})`, name);
    return this.once(scope, node, field, name);
  }

  known(map: YAMLMap<unknown, unknown>, field: string, kind: Kind): string {
    const key = field.slice(field.lastIndexOf('.') + 1);
    const value = this.yaml.scalar(map, key, field, nameCell);
    if (value === undefined) throw this.error(map, field, `the ${kind} to change`);
    return this.check(this.yaml.child(map, key)!, field, value, kind);
  }

  addClass(entry: YamlNode, field: string): VmClass {
    const map = this.yaml.mapping(entry, field, ['name', 'description', ...VM_FIELDS]);
    const name = this.yaml.scalar(map, 'name', `${field}.name`, nameCell);
    if (name === undefined || this.cluster.classes.some((c) => c.name === name)) throw this.error(this.yaml.child(map, 'name') ?? map, `${field}.name`, 'a name no class has yet');
    this.once('add-class', this.yaml.child(map, 'name')!, `${field}.name`, name);
    const { vcpus, memGiB, diskGiB, pool, ...rest } = this.vmFields(map, field);
    if (vcpus === undefined || memGiB === undefined || diskGiB === undefined || pool === undefined) {
      const missing = vcpus === undefined ? 'vcpus' : memGiB === undefined ? 'memGiB' : diskGiB === undefined ? 'diskGiB' : 'pool';
      throw this.error(map, `${field}.${missing}`, 'a value: a new class needs vcpus, memGiB, diskGiB and pool', '(missing)');
    }
    return vmClassOf(name, this.yaml.scalar(map, 'description', `${field}.description`, text) ?? '', { ...rest, vcpus, memGiB, diskGiB, pool });
  }

  addVms(entry: YamlNode, field: string): VmSpec[] {
    const map = this.yaml.mapping(entry, field, ['class', 'count', 'name', ...VM_FIELDS]);
    const className = this.known(map, `${field}.class`, 'class');
    const vmClass = this.cluster.classes.find((c) => c.name === className)!;
    const count = this.yaml.scalar(map, 'count', `${field}.count`, number({ integer: true, minExclusive: 0, max: MAX_ADDED_VMS })) ?? 1;
    const name = this.yaml.scalar(map, 'name', `${field}.name`, nameCell);
    if (name !== undefined && count > 1) throw this.error(map, `${field}.name`, 'no name with a count above 1 (the VMs are named <class>-new-N)');
    if (name !== undefined && !this.vmNames.claim(name)) throw this.error(this.yaml.child(map, 'name')!, `${field}.name`, 'a name no VM has yet, in the scenario or added by this change');
    const patch = this.vmFields(map, field);
    return Array.from({ length: count }, () => vmOfClass(vmClass, name ?? this.vmNames.fresh(className), patch));
  }

  addNode(entry: YamlNode, field: string): ClusterChange['addNodes'][number] {
    const map = this.yaml.mapping(entry, field, ['name', 'like', ...NODE_FIELDS]);
    const name = this.yaml.scalar(map, 'name', `${field}.name`, nameCell);
    if (name === undefined || this.cluster.nodes.some((n) => n.name === name)) throw this.error(this.yaml.child(map, 'name') ?? map, `${field}.name`, 'a name no node has yet');
    this.once('add-node', this.yaml.child(map, 'name')!, `${field}.name`, name);
    const like = this.known(map, `${field}.like`, 'node');
    const model = this.cluster.nodes.find((n) => n.name === like)!;
    const node = { ...model, ...this.fields(map, field, NODE_FIELDS, NODE_COLUMNS), name };
    this.checkReservation(map, field, node);
    return nodeLike(this.cluster, model, node);
  }

  /** The patch of a resize or update, which must change something: an entry with a name alone is a mistake. */
  changing<P extends object>(map: YAMLMap<unknown, unknown>, field: string, patch: P, keys: readonly string[]): P {
    if (Object.keys(patch).length === 0) throw this.error(map, field, `an entry that sets at least one of ${keys.join(', ')}`);
    return patch;
  }

  /** A node the entry at `map` adds or resizes must keep memory for VMs; blames the field the entry sets. */
  checkReservation(map: YAMLMap<unknown, unknown>, field: string, node: { memGiB: number; memReservedGiB: number }): void {
    const issue = reservationIssue(node, this.yaml.child(map, 'memReservedGiB') === undefined ? 'memGiB' : 'memReservedGiB');
    if (issue !== null) throw this.error(this.yaml.child(map, issue.field) ?? map, `${field}.${issue.field}`, issue.expected, issue.value);
  }

  vmFields(map: YAMLMap<unknown, unknown>, field: string): Partial<VmRequirements> {
    // `null` (or `~`) clears a rule the class or the CSV set: no group, any GPU model, no affinity.
    const cleared = CLEARABLE_FIELDS.filter((key) => {
      const node = this.yaml.child(map, key);
      return isScalar(node) && node.value === null;
    });
    const given = VM_FIELDS.filter((key) => !(cleared as readonly string[]).includes(key));
    const raw = this.fields(map, field, given, VM_COLUMNS) as Partial<Record<(typeof VM_FIELDS)[number], unknown>>;
    const { affinity, affinityMode, ...rest } = raw;
    const patch = rest as Partial<VmRequirements>;
    for (const key of cleared) patch[key] = null;
    if (affinity !== undefined) patch.affinity = { nodes: affinity as string[], strict: (affinityMode ?? 'strict') === 'strict' };
    if (patch.pool !== undefined && !this.cluster.pools.some((p) => p.name === patch.pool)) throw this.error(this.yaml.child(map, 'pool')!, `${field}.pool`, `a pool from the storage file (${this.cluster.pools.map((p) => p.name).join(', ')})`);
    return patch;
  }

  fields<K extends string>(map: YAMLMap<unknown, unknown>, field: string, keys: readonly K[], columns: Record<string, { parse: (raw: string) => unknown }>): Partial<Record<K, never>> {
    const patch: Record<string, unknown> = {};
    for (const key of keys) {
      const value = this.yaml.scalar(map, key, `${field}.${key}`, columns[key]!.parse as never);
      if (value !== undefined) patch[key] = value;
    }
    return patch as Partial<Record<K, never>>;
  }

  policy(node: YamlNode): Partial<Policy> {
    const map = this.yaml.mapping(node, 'policy', ['threshold', 'cpuOvercommit', 'memOvercommit', 'failover']);
    const patch: Partial<Policy> = {};
    if (this.yaml.child(map, 'threshold') !== undefined) patch.threshold = readThreshold(this.yaml, map, this.cluster.policy.threshold);
    const cpuOvercommit = this.yaml.scalar(map, 'cpuOvercommit', 'policy.cpuOvercommit', number({ minExclusive: 0 }));
    if (cpuOvercommit !== undefined) patch.cpuOvercommit = cpuOvercommit;
    const memOvercommit = this.yaml.scalar(map, 'memOvercommit', 'policy.memOvercommit', number({ min: 1 }));
    if (memOvercommit !== undefined) patch.memOvercommit = memOvercommit;
    const failover = this.yaml.scalar(map, 'failover', 'policy.failover', oneOf(FAILOVER_POLICIES));
    if (failover !== undefined) patch.failover = failover;
    return patch;
  }

  /** `after`: the cluster with the rest of the file applied, which added rules name. */
  ha(node: YamlNode, after: Cluster): HaChange {
    const map = this.yaml.mapping(node, 'ha', ['crs', 'add', 'remove', 'disable', 'enable']);
    const removeRules = this.names(map, 'remove', 'ha.remove', 'rule', 'rule');
    const kept = NAMES_OF.rule(this.cluster).filter((id) => !removeRules.includes(id));
    const changedBy = 'the scenario or added by this change, and not removed by it';
    const added = readRules(this.yaml, this.yaml.child(map, 'add'), after, { field: 'ha.add', defaultId: null, takenIds: new Set(kept), vmsFrom: `in ${changedBy}`, nodesFrom: `of ${changedBy}` });
    return {
      crs: readCrs(this.yaml, map),
      addRules: added.rules,
      noFailback: added.noFailback,
      removeRules,
      disableRules: this.names(map, 'disable', 'ha.disable', 'rule', 'rule'),
      enableRules: this.names(map, 'enable', 'ha.enable', 'rule', 'rule'),
    };
  }

  private check(node: YamlNode, field: string, value: string, kind: Kind): string {
    const known = NAMES_OF[kind](this.cluster);
    const what = kind === 'rule' ? 'the id of a rule' : `the name of a ${kind}`;
    if (!known.includes(value)) throw this.error(node, field, `${what} in the scenario (${known.length > 0 ? known.join(', ') : 'it has none'})`, value);
    if (kind === 'node' && field.startsWith('remove.')) {
      const served = this.cluster.pools.find((p) => p.kind === 'shared' && p.servedBy === value);
      if (served) throw this.error(node, field, `a node that serves no shared pool (${value} serves ${served.name}; move the pool first)`, value);
    }
    return value;
  }

  /** `name`, unless an earlier entry named it in `scope` too. */
  private once(scope: Scope, node: YamlNode, field: string, name: string): string {
    const earlier = this.claims.claim(scope, name, field);
    if (earlier !== undefined) throw this.error(node, field, `${ONCE_IN[scope]} (${earlier} names ${name} already)`, name);
    return name;
  }

  private error(node: YamlNode, field: string, expected: string, value?: unknown): InputError {
    const shown = value ?? (isScalar(node) ? node.value : isMap(node) || isSeq(node) ? node.toString().trim() : undefined);
    return new InputError({ file: this.yaml.file, line: this.yaml.lineOf(node), field, value: shown, expected });
  }
}
