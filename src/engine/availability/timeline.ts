/**
 * The state of a cluster through time for the Monte Carlo simulation (monte-carlo.ts) and the
 * deterministic maintenance round (maintenance-round.ts): which causes hold which nodes down,
 * where each VM runs and from when, and the downtime each service has accumulated.
 *
 * Whenever the set of down nodes changes, every VM takes the location the failure engine gives
 * for the new set (outcome-cache.ts). A VM that changes location:
 *   - to "not running": down from now;
 *   - from "not running" back to its own node: up after its boot time; to another node (an HA
 *     recovery): after the HA recovery time (detection, fencing) and its boot time;
 *   - from a node that has just crashed (a component failure) to another node: after the HA
 *     recovery time and its boot time;
 *   - otherwise (from a node going into maintenance, a failback to a repaired node, a move between
 *     two running nodes): live migration, no downtime.
 * A service of rule k is up while at least k of its VMs are up. Between two changes of the set
 * VMs only come up, so the service is down from the start of the interval until its k-th VM is up:
 *   down(t0, t1) = min(max(u_k - t0, 0), t1 - t0),  u_k the k-th smallest "up from" time.
 * Downtime is charged to the causes holding nodes down at the time that touch the service (down a
 * node one of its VMs runs on or takes its storage from; every cause when quorum is lost), split
 * equally; with none of those (a boot after a repair, during the next node's maintenance), to the
 * cause whose change last moved one of its VMs. A service down with every node up (an unplaced
 * VM) is down all the time, charged to `unplaced`.
 * Complexity: per change, O(VMs the two sets move + their services × members log members).
 */
import { NO_INDEX } from '../model/cluster-index.js';
import type { AvailabilityModel, CompiledService } from './model.js';
import { MASK_NODES, type OutcomeCache, type SetOutcome } from './outcome-cache.js';

/** Downtime per service and per (service, cause), in minutes. */
export interface DowntimeTotals {
  downtime: Float64Array;
  /** service × causes + cause → minutes, in the order first charged. */
  charged: Map<number, number>;
}

/** Per service, the causes charged so far and their minutes (a service has few: a short list beats a map). */
class ChargeLists {
  private readonly causes: number[][];
  private readonly minutes: number[][];

  constructor(services: number) {
    this.causes = Array.from({ length: services }, () => []);
    this.minutes = Array.from({ length: services }, () => []);
  }

  add(s: number, cause: number, minutes: number): void {
    const causes = this.causes[s]!;
    const at = causes.indexOf(cause);
    if (at >= 0) this.minutes[s]![at]! += minutes;
    else {
      causes.push(cause);
      this.minutes[s]!.push(minutes);
    }
  }

  /** Into `charged`, service by service, each in the order first charged. */
  drainInto(charged: Map<number, number>, causeCount: number): void {
    this.causes.forEach((causes, s) => {
      causes.forEach((cause, i) => charged.set(s * causeCount + cause, (charged.get(s * causeCount + cause) ?? 0) + this.minutes[s]![i]!));
      causes.length = 0;
      this.minutes[s]!.length = 0;
    });
  }
}

export class Timeline {
  private readonly downtime: Float64Array;
  private readonly charges: ChargeLists;
  private readonly extra: DowntimeTotals[] = [];
  private readonly extraTimes: number[] = [];
  private readonly location: Int32Array;
  private readonly upAt: Float64Array;
  private readonly nodeHolds: Int32Array;
  private current: SetOutcome;
  private readonly activeCauses: number[] = [];
  /** Per service, the cause of the last change that moved one of its VMs. */
  private readonly movedBy: Int32Array;
  private readonly active: number[] = [];
  private readonly isActive: Uint8Array;
  /** Services down with every node up (an unplaced member): always active. */
  readonly permanent: Uint8Array;
  private readonly stamp: Int32Array;
  private stampValue = 0;
  private readonly target: Int32Array;
  private readonly upTimes: Float64Array;
  /** Per service, its k-th and its last member's "up from" time, valid unless `stale` (a member moved since). */
  private readonly upFrom: Float64Array;
  private readonly allUpFrom: Float64Array;
  private readonly stale: Uint8Array;
  /** Per service, members not where they run with every node up. */
  private readonly away: Int32Array;
  /** Down nodes, ascending, kept as they change (the key of the set beyond MASK_NODES nodes). */
  private readonly downList: number[] = [];
  private downBits = 0;

  constructor(
    private readonly model: AvailabilityModel,
    private readonly outcomes: OutcomeCache,
  ) {
    const { vmCount, nodeCount, services, baseLocation } = model;
    this.downtime = new Float64Array(services.length);
    this.charges = new ChargeLists(services.length);
    this.location = Int32Array.from(baseLocation);
    this.upAt = Float64Array.from(baseLocation, (node) => (node === NO_INDEX ? Infinity : -Infinity));
    this.nodeHolds = new Int32Array(nodeCount);
    this.current = outcomes.outcome([]);
    this.movedBy = new Int32Array(services.length).fill(model.unplacedCause);
    this.isActive = new Uint8Array(services.length);
    this.permanent = Uint8Array.from(services, (service) => (kthUpTime(this.upAt, service.members, service.k, new Float64Array(service.members.length)) === Infinity ? 1 : 0));
    this.stamp = new Int32Array(vmCount);
    this.target = new Int32Array(vmCount);
    this.upTimes = new Float64Array(services.reduce((most, s) => Math.max(most, s.members.length), 1));
    this.upFrom = new Float64Array(services.length).fill(-Infinity);
    this.allUpFrom = new Float64Array(services.length).fill(-Infinity);
    this.stale = new Uint8Array(services.length).fill(1);
    this.away = new Int32Array(services.length);
    services.forEach((_, s) => {
      if (this.permanent[s] === 1) this.activate(s);
    });
  }

  /** No cause active and every service as with every node up: nothing to integrate but the permanent ones. */
  atBaseline(): boolean {
    return this.activeCauses.length === 0 && this.active.every((s) => this.permanent[s] === 1);
  }

  /** `cause` takes `nodes` down at `t`; `crash`: they fail (their VMs crash), not a planned maintenance. */
  causeDown(cause: number, nodes: readonly number[], t: number, crash: boolean): void {
    this.activeCauses.push(cause);
    let changed = false;
    for (const node of nodes) {
      if (this.nodeHolds[node]!++ === 0) {
        changed = true;
        this.markDown(node, true);
      }
    }
    if (changed) this.changeSet(t, crash, cause);
  }

  causeUp(cause: number, nodes: readonly number[], t: number): void {
    this.activeCauses.splice(this.activeCauses.indexOf(cause), 1);
    let changed = false;
    for (const node of nodes) {
      if (--this.nodeHolds[node]! === 0) {
        changed = true;
        this.markDown(node, false);
      }
    }
    if (changed) this.changeSet(t, false, cause);
  }

  /** Adds each active service's downtime over [t0, t1), during which no set changes. */
  integrate(t0: number, t1: number): void {
    if (t1 <= t0 || this.active.length === 0) return;
    const { services } = this.model;
    const span = t1 - t0;
    for (const s of this.active) {
      if (this.stale[s] === 1) this.refresh(s, services[s]!);
      const upFrom = this.upFrom[s]!;
      const down = upFrom === Infinity ? span : Math.min(Math.max(upFrom - t0, 0), span);
      if (down > 0) this.charge(s, down);
    }
    let kept = 0;
    for (const s of this.active) {
      if (this.permanent[s] === 1 || !this.atHome(s, t1)) this.active[kept++] = s;
      else this.isActive[s] = 0;
    }
    this.active.length = kept;
  }

  /** Adds `times` × totals computed elsewhere (a maintenance round run from the same all-up state), when totals() is read. */
  add(other: DowntimeTotals, times: number): void {
    this.extra.push(other);
    this.extraTimes.push(times);
  }

  /** What has been integrated so far: this timeline's own charges, then those added, in that order. */
  totals(): DowntimeTotals {
    const charged = new Map<number, number>();
    this.charges.drainInto(charged, this.model.causes.length);
    const downtime = Float64Array.from(this.downtime);
    this.extra.forEach((other, i) => {
      const times = this.extraTimes[i]!;
      for (let s = 0; s < downtime.length; s++) downtime[s]! += times * other.downtime[s]!;
      for (const [key, minutes] of other.charged) charged.set(key, (charged.get(key) ?? 0) + times * minutes);
    });
    return { downtime, charged };
  }

  private charge(s: number, minutes: number): void {
    this.downtime[s]! += minutes;
    if (this.permanent[s] === 1) {
      this.charges.add(s, this.model.unplacedCause, minutes);
      return;
    }
    const causes = this.activeCauses;
    const touched = this.model.services[s]!.touchedBy;
    const quorate = this.current.quorate;
    let relevant = 0;
    for (const cause of causes) if (!quorate || touched[cause] === 1) relevant++;
    if (relevant === 0) {
      this.charges.add(s, this.movedBy[s]!, minutes);
      return;
    }
    const share = minutes / relevant;
    for (const cause of causes) if (!quorate || touched[cause] === 1) this.charges.add(s, cause, share);
  }

  private markDown(node: number, down: boolean): void {
    if (this.model.nodeCount <= MASK_NODES) {
      this.downBits ^= 1 << node;
      return;
    }
    const list = this.downList;
    let at = 0;
    while (at < list.length && list[at]! < node) at++;
    if (down) list.splice(at, 0, node);
    else list.splice(at, 1);
  }

  private refresh(s: number, service: CompiledService): void {
    const { members, k } = service;
    let last = -Infinity;
    for (const vm of members) if (this.upAt[vm]! > last) last = this.upAt[vm]!;
    this.allUpFrom[s] = last;
    this.upFrom[s] = k === members.length ? last : kthUpTime(this.upAt, members, k, this.upTimes);
    this.stale[s] = 0;
  }

  /** Every member back where it runs with every node up, and running by `t`. */
  private atHome(s: number, t: number): boolean {
    return this.away[s] === 0 && this.allUpFrom[s]! <= t;
  }

  private activate(s: number): void {
    if (this.isActive[s] === 1) return;
    this.isActive[s] = 1;
    this.active.push(s);
  }

  private changeSet(t: number, crash: boolean, cause: number): void {
    const { nodeCount, baseLocation } = this.model;
    const previous = this.current;
    const next = this.outcomes.outcomeByKey(nodeCount > MASK_NODES ? this.downList.join(',') : this.downBits, () => this.downNodes());
    this.current = next;
    const mark = ++this.stampValue;
    for (let i = 0; i < next.moved.length; i++) {
      this.stamp[next.moved[i]!] = mark;
      this.target[next.moved[i]!] = next.location[i]!;
    }
    for (const vm of previous.moved) if (this.stamp[vm] !== mark) this.move(vm, baseLocation[vm]!, t, crash, cause);
    for (const vm of next.moved) this.move(vm, this.target[vm]!, t, crash, cause);
  }

  private downNodes(): number[] {
    const down: number[] = [];
    for (let node = 0; node < this.model.nodeCount; node++) if (this.nodeHolds[node]! > 0) down.push(node);
    return down;
  }

  /** `vm` now runs on `to` (NO_INDEX: nowhere), after a change at `t` made by `cause`. */
  private move(vm: number, to: number, t: number, crash: boolean, cause: number): void {
    const from = this.location[vm]!;
    if (to === from) return;
    const { baseLocation, boot, restartGap, servicesOf } = this.model;
    if (to === NO_INDEX) this.upAt[vm] = Infinity;
    else if (from === NO_INDEX) this.upAt[vm] = t + (to === baseLocation[vm] ? boot[vm]! : restartGap[vm]!);
    else if (crash && this.nodeHolds[from]! > 0) this.upAt[vm] = t + restartGap[vm]!;
    this.location[vm] = to;
    const awayChange = (to === baseLocation[vm] ? -1 : 0) + (from === baseLocation[vm] ? 1 : 0);
    for (const s of servicesOf[vm]!) {
      this.activate(s);
      this.movedBy[s] = cause;
      this.stale[s] = 1;
      this.away[s]! += awayChange;
    }
  }
}

const SMALL_SERVICE = 32;

/** The k-th smallest "up from" time of the members (Infinity when fewer than k can come up). */
export function kthUpTime(upAt: Float64Array, members: Int32Array, k: number, scratch: Float64Array): number {
  // A k-of-n left with fewer than k VMs (a change removed some) is never up.
  if (k > members.length) return Infinity;
  if (k === 1) {
    let least = Infinity;
    for (const vm of members) if (upAt[vm]! < least) least = upAt[vm]!;
    return least;
  }
  if (k === members.length) {
    let most = -Infinity;
    for (const vm of members) if (upAt[vm]! > most) most = upAt[vm]!;
    return most;
  }
  const n = members.length;
  if (n > SMALL_SERVICE) {
    for (let i = 0; i < n; i++) scratch[i] = upAt[members[i]!]!;
    return scratch.subarray(0, n).sort()[k - 1]!;
  }
  // Insertion sort in place: services are small, and this runs on every change of the set.
  for (let i = 0; i < n; i++) {
    const value = upAt[members[i]!]!;
    let j = i;
    for (; j > 0 && scratch[j - 1]! > value; j--) scratch[j] = scratch[j - 1]!;
    scratch[j] = value;
  }
  return scratch[k - 1]!;
}
