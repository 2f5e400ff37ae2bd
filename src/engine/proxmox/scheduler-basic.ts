/**
 * Proxmox CRS `basic` scheduler (`Usage/Basic.pm`): a node's load is the number of HA services
 * that occupy it (current node or migration target; a migrating service counts on both). No CPU,
 * no memory. The fewest services wins, ties go to the byte-wise first node name.
 */
import { compareBytes } from './sid-order.js';
import { type ServiceStatus, usedServiceNodes } from './service-status.js';
import type { NodeScore, OnlineNodeUsage } from './usage.js';

export interface BasicNodeLoad {
  name: string;
  /** HA services currently counted on the node. */
  services: number;
}

/**
 * Ranks nodes for one more service, best first. `score` = −services (higher is better), so the
 * emptiest node leads; equal counts go to the byte-wise first name (`node10` < `node2`).
 */
export function scoreNodesBasic(nodes: readonly BasicNodeLoad[]): NodeScore[] {
  return [...nodes]
    .sort((a, b) => a.services - b.services || compareBytes(a.name, b.name))
    .map((node) => ({ name: node.name, score: -node.services }));
}

export class BasicUsage implements OnlineNodeUsage {
  readonly mode = 'basic' as const;
  private readonly servicesOnNode = new Map<string, Set<string>>();
  private readonly nodesOfService = new Map<string, string[]>();

  constructor(onlineNodes: readonly string[]) {
    for (const node of onlineNodes) this.servicesOnNode.set(node, new Set());
  }

  listNodes(): string[] {
    return [...this.servicesOnNode.keys()].sort(compareBytes);
  }

  addServiceUsage(sid: string, status: ServiceStatus): void {
    const used = usedServiceNodes(status, new Set(this.servicesOnNode.keys()));
    const nodes = [used.current, used.target].filter((node): node is string => node !== undefined);
    for (const node of nodes) this.servicesOnNode.get(node)!.add(sid);
    this.nodesOfService.set(sid, nodes);
  }

  removeServiceUsage(sid: string): void {
    for (const node of this.nodesOfService.get(sid) ?? []) this.servicesOnNode.get(node)?.delete(sid);
    this.nodesOfService.delete(sid);
  }

  scoreNodesToStartService(): Map<string, number> {
    const loads = this.listNodes().map((name) => ({ name, services: this.servicesOnNode.get(name)!.size }));
    return new Map(scoreNodesBasic(loads).map(({ name, score }) => [name, -score]));
  }
}
