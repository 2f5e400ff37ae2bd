/** A new VM of a class, with the class's requirements (optionally overridden), placed nowhere yet. */
import type { VmClass, VmRequirements, VmSpec } from './cluster.js';

export function vmOfClass(vmClass: VmClass, name: string, overrides: Partial<VmRequirements> = {}): VmSpec {
  const { name: className, description: _description, ...requirements } = vmClass;
  return { ...requirements, ...overrides, name, className, currentNode: null, replication: null };
}
