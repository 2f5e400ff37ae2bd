/**
 * The model of one Proxmox HA scenario, in the shape of the pve-ha-manager regression-test
 * folders. Everything here is plain data: the loader in `io/proxmox/pve-ha-test` fills it,
 * `simulate.ts` replays it.
 *
 * Units: memory in bytes (`...Bytes`), CPU in cores.
 * Observed: docs/pve-ha-recovery.md §11 (test folder formats).
 */
import type { AutoRebalanceOptions } from '../proxmox/auto-rebalance.js';
import type { SimCommand } from './sim-command.js';
import type { HaGroup, HaRule, ServiceConfig } from '../proxmox/types.js';
import type { ServiceStatus } from '../proxmox/service-status.js';

export interface NodeHardware {
  name: string;
  power: 'on' | 'off';
  network: 'on' | 'off';
  /** Cores; absent means the scheduler default. */
  maxCpu?: number;
  maxMemBytes?: number;
  /** `pve-manager-version`, which gates the group migration. */
  pveManagerVersion?: string;
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
