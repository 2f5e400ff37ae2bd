/**
 * What one node may promise to VMs, the single definition every command shares:
 *   cpu (vCPUs)    = cpuThreads × cpuOvercommit
 *   memory (GiB)   = (memGiB − memReservedGiB) × memOvercommit
 * The host's reservation (Proxmox services, ZFS ARC) is never overcommitted: it is taken off
 * before the ratio applies. Disk lives on pool instances and GPUs are counted as they are, so
 * neither needs a formula.
 */
import type { NodeSpec, Policy } from './cluster.js';

type CapacityPolicy = Pick<Policy, 'cpuOvercommit' | 'memOvercommit'>;
type CapacityNode = Pick<NodeSpec, 'cpuThreads' | 'memGiB' | 'memReservedGiB'>;

export function cpuCapacity(node: Pick<NodeSpec, 'cpuThreads'>, policy: Pick<Policy, 'cpuOvercommit'>): number {
  return node.cpuThreads * policy.cpuOvercommit;
}

export function memCapacity(node: Omit<CapacityNode, 'cpuThreads'>, policy: Pick<Policy, 'memOvercommit'>): number {
  return (node.memGiB - node.memReservedGiB) * policy.memOvercommit;
}

export function nodeCapacity(node: CapacityNode, policy: CapacityPolicy): { cpu: number; memGiB: number } {
  return { cpu: cpuCapacity(node, policy), memGiB: memCapacity(node, policy) };
}
