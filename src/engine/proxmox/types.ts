/**
 * Proxmox VE's HA configuration as plain data: services (`ha/resources.cfg`), rules
 * (`ha/rules.cfg`, Proxmox VE 9) and the legacy groups (`ha/groups.cfg`). The rule compiler,
 * the CRS schedulers and placement read these shapes; the simulator and the scenario loader fill
 * them.
 */
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

