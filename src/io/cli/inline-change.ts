/** The change flags of `check` (`--add k8s-worker:3 --remove-node node02 ...`) as a ClusterChange. */
import type { Cluster } from '../../engine/model/cluster.js';
import { NO_CHANGE, nodeLike, type ClusterChange } from '../../engine/policy/change.js';
import { vmOfClass } from '../../engine/model/vm-of-class.js';
import { InputError } from '../../errors.js';

export interface InlineChangeFlags {
  add?: string[];
  'remove-vm'?: string[];
  'remove-node'?: string[];
  'add-node'?: string[];
}

/** `taken`: VM names already in use besides the cluster's (e.g. added by a change file). */
export function inlineChange(cluster: Cluster, flags: InlineChangeFlags, taken: ReadonlySet<string> = new Set()): ClusterChange {
  const fail = (field: string, value: string, expected: string): never => {
    throw new InputError({ file: 'command line', field, value, expected });
  };
  const nodeNames = cluster.nodes.map((n) => n.name);
  const used = new Set([...cluster.vms.map((vm) => vm.name), ...taken]);
  const freshName = (className: string): string => {
    let n = 1;
    while (used.has(`${className}-new-${n}`)) n++;
    used.add(`${className}-new-${n}`);
    return `${className}-new-${n}`;
  };
  const addVms = (flags.add ?? []).flatMap((entry) => {
    const [className = '', countText = '1'] = entry.split(':');
    const vmClass = cluster.classes.find((c) => c.name === className) ?? fail('--add', entry, `class[:count] with a class from the classes file (${cluster.classes.map((c) => c.name).join(', ')})`);
    const count = Number(countText);
    if (!Number.isInteger(count) || count < 1) fail('--add', entry, 'class:count with a whole count >= 1');
    return Array.from({ length: count }, () => vmOfClass(vmClass, freshName(className)));
  });
  const removeNodes = (flags['remove-node'] ?? []).map((name) => {
    if (!nodeNames.includes(name)) fail('--remove-node', name, `a node of the scenario (${nodeNames.join(', ')})`);
    const served = cluster.pools.find((p) => p.kind === 'shared' && p.servedBy === name);
    if (served) fail('--remove-node', name, `a node that serves no shared pool (${name} serves ${served.name})`);
    return name;
  });
  const removeVms = (flags['remove-vm'] ?? []).map((name) => (cluster.vms.some((vm) => vm.name === name) ? name : fail('--remove-vm', name, 'a VM of the scenario')));
  const addNodes = (flags['add-node'] ?? []).map((entry) => {
    const [name = '', like = ''] = entry.split('=');
    if (nodeNames.includes(name) || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) fail('--add-node', entry, 'NEW=LIKE with a new node name');
    const model = cluster.nodes.find((n) => n.name === like) ?? fail('--add-node', entry, `NEW=LIKE with LIKE a node of the scenario (${nodeNames.join(', ')})`);
    return nodeLike(cluster, model, { ...model, name });
  });
  return { ...NO_CHANGE, addVms, removeNodes, removeVms, addNodes };
}
