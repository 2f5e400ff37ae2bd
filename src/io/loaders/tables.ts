/**
 * The column specs of the four CSV inputs. Column names are the model's field names, so an
 * error about `memGiB` means the same thing in the file, the message and the JSON.
 */
import { boolean, name, nameList, number, oneOf, text } from './cells.js';

const required = <P>(parse: P) => ({ parse, required: true as const });
const optional = <P>(parse: P) => ({ parse, required: false as const });

export const NODE_COLUMNS = {
  name: required(name),
  cpuModel: optional(text),
  cpuThreads: required(number({ integer: true, minExclusive: 0 })),
  memGiB: required(number({ minExclusive: 0 })),
  memReservedGiB: optional(number({ min: 0 })),
  gpus: optional(number({ integer: true, min: 0 })),
  gpuModel: optional(name),
  netGbps: optional(number({ min: 0 })),
  rack: optional(name),
  power: optional(name),
  tags: optional(nameList),
  votes: optional(number({ integer: true, min: 0 })),
};

export const STORAGE_COLUMNS = {
  pool: required(name),
  kind: required(oneOf(['local', 'shared'] as const)),
  media: optional(name),
  node: optional(name),
  capacityGiB: required(number({ min: 0 })),
  servedBy: optional(name),
  /** Node names separated by ';', or '*' for every node. */
  reachableFrom: optional((raw: string) => (raw === '*' ? { ok: true as const, value: ['*'] } : nameList(raw))),
};

/** Requirement columns shared by classes.csv (defaults) and vms.csv (overrides). */
const REQUIREMENT_COLUMNS = {
  vcpus: optional(number({ minExclusive: 0 })),
  memGiB: optional(number({ minExclusive: 0 })),
  diskGiB: optional(number({ min: 0 })),
  pool: optional(name),
  gpus: optional(number({ integer: true, min: 0 })),
  gpuModel: optional(name),
  antiAffinity: optional(name),
  /** Node names separated by ';'. */
  affinity: optional(nameList),
  affinityMode: optional(oneOf(['strict', 'preferred'] as const)),
  ha: optional(boolean),
  haPriority: optional(number({ integer: true })),
};

export const CLASS_COLUMNS = {
  name: required(name),
  description: optional(text),
  ...REQUIREMENT_COLUMNS,
  vcpus: required(number({ minExclusive: 0 })),
  memGiB: required(number({ minExclusive: 0 })),
  diskGiB: required(number({ min: 0 })),
  pool: required(name),
};

export const VM_COLUMNS = {
  name: required(name),
  class: required(name),
  ...REQUIREMENT_COLUMNS,
  node: optional(name),
  replicateTo: optional(name),
  replicationMinutes: optional(number({ minExclusive: 0 })),
};

/**
 * A node's reservation must leave it memory for VMs (memGiB − memReservedGiB > 0): the issue's
 * field, value and words when it does not, blaming the field that was set last; null when fine.
 */
export function reservationIssue(node: { memGiB: number; memReservedGiB: number }, blame: 'memGiB' | 'memReservedGiB'): { field: string; value: number; expected: string } | null {
  if (node.memReservedGiB < node.memGiB) return null;
  return blame === 'memReservedGiB'
    ? { field: 'memReservedGiB', value: node.memReservedGiB, expected: `less than memGiB (${node.memGiB}): the node must keep memory for VMs` }
    : { field: 'memGiB', value: node.memGiB, expected: `more than memReservedGiB (${node.memReservedGiB}): the node must keep memory for VMs` };
}
