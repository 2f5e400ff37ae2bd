/**
 * The master's view of node states: online, maintenance, unknown, fence, gone. Fence delay: a
 * node counts as offline-delayed once 60 s passed since this master last saw it online; a new
 * master has no history, so the 60 s restart when it takes over. Fencing takes the node's agent
 * lock; success turns the node back to `unknown` and lets its services recover.
 * Observed: docs/pve-ha-recovery.md §2 (fencing timeline), §3, test-recovery*, test-basic*.
 */
import { compareBytes } from '../proxmox/sid-order.js';
import { agentLockName, type DaemonEnv } from './env.js';

const FENCE_DELAY_SECONDS = 60;
const GONE_DELETE_DELAY_SECONDS = 3600;

export class NodeStatus {
  private readonly lastOnline = new Map<string, number>();

  constructor(
    private readonly env: DaemonEnv,
    readonly status: Record<string, string>,
  ) {}

  state(node: string): string {
    return this.status[node] ?? 'unknown';
  }

  isOnline(node: string): boolean {
    return this.state(node) === 'online';
  }

  isOperational(node: string): boolean {
    return this.isOnline(node) || this.state(node) === 'maintenance';
  }

  isOfflineDelayed(node: string, delay = FENCE_DELAY_SECONDS): boolean {
    if (this.state(node) === 'online') return false;
    const last = this.lastOnline.get(node);
    if (last === undefined) {
      this.lastOnline.set(node, this.env.time);
      return false;
    }
    return this.env.time - last >= delay;
  }

  listNodes(): string[] {
    return Object.keys(this.status).sort(compareBytes);
  }

  listOnlineNodes(): string[] {
    return this.listNodes().filter((node) => this.status[node] === 'online');
  }

  hasChangedNodeList(online: ReadonlyMap<string, boolean>): boolean {
    for (const node of online.keys()) if (this.status[node] === undefined) return true;
    return Object.keys(this.status).some((node) => !online.has(node));
  }

  update(online: ReadonlyMap<string, boolean>, lrmModes: ReadonlyMap<string, string>): void {
    for (const node of [...online.keys()].sort(compareBytes)) {
      if (!online.get(node)) continue;
      this.lastOnline.set(node, this.env.time);
      const mode = lrmModes.get(node) ?? 'unknown';
      const state = this.state(node);
      if (state === 'online' && mode === 'maintenance') this.set(node, 'maintenance');
      else if (state === 'unknown' || state === 'gone') this.set(node, 'online');
      else if (state === 'maintenance' && mode !== 'maintenance') this.set(node, 'online');
    }
    for (const node of this.listNodes()) {
      if (online.get(node)) continue;
      const state = this.state(node);
      if (state === 'online') this.set(node, 'unknown');
      else if (state === 'maintenance' && (lrmModes.get(node) ?? 'unknown') !== 'maintenance') this.set(node, 'unknown');
      else if (state === 'unknown' && !online.has(node)) this.set(node, 'gone');
      else if (state === 'gone' && this.isOfflineDelayed(node, GONE_DELETE_DELAY_SECONDS)) {
        this.lastOnline.delete(node);
        delete this.status[node];
        this.env.log('notice', `deleting gone node '${node}', not a cluster member anymore.`);
      }
    }
  }

  /** Tries to fence `node`; true once its agent lock is ours. */
  fence(node: string): boolean {
    if (this.state(node) !== 'fence') {
      this.set(node, 'fence');
      this.env.log('email', `FENCE: Try to fence node '${node}'`);
    }
    if (!this.env.getLock(agentLockName(node))) return false;
    const message = `fencing: acknowledged - got agent lock for node '${node}'`;
    this.env.log('info', message);
    this.set(node, 'unknown');
    this.env.log('email', `SUCCEED: ${message}`);
    return true;
  }

  private set(node: string, state: string): void {
    const last = this.state(node);
    if (last === state) return;
    this.status[node] = state;
    this.env.log('info', `node '${node}': state changed from '${last}' => '${state}'`);
  }
}
