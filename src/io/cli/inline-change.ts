/**
 * The change flags of `check` (`--add k8s-worker:3 --remove-node node02 ...`) as a ClusterChange.
 * A flag may not repeat what another flag or the change file already does: a second node06, a
 * node or VM removed twice is an input error, not a change applied twice.
 */
import type { Cluster } from '../../engine/model/cluster.js';
import { NO_CHANGE, nodeLike, type ClusterChange } from '../../engine/policy/change.js';
import { vmOfClass } from '../../engine/model/vm-of-class.js';
import { InputError } from '../../errors.js';
import { MAX_ADDED_VMS, VmNames } from '../loaders/vm-names.js';

export interface InlineChangeFlags {
  add?: string[];
  'remove-vm'?: string[];
  'remove-node'?: string[];
  'add-node'?: string[];
}

/** `fromFile`: the change file's change, whose names the flags must not repeat. */
export function inlineChange(cluster: Cluster, flags: InlineChangeFlags, fromFile: ClusterChange = NO_CHANGE): ClusterChange {
  const fail = (field: string, value: string, expected: string): never => {
    throw new InputError({ file: 'command line', field, value, expected });
  };
  const nodeNames = cluster.nodes.map((n) => n.name);
  const vmNames = new VmNames([...cluster.vms.map((vm) => vm.name), ...fromFile.addVms.map((vm) => vm.name)]);
  const addVms = (flags.add ?? []).flatMap((entry) => {
    const [className = '', countText = '1', ...rest] = entry.split(':');
    if (rest.length > 0) fail('--add', entry, 'class[:count], e.g. infra-small:3');
    const vmClass = cluster.classes.find((c) => c.name === className) ?? fail('--add', entry, `class[:count] with a class from the classes file (${cluster.classes.map((c) => c.name).join(', ')})`);
    const count = Number(countText);
    if (!/^\d+$/.test(countText) || count < 1 || count > MAX_ADDED_VMS) fail('--add', entry, `class:count with a whole count from 1 to ${MAX_ADDED_VMS.toLocaleString('en-US')}`);
    return Array.from({ length: count }, () => vmOfClass(vmClass, vmNames.fresh(className)));
  });
  const once = onceEach(fail);
  const removeNodes = (flags['remove-node'] ?? []).map((name) => {
    if (!nodeNames.includes(name)) fail('--remove-node', name, `a node of the scenario (${nodeNames.join(', ')})`);
    const served = cluster.pools.find((p) => p.kind === 'shared' && p.servedBy === name);
    if (served) fail('--remove-node', name, `a node that serves no shared pool (${name} serves ${served.name})`);
    return once('--remove-node', name, 'a node', { section: 'remove.nodes', names: fromFile.removeNodes });
  });
  const scenarioVms = new Set(cluster.vms.map((vm) => vm.name));
  const removeVms = (flags['remove-vm'] ?? []).map((name) => (scenarioVms.has(name) ? once('--remove-vm', name, 'a VM', { section: 'remove.vms or remove.classes', names: fromFile.removeVms }) : fail('--remove-vm', name, 'a VM of the scenario')));
  const addNodes = (flags['add-node'] ?? []).map((entry) => {
    const [name = '', like = '', ...rest] = entry.split('=');
    if (rest.length > 0 || nodeNames.includes(name) || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) fail('--add-node', entry, 'NEW=LIKE with a new node name');
    const model = cluster.nodes.find((n) => n.name === like) ?? fail('--add-node', entry, `NEW=LIKE with LIKE a node of the scenario (${nodeNames.join(', ')})`);
    once('--add-node', name, 'a node', { section: 'add.nodes', names: fromFile.addNodes.map(({ node }) => node.name) }, entry);
    return nodeLike(cluster, model, { ...model, name });
  });
  return { ...NO_CHANGE, addVms, removeNodes, removeVms, addNodes };
}

/**
 * The guard against a flag naming what an earlier flag of its kind, or the change file, already
 * names: returns the name, or fails with the words of what was expected.
 */
function onceEach(fail: (field: string, value: string, expected: string) => never) {
  const seen = new Map<string, Set<string>>();
  return (flag: string, name: string, what: string, inFile: { section: string; names: readonly string[] }, shown = name): string => {
    const earlier = seen.get(flag) ?? new Set<string>();
    seen.set(flag, earlier);
    if (earlier.has(name)) fail(flag, shown, `${what} that no earlier ${flag} names (${name} is given twice)`);
    if (inFile.names.includes(name)) fail(flag, shown, `${what} that the change file does not name already (its ${inFile.section} has ${name})`);
    earlier.add(name);
    return name;
  };
}
