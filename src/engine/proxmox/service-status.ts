/**
 * The CRM's per-service state (`$sd` in Manager.pm, `$valid_service_states`), and which online
 * nodes a service loads (`Usage.pm::get_used_service_nodes`): the basis of every scheduler score
 * and of the resource-affinity view.
 */

export type CrmServiceState =
  | 'stopped' | 'request_stop' | 'request_start' | 'request_start_balance' | 'started'
  | 'fence' | 'recovery' | 'migrate' | 'relocate' | 'freeze' | 'error';

export interface ServiceStatus {
  state: CrmServiceState;
  node: string;
  /** Destination while migrating, relocating or rebalancing on start. */
  target?: string;
  /** Identifies the request the LRM answers; a new one makes the LRM act again. */
  uid?: string;
  /** The LRM reported a successful start (only meaningful in `started`). */
  running?: boolean;
  /** Nodes where starting failed, for the relocate policy. */
  failedNodes?: string[];
  /** The node a service left for maintenance, to return to afterwards. */
  maintenanceNode?: string;
  /** A queued CRM command: ['migrate'|'relocate', node, origin?] or ['stop', timeout]. */
  cmd?: string[];
  timeout?: number;
}

/** States in which the service occupies its current node. */
const OCCUPIES_CURRENT: ReadonlySet<CrmServiceState> = new Set([
  'started', 'request_stop', 'fence', 'freeze', 'error', 'recovery', 'migrate', 'relocate',
]);
/** States in which the service already occupies its target node. */
const OCCUPIES_TARGET: ReadonlySet<CrmServiceState> = new Set(['migrate', 'relocate', 'request_start_balance']);

export interface UsedNodes {
  current?: string;
  target?: string;
}

/** The online nodes that `status` loads; fence/recovery services sit on offline nodes, so usually none. */
export function usedServiceNodes(status: Pick<ServiceStatus, 'state' | 'node' | 'target'>, online: ReadonlySet<string>): UsedNodes {
  const used: UsedNodes = {};
  if (OCCUPIES_CURRENT.has(status.state) && online.has(status.node)) used.current = status.node;
  if (OCCUPIES_TARGET.has(status.state) && status.target !== undefined && online.has(status.target)) used.target = status.target;
  return used;
}

/**
 * Whether the service counts as running (`Usage::add_service_usage`): `started` only once the LRM
 * confirmed the start; any other state whenever it occupies its current node.
 */
export function countsAsRunning(status: Pick<ServiceStatus, 'state' | 'running'>, used: UsedNodes): boolean {
  if (status.state === 'started') return status.running === true;
  return used.current !== undefined;
}
