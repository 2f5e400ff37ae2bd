/**
 * The availability model of one placed cluster, compiled once for both methods (analytic.ts,
 * monte-carlo.ts): the components that fail and are repaired (every node, then every failure
 * domain, each with its MTBF and MTTR), the maintenance schedule, each VM's restart and boot
 * times, and the services with their rule.
 *
 * Causes, the things downtime is charged to (`contributors`): the components (nodes, then
 * domains as `kind:name`, sorted), then one maintenance window per node, then `unplaced` (a VM
 * the placement found no node for is down all the time).
 *
 * Conventions: times in minutes, a year is 365.25 days = 525,960 minutes. Maintenance round j
 * (j = 0, 1, ...) starts at j × period, period = year / perYear, and patches the nodes in index
 * order, node i in [start + i × duration, start + (i + 1) × duration).
 */
import { InvariantError } from '../../errors.js';
import type { AvailabilitySettings, Reliability, ServiceRule, ServiceSpec } from '../model/cluster.js';
import { NO_INDEX } from '../model/cluster-index.js';
import type { ClusterState } from '../model/state.js';
import { failureDomains } from '../failure/scenarios.js';
import { DEFAULT_AVAILABILITY } from './defaults.js';

export const MINUTES_PER_YEAR = 525_960;

export type CauseKind = 'node' | 'domain' | 'maintenance' | 'unplaced';

export interface Cause {
  kind: CauseKind;
  /** The node, the domain as `kind:name`, the node patched, or `unplaced`. */
  name: string;
}

export interface Component extends Reliability {
  cause: Cause;
  /** Nodes it takes down when it fails. */
  nodes: readonly number[];
}

export interface CompiledService {
  name: string;
  vms: readonly string[];
  rule: ServiceRule;
  /** VM indices. */
  members: Int32Array;
  /** VMs that must be up. */
  k: number;
  /** Per cause: 1 when the cause can touch the service directly (it downs a node a member runs on or whose storage it uses). */
  touchedBy: Uint8Array;
}

export interface AvailabilityModel {
  nodeCount: number;
  vmCount: number;
  components: readonly Component[];
  causes: readonly Cause[];
  /** Index of node n's maintenance cause. */
  maintenanceCause: (node: number) => number;
  unplacedCause: number;
  maintenance: { period: number; duration: number; perYear: number } | null;
  /** Per VM: minutes from its node's failure until it runs elsewhere (detection, fencing, boot). */
  restartGap: Float64Array;
  /** Per VM: minutes to boot. */
  boot: Float64Array;
  /** Where each VM runs with every node up (NO_INDEX: unplaced). */
  baseLocation: Int32Array;
  services: readonly CompiledService[];
  /** Services each VM belongs to. */
  servicesOf: readonly (readonly number[])[];
  /** Services with unplaced members: service → how many (down in every set). */
  unplacedMembers: ReadonlyMap<number, number>;
}

export function compileModel(state: ClusterState, settings: AvailabilitySettings = DEFAULT_AVAILABILITY): AvailabilityModel {
  const { index } = state;
  const { cluster } = index;
  const reliability = (base: Reliability, override: Partial<Reliability> | undefined): Reliability => ({ ...base, ...override });
  const components: Component[] = index.nodes.map((node, n) => ({
    ...reliability(settings.node, settings.nodeOverrides[node.name]),
    cause: { kind: 'node', name: node.name },
    nodes: [n],
  }));
  for (const [key, nodes] of failureDomains(index)) {
    components.push({ ...reliability(settings.domain, settings.domainOverrides[key]), cause: { kind: 'domain', name: key }, nodes });
  }
  const causes: Cause[] = [...components.map((c) => c.cause), ...index.nodes.map((node): Cause => ({ kind: 'maintenance', name: node.name })), { kind: 'unplaced', name: 'unplaced' }];
  const maintenanceCause = (node: number): number => components.length + node;
  const unplacedCause = causes.length - 1;

  const { perYear, durationMinutes } = settings.maintenance;
  const maintenance = perYear > 0 ? { period: MINUTES_PER_YEAR / perYear, duration: durationMinutes, perYear } : null;
  if (maintenance !== null && index.nodeCount * maintenance.duration >= maintenance.period) {
    throw new InvariantError('a maintenance round longer than its period reached the engine', { nodes: index.nodeCount, ...maintenance });
  }

  const boot = Float64Array.from(cluster.vms, (vm) => settings.bootMinutes.byClass[vm.className] ?? settings.bootMinutes.default);
  const restartGap = boot.map((minutes) => minutes + settings.haRecoveryMinutes);
  const baseLocation = Int32Array.from(state.vmNode);

  const declared = cluster.services ?? [];
  const inService = new Set(declared.flatMap((s) => s.vms));
  const own: ServiceSpec[] = cluster.vms.filter((vm) => !inService.has(vm.name)).map((vm) => ({ name: vm.name, vms: [vm.name], rule: 'all', k: 1 }));
  const causesOfNode: number[][] = index.nodes.map((_, n) => [maintenanceCause(n)]);
  components.forEach((component, c) => component.nodes.forEach((n) => causesOfNode[n]!.push(c)));
  const services = [...declared, ...own].map((spec): CompiledService => {
    const members = Int32Array.from(spec.vms, (name) => {
      const vm = index.vmIndex.get(name);
      if (vm === undefined) throw new InvariantError('a service naming an unknown VM reached the engine', name);
      return vm;
    });
    const nodesUsed = new Set<number>();
    for (const vm of members) {
      if (state.vmNode[vm]! !== NO_INDEX) nodesUsed.add(state.vmNode[vm]!);
      const instance = state.vmInstance[vm]!;
      if (instance !== NO_INDEX && index.instanceShared[instance] === 1 && index.instanceHost[instance] !== NO_INDEX) nodesUsed.add(index.instanceHost[instance]!);
    }
    const touchedBy = new Uint8Array(causes.length);
    for (const node of nodesUsed) for (const cause of causesOfNode[node]!) touchedBy[cause] = 1;
    return { name: spec.name, vms: spec.vms, rule: spec.rule, members, k: spec.k, touchedBy };
  });
  const servicesOf: number[][] = cluster.vms.map(() => []);
  services.forEach((service, s) => service.members.forEach((vm) => servicesOf[vm]!.push(s)));

  const unplacedMembers = new Map<number, number>();
  services.forEach((service, s) => {
    const unplaced = service.members.filter((vm) => baseLocation[vm] === NO_INDEX).length;
    if (unplaced > 0) unplacedMembers.set(s, unplaced);
  });
  return { nodeCount: index.nodeCount, vmCount: index.vmCount, components, causes, maintenanceCause, unplacedCause, maintenance, restartGap, boot, baseLocation, services, servicesOf, unplacedMembers };
}

/** `2-of-3`, `any`, `all`: the rule as the scenario and the output write it. */
export function ruleLabel(service: Pick<CompiledService, 'rule' | 'k' | 'vms'>): string {
  return service.rule === 'k-of-n' ? `${service.k}-of-${service.vms.length}` : service.rule;
}
