/** A new VM of a class, with the class's requirements (optionally overridden), placed nowhere yet. */
import type { VmClass, VmRequirements, VmSpec } from './cluster.js';

/** A class from its sizes and pool; the rules it leaves out bind nothing (no GPU, group or affinity, not HA). */
export function vmClassOf(name: string, description: string, requirements: Pick<VmRequirements, 'vcpus' | 'memGiB' | 'diskGiB' | 'pool'> & Partial<VmRequirements>): VmClass {
  return { name, description, gpus: 0, gpuModel: null, antiAffinity: null, affinity: null, ha: false, haPriority: 0, ...requirements };
}

export function vmOfClass(vmClass: VmClass, name: string, overrides: Partial<VmRequirements> = {}): VmSpec {
  const { name: className, description: _description, ...requirements } = vmClass;
  return { ...requirements, ...overrides, name, className, currentNode: null, replication: null };
}
