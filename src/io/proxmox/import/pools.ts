/**
 * storage.cfg pools as scenario pools, and each counted guest's one pool.
 *
 * - Written: every enabled pool that may hold guest disks (content `images` or `rootdir`), and
 *   any other pool a guest's disk is on (a disabled one is said to be).
 * - A local pool is one instance per node it is enabled on (its `nodes`, else every node), with
 *   that node's cluster-resources `maxdisk`; a shared pool one store with the first `maxdisk` any
 *   node reports. An unknown capacity (status unknown, an offline node) is assumed full: what its
 *   guests hold.
 * - A shared pool's serving node: `--served-by POOL=NODE`, else the node whose corosync ring
 *   address (or cluster-status ip, or its name) is one of the pool's server addresses, else none (external:
 *   its failure is no node's failure).
 * - The scenario gives a guest one pool, so a guest with disks on several pools is held by the
 *   one that ties it down most: a local pool before a shared one (a local disk keeps the guest
 *   on its node), then the one with the most MiB, then by id. Its disks on the other pools, and
 *   the disks of guests not counted (templates, stopped guests: their volumes still take space),
 *   are taken off those pools' capacity, so every pool's total stays right.
 * - A guest with no disk on any storage goes to an empty shared pool, `no-disk`, that every node
 *   reaches.
 */
import type { LocalPool, NodeSpec, SharedPool, StoragePool as ScenarioPool } from '../../../engine/model/cluster.js';
import type { ImportNote } from '../../../engine/model/import-notes.js';
import { InputError } from '../../../errors.js';
import type { ProxmoxDump } from '../dump/read-dump.js';
import type { StoragePool } from '../dump/storage.js';
import { refOf, type GuestDraft } from './guests.js';
import { capacityMiB, gib } from './units.js';

const NO_DISK_POOL = 'no-disk';

export interface PlacedGuest {
  draft: GuestDraft;
  pool: string;
  diskGiB: number;
}

export interface PoolMapping {
  pools: ScenarioPool[];
  guests: PlacedGuest[];
}

export function mapPools(dump: ProxmoxDump, drafts: readonly GuestDraft[], nodes: readonly NodeSpec[], servedBy: Readonly<Record<string, string>>, notes: ImportNote[]): PoolMapping {
  const nodeNames = nodes.map((node) => node.name);
  const byId = new Map(dump.storage.map((pool) => [pool.id, pool]));
  checkServedBy(servedBy, byId, nodeNames);
  /** MiB held on a pool instance (`pool@node` for local, `pool` for shared) that no scenario guest carries. */
  const held = new Map<string, number>();
  /** MiB the scenario's guests carry, per instance key, for pools of unknown capacity. */
  const carried = new Map<string, number>();
  const instanceKey = (pool: StoragePool, node: string): string => (pool.shared ? pool.id : `${pool.id}@${node}`);
  const add = (map: Map<string, number>, key: string, mib: number): void => void map.set(key, (map.get(key) ?? 0) + mib);

  const guests: PlacedGuest[] = [];
  for (const draft of drafts) {
    if (!draft.counted) {
      for (const [id, mib] of draft.diskMiB) add(held, instanceKey(byId.get(id)!, draft.node), mib);
      continue;
    }
    const ranked = [...draft.diskMiB].sort(([a, aMiB], [b, bMiB]) => Number(byId.get(a)!.shared) - Number(byId.get(b)!.shared) || bMiB - aMiB || a.localeCompare(b));
    if (ranked.length === 0) {
      guests.push({ draft, pool: NO_DISK_POOL, diskGiB: 0 });
      continue;
    }
    const [[pool, mib], ...others] = ranked;
    add(carried, instanceKey(byId.get(pool!)!, draft.node), mib!);
    for (const [id, otherMiB] of others) add(held, instanceKey(byId.get(id)!, draft.node), otherMiB);
    if (others.length > 0) notes.push({ code: 'guest-several-pools', guest: refOf(draft), pool: pool!, reserved: others.map(([id, otherMiB]) => ({ pool: id, diskGiB: gib(otherMiB) })) });
    guests.push({ draft, pool: pool!, diskGiB: gib(mib!) });
  }

  const used = new Set(drafts.flatMap((draft) => [...draft.diskMiB.keys()]));
  const capacity = (pool: StoragePool, node: string | null): number => {
    const key = node === null ? pool.id : `${pool.id}@${node}`;
    const reported = dump.resources.storages.filter((entry) => entry.storage === pool.id && (node === null || entry.node === node)).sort((a, b) => a.node.localeCompare(b.node)).find((entry) => entry.maxdisk !== null);
    const inUse = (carried.get(key) ?? 0) + (held.get(key) ?? 0);
    const totalMiB = reported === undefined ? inUse : capacityMiB(reported.maxdisk!);
    if (reported === undefined) notes.push({ code: 'pool-capacity-unknown', pool: pool.id, node, assumedGiB: gib(inUse) });
    return gib(Math.max(0, totalMiB - (held.get(key) ?? 0)));
  };

  const pools: ScenarioPool[] = [];
  for (const pool of dump.storage) {
    const holdsGuests = pool.content.includes('images') || pool.content.includes('rootdir');
    if (!used.has(pool.id) && (pool.disabled || !holdsGuests)) continue;
    if (pool.disabled) notes.push({ code: 'pool-disabled', pool: pool.id });
    const enabledOn = pool.nodes === null ? nodeNames : nodeNames.filter((node) => pool.nodes!.includes(node));
    if (pool.shared) {
      pools.push(sharedPool(pool, enabledOn, capacity(pool, null), servedBy, dump, notes));
      continue;
    }
    const guestNodes = drafts.filter((draft) => draft.diskMiB.has(pool.id)).map((draft) => draft.node);
    const added = [...new Set(guestNodes)].filter((node) => !enabledOn.includes(node)).sort();
    for (const node of added) notes.push({ code: 'pool-instance-added', pool: pool.id, node });
    const instances = nodeNames.filter((node) => enabledOn.includes(node) || added.includes(node));
    const local: LocalPool = { name: pool.id, kind: 'local', media: pool.type, capacityGiBByNode: Object.fromEntries(instances.map((node) => [node, capacity(pool, node)])) };
    pools.push(local);
  }
  if (guests.some((guest) => guest.pool === NO_DISK_POOL)) {
    pools.push({ name: NO_DISK_POOL, kind: 'shared', media: 'none', capacityGiB: 0, servedBy: null, reachableFrom: nodeNames });
    notes.push({ code: 'guest-no-disk', guests: guests.filter((guest) => guest.pool === NO_DISK_POOL).map((guest) => refOf(guest.draft)), pool: NO_DISK_POOL });
  }
  return { pools, guests };
}

function sharedPool(pool: StoragePool, enabledOn: string[], capacityGiB: number, servedBy: Readonly<Record<string, string>>, dump: ProxmoxDump, notes: ImportNote[]): SharedPool {
  const flagged = servedBy[pool.id];
  const shared = (server: string | null): SharedPool => ({ name: pool.id, kind: 'shared', media: pool.type, capacityGiB, servedBy: server, reachableFrom: enabledOn });
  if (flagged !== undefined) {
    notes.push({ code: 'pool-served-by', pool: pool.id, node: flagged, how: 'flag', address: null });
    return shared(flagged);
  }
  const addresses = [
    ...(dump.corosync?.nodes ?? []).map((node) => ({ node: node.name, address: node.name })),
    ...(dump.corosync?.nodes ?? []).flatMap((node) => (node.ring0Addr === null ? [] : [{ node: node.name, address: node.ring0Addr }])),
    ...(dump.clusterStatus?.nodes ?? []).flatMap((node) => (node.ip === null ? [] : [{ node: node.name, address: node.ip }])),
  ];
  const match = pool.servers.flatMap((server) => addresses.filter((entry) => entry.address === server))[0];
  if (match !== undefined) {
    notes.push({ code: 'pool-served-by', pool: pool.id, node: match.node, how: 'address', address: match.address });
    return shared(match.node);
  }
  notes.push({ code: 'pool-external', pool: pool.id, servers: pool.servers });
  return shared(null);
}

function checkServedBy(servedBy: Readonly<Record<string, string>>, pools: ReadonlyMap<string, StoragePool>, nodeNames: readonly string[]): void {
  for (const [pool, node] of Object.entries(servedBy)) {
    const found = pools.get(pool);
    if (found === undefined || !found.shared) {
      const shared = [...pools.values()].filter((candidate) => candidate.shared).map((candidate) => candidate.id);
      throw new InputError({ file: '--served-by', field: 'POOL', value: pool, expected: `a shared pool of storage.cfg (${shared.join(', ') || 'it defines none'})` });
    }
    if (!nodeNames.includes(node)) throw new InputError({ file: '--served-by', field: `${pool}.NODE`, value: node, expected: `a node of the cluster (${nodeNames.join(', ')})` });
  }
}
