/**
 * Imported guests grouped into classes, so `fit --class` and `size` have names to use.
 *
 * Guests share a class when they ask for the same: vCPUs, memory, disk, pool, GPUs and model, pin,
 * HA, and the same set of HA rules naming them. A class is named from what it asks for:
 *
 *   <pool>-<vcpus>c-<memory GiB>g-<disk GiB, rounded>g[-<n>gpu][-pin-<node>][-ha]
 *
 * e.g. `tank-8c-16g-256g-ha`. Classes that would share a name (they differ in a rule, or in a
 * disk size below the rounding) take `-2`, `-3`, ... in the order of their lowest vmid, so a name
 * is stable while the guests that make a class stay. The description says what the name leaves
 * out: rules and the guests.
 */
import type { VmClass, VmRequirements } from '../../../engine/model/cluster.js';
import type { GuestRef } from '../../../engine/model/import-notes.js';
import { vmClassOf } from '../../../engine/model/vm-of-class.js';
import { importedClassDescription } from '../../../engine/report/explain.js';

export interface ClassMember {
  name: string;
  ref: GuestRef;
  requirements: VmRequirements;
  rules: readonly string[];
}

export function groupClasses(members: readonly ClassMember[]): { classes: VmClass[]; classOf: Map<string, string> } {
  const groups = new Map<string, ClassMember[]>();
  for (const member of [...members].sort((a, b) => a.ref.vmid - b.ref.vmid)) {
    const key = JSON.stringify([member.requirements, [...member.rules].sort()]);
    groups.set(key, [...(groups.get(key) ?? []), member]);
  }
  const taken = new Map<string, number>();
  const classOf = new Map<string, string>();
  const classes = [...groups.values()].map((group) => {
    const { requirements, rules } = group[0]!;
    const base = baseName(requirements);
    const seen = (taken.get(base) ?? 0) + 1;
    taken.set(base, seen);
    const name = seen === 1 ? base : `${base}-${seen}`;
    for (const member of group) classOf.set(member.name, name);
    return vmClassOf(name, importedClassDescription(requirements, rules, group.map((member) => member.ref)), requirements);
  });
  return { classes, classOf };
}

function baseName(requirements: VmRequirements): string {
  const memory = Number.isInteger(requirements.memGiB) ? String(requirements.memGiB) : String(Number(requirements.memGiB.toFixed(2)));
  return [
    `${requirements.pool}-${requirements.vcpus}c-${memory}g-${Math.round(requirements.diskGiB)}g`,
    ...(requirements.gpus > 0 ? [`${requirements.gpus}gpu`] : []),
    ...(requirements.affinity === null ? [] : [`pin-${requirements.affinity.nodes.join('-')}`]),
    ...(requirements.ha ? ['ha'] : []),
  ].join('-');
}
