/**
 * The cluster model: plain, immutable data as loaded from the user's files. No I/O here.
 *
 * Units are in the field names: `memGiB`, `diskGiB`, `netGbps`. CPU is counted in hardware
 * threads on nodes and in vCPUs on VMs; `policy.cpuOvercommit` converts between them.
 */
import type { HaRule } from '../proxmox/types.js';

export interface NodeSpec {
  name: string;
  /** CPU model, for the record (e.g. `Ryzen 5700U`). */
  cpuModel: string;
  /** Hardware threads (SMT included). */
  cpuThreads: number;
  memGiB: number;
  /** Memory the host keeps for itself (Proxmox services, ZFS ARC); never given to VMs. */
  memReservedGiB: number;
  /** Passthrough GPUs on this node, all of one model. */
  gpus: number;
  gpuModel: string | null;
  netGbps: number;
  /** Failure domains by kind, e.g. `{ rack: 'rack-a', power: 'feed-1' }`. */
  domains: Readonly<Record<string, string>>;
  tags: readonly string[];
  /** Corosync quorum votes (default 1). */
  votes: number;
}

/**
 * A storage pool as Proxmox defines one: a local pool exists separately on each node that
 * has it (like `local-lvm`), a shared pool is one store reachable from several nodes.
 */
export type StoragePool = LocalPool | SharedPool;

export interface LocalPool {
  name: string;
  kind: 'local';
  media: string;
  /** Capacity of this pool's instance on each node that has one. */
  capacityGiBByNode: Readonly<Record<string, number>>;
}

export interface SharedPool {
  name: string;
  kind: 'shared';
  media: string;
  capacityGiB: number;
  /** The node that serves the pool (a ZFS pool exported over NFS/iSCSI); null when external. */
  servedBy: string | null;
  reachableFrom: readonly string[];
}

export interface NodeAffinity {
  nodes: readonly string[];
  /** strict: only these nodes (a filter); preferred: these first when they fit (a ranking tier). */
  strict: boolean;
}

export interface Replication {
  /** Node holding a replica of the VM's local disk (Proxmox storage replication). */
  target: string;
  /** Replication interval: the data-loss window when the VM restarts from the replica. */
  intervalMinutes: number;
}

/** The shape shared by a class and a VM: what one VM asks for and which rules bind it. */
export interface VmRequirements {
  vcpus: number;
  memGiB: number;
  diskGiB: number;
  pool: string;
  gpus: number;
  /** Required GPU model, or null for any model. */
  gpuModel: string | null;
  /** No two VMs of one anti-affinity group on the same node. */
  antiAffinity: string | null;
  affinity: NodeAffinity | null;
  ha: boolean;
  /** Higher restarts first. */
  haPriority: number;
}

export interface VmClass extends VmRequirements {
  name: string;
  description: string;
}

export interface VmSpec extends VmRequirements {
  name: string;
  className: string;
  /** Where the VM runs today, if known; placement keeps it there when it fits. */
  currentNode: string | null;
  replication: Replication | null;
}

export const RESOURCES = ['cpu', 'memGiB', 'diskGiB', 'gpus'] as const;
export type Resource = (typeof RESOURCES)[number];

export interface Policy {
  /** Alert threshold per resource as a fraction of capacity (the lab: 0.85 sustained). */
  threshold: Readonly<Record<Resource, number>>;
  /** vCPUs allowed per hardware thread. */
  cpuOvercommit: number;
  /** Memory that may be promised per GiB available (1 = no ballooning overcommit). */
  memOvercommit: number;
  /** Placement strategy name from the registry. */
  strategy: string;
  /** Failover policy name (`n+1`, `n+2`, `domains`). */
  failover: string;
}

/** Proxmox CRS scheduler mode (datacenter.cfg `crs: ha=`). */
export type CrsMode = 'basic' | 'static';

/**
 * The cluster's Proxmox HA configuration, stated in the scenario's `ha:` section. Rules use the
 * HA manager's own shape (engine/proxmox/types.ts) with VM names as resources, so the placement
 * filters and the replay engine compile them with the same code (engine/proxmox/rules.ts).
 */
export interface HaSettings {
  /** The CRS mode the cluster runs; null when the scenario leaves it to the strategy. */
  crs: CrsMode | null;
  /** Every configured rule, infeasible ones included (they are dropped when compiled, as Proxmox does). */
  rules: readonly HaRule[];
  /** HA VMs with failback off; failback only matters when a failed node returns. */
  noFailback: readonly string[];
}

/**
 * A corosync QDevice (corosync-qdevice with a qnetd arbiter outside the cluster): extra votes
 * that no node holds, so no node failure takes them away. `ffsplit` gives one vote (the mode
 * Proxmox VE recommends, for an even node count); `lms` gives node count - 1.
 */
export interface QDevice {
  votes: number;
}

/** Failure and repair of one component, in minutes (means of the time to fail and to repair). */
export interface Reliability {
  mtbfMinutes: number;
  mttrMinutes: number;
}

/**
 * The scenario's `availability:` section (engine/availability/defaults.ts holds the defaults and
 * their sources). Overrides name a node, or a failure domain as `kind:name` (`rack:rack-a`).
 */
export interface AvailabilitySettings {
  node: Reliability;
  nodeOverrides: Readonly<Record<string, Partial<Reliability>>>;
  domain: Reliability;
  domainOverrides: Readonly<Record<string, Partial<Reliability>>>;
  /** Planned maintenance: `perYear` rounds, each one window of `durationMinutes` per node, one node after another; perYear 0 = none. */
  maintenance: { perYear: number; durationMinutes: number };
  /** HA detection and fencing: from a node's failure to its HA VMs' restart on another node. */
  haRecoveryMinutes: number;
  /** VM boot time, by class name, with a default. */
  bootMinutes: { default: number; byClass: Readonly<Record<string, number>> };
}

/** `all` = every VM up, `any` = at least one, `k-of-n` = at least k of the n. */
export type ServiceRule = 'all' | 'any' | 'k-of-n';

/** A set of VMs and the rule for "the service is up". */
export interface ServiceSpec {
  name: string;
  vms: readonly string[];
  rule: ServiceRule;
  /** VMs that must be up: n for all, 1 for any. */
  k: number;
}

export interface Cluster {
  name: string;
  nodes: readonly NodeSpec[];
  pools: readonly StoragePool[];
  classes: readonly VmClass[];
  vms: readonly VmSpec[];
  policy: Policy;
  /** Absent when the scenario states no HA rules. */
  ha?: HaSettings;
  /** Absent when the cluster has no QDevice. */
  qdevice?: QDevice;
  /** Absent when the scenario has no `availability:` section (the defaults apply). */
  availability?: AvailabilitySettings;
  /** Services declared in the scenario; a VM in none is a service of its own. */
  services?: readonly ServiceSpec[];
}
