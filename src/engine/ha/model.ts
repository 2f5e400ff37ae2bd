/**
 * The model of one Proxmox HA scenario, in the shape of the pve-ha-manager regression-test
 * folders (`src/test/test-*` upstream; formats in `Sim/Hardware.pm`). Everything here is plain
 * data: the loader in `io/proxmox/pve-ha-test` fills it, `simulate.ts` replays it.
 *
 * Units: memory in bytes (`...Bytes`), CPU in cores.
 */
import type { AutoRebalanceOptions } from './auto-rebalance.js';
import type { SimCommand } from './cmdlist.js';
import type { ServiceStatus } from './service-status.js';

/** Configured (requested) state of a service; `enabled` in the files is read as `started`. */
export type ConfiguredState = 'started' | 'stopped' | 'disabled' | 'ignored';

export interface ServiceConfig {
  sid: string;
  node: string;
  state: ConfiguredState;
  /** Move back to a higher-priority node when one comes online (default on). */
  failback: boolean;
  /** Local start retries before the CRM is told of a failure (default 1). */
  maxRestart: number;
  /** Relocations to other nodes after start failures before `error` (default 1). */
  maxRelocate: number;
  /** Legacy HA group name, mapped to a node-affinity rule (groups.ts). */
  group?: string;
  /** Guest config lock (`backup`, `snapshot`, `create`, ...). */
  lock?: string;
}

export interface NodeHardware {
  name: string;
  power: 'on' | 'off';
  network: 'on' | 'off';
  /** Cores; absent means the scheduler default. */
  maxCpu?: number;
  maxMemBytes?: number;
}

export interface NodePriority {
  node: string;
  /** Non-negative integer; a missing priority in the file is 0. */
  priority: number;
}

export interface NodeAffinityRule {
  type: 'node-affinity';
  id: string;
  resources: string[];
  nodes: NodePriority[];
  strict: boolean;
  /** A rule carrying a `disable` key is skipped entirely. */
  disabled: boolean;
}

export interface ResourceAffinityRule {
  type: 'resource-affinity';
  id: string;
  resources: string[];
  affinity: 'positive' | 'negative';
  disabled: boolean;
}

export type HaRule = NodeAffinityRule | ResourceAffinityRule;

/** Legacy HA group (`groups` file), before rules existed. */
export interface HaGroup {
  id: string;
  nodes: NodePriority[];
  restricted: boolean;
  nofailback: boolean;
}

export type ShutdownPolicy = 'conditional' | 'freeze' | 'failover' | 'migrate';

export interface DatacenterHa {
  /** `crs.ha`: basic | static | dynamic; anything else warns and falls back to basic. */
  scheduler: string;
  rebalanceOnStart: boolean;
  /** `crs.ha-auto-rebalance` and its options; false when off. */
  autoRebalance: false | AutoRebalanceOptions;
  shutdownPolicy: ShutdownPolicy | string;
}

export interface StaticServiceStats {
  maxCpu: number;
  maxMemBytes: number;
}

export interface DynamicServiceStats {
  cpu: number;
  memBytes: number;
}

/** The CRM state at t=0 (`manager_status`), read as the previous master's state. */
export interface InitialManagerStatus {
  masterNode?: string;
  nodeStatus: Record<string, string>;
  serviceStatus: Record<string, ServiceStatus>;
  nodeRequest: Record<string, { maintenance?: boolean }>;
}

export interface HaScenario {
  name: string;
  nodes: NodeHardware[];
  services: ServiceConfig[];
  rules: HaRule[];
  groups: HaGroup[];
  datacenter: DatacenterHa;
  staticStats: Record<string, StaticServiceStats>;
  dynamicStats: Record<string, DynamicServiceStats>;
  managerStatus: InitialManagerStatus;
  /** Per node, the sids its hardware reports running at t=0 (`service_status_<node>`). */
  runningAtStart: Record<string, string[]>;
  /** Batches of commands, one batch every 5 rounds. */
  cmdlist: SimCommand[][];
  /** Features present in the folder that the simulator does not model (e.g. `fence.cfg`). */
  unsupported: string[];
}

export type DecisionKind = 'recover' | 'migrate' | 'relocate' | 'rebalance-start';

/** Why the manager moved a service. */
export type DecisionCause = 'fence' | 'scheduler' | 'start-failure' | 'crm-command' | 'rebalance-on-start' | 'auto-rebalance';

/** One placement decision of the HA manager, at simulated time `time` (seconds). */
export interface HaDecision {
  time: number;
  kind: DecisionKind;
  cause: DecisionCause;
  sid: string;
  from: string;
  to: string;
}
