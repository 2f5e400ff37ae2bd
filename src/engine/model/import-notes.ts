/**
 * What an import of a real cluster (a Proxmox VE dump or API) assumed, guessed or left out, as
 * data. The importer returns them with the scenario; `engine/report/explain.ts` words them
 * (`importNoteText`), once, for the terminal and for the comments of the written scenario.
 */

/** A guest as the user knows it: its Proxmox id and name. */
export interface GuestRef {
  vmid: number;
  name: string;
}

export type ImportNote =
  /** An optional dump file was missing (relative to the dump); the words say what stood in for it. */
  | { code: 'missing-file'; file: string }
  /** The node is offline: it is kept, and its guests count, as they run again when it returns. */
  | { code: 'node-offline'; node: string; guests: number }
  /** No node status (an offline node answers none): threads and memory from cluster-resources. */
  | { code: 'node-size-from-resources'; node: string }
  /** corosync.conf does not list the node: one vote, corosync's default. */
  | { code: 'node-votes-default'; node: string }
  /** The memory every node keeps for the host, which no dump states. */
  | { code: 'host-reserve'; memReservedGiB: number }
  /** The policy written is headroom's default; the cluster states none. */
  | { code: 'policy-defaults'; strategy: string }
  | { code: 'qdevice'; votes: number; algorithm: string | null; votesStated: boolean }
  /** Guests left out: templates always, stopped guests unless --include-stopped. */
  | { code: 'guests-skipped'; reason: 'template' | 'stopped'; guests: GuestRef[] }
  /** Guests whose status is not running or stopped (on an offline node: unknown): counted. */
  | { code: 'guests-status-unknown'; guests: GuestRef[] }
  /** Stopped guests counted because of --include-stopped. */
  | { code: 'guests-stopped-included'; guests: GuestRef[] }
  /** Which memory counts (`--memory`), and how much the other choice would differ. */
  | { code: 'memory-policy'; policy: 'max' | 'balloon'; ballooning: number; differenceGiB: number }
  /** An lxc without `cores` may use every thread of its host: counted as that many vCPUs. */
  | { code: 'lxc-all-cores'; guest: GuestRef; vcpus: number }
  /** A guest in cluster-resources without a config file in etc-pve: sized from cluster-resources, no disks. */
  | { code: 'guest-without-config'; guest: GuestRef }
  /** A config in etc-pve with no cluster-resources entry: status unknown, counted. */
  | { code: 'guest-not-in-resources'; guest: GuestRef }
  | { code: 'disk-size-unknown'; guest: GuestRef; disk: string }
  /** A host path (bind mount, passed-through block device): no pool holds it. */
  | { code: 'disk-not-on-storage'; guest: GuestRef; disk: string; volume: string }
  /** The scenario gives a guest one pool: `pool` holds the guest, the others' GiB are reserved on their pools. */
  | { code: 'guest-several-pools'; guest: GuestRef; pool: string; reserved: { pool: string; diskGiB: number }[] }
  /** A guest with no disk on any storage, placed on the empty pool `pool`. */
  | { code: 'guest-no-disk'; guests: GuestRef[]; pool: string }
  /** A raw PCI id (no resource mapping) pins the guest to the node it is on. */
  | { code: 'raw-pci-pinned'; guest: GuestRef; node: string; devices: string[] }
  | { code: 'guest-several-gpu-models'; guest: GuestRef; counted: string; ignored: string[] }
  /** Every mapped PCI device counts as one GPU of its mapping's model (the id in pci.cfg). */
  | { code: 'pci-mappings-as-gpus'; mappings: string[] }
  | { code: 'node-several-gpu-models'; node: string; counted: string; ignored: string[] }
  /** A guest was renamed in the scenario because its Proxmox name is taken or not a valid name. */
  | { code: 'guest-renamed'; guest: GuestRef; as: string }
  /** No capacity known (status unknown): assumed full, at what its counted guests hold. */
  | { code: 'pool-capacity-unknown'; pool: string; node: string | null; assumedGiB: number }
  | { code: 'pool-served-by'; pool: string; node: string; how: 'flag' | 'address'; address: string | null }
  /** A shared pool no node serves: its failure is no node's failure. */
  | { code: 'pool-external'; pool: string; servers: string[] }
  | { code: 'pool-disabled'; pool: string }
  /** A local pool's guest disk on a node its `nodes` list leaves out: an instance is added there. */
  | { code: 'pool-instance-added'; pool: string; node: string }
  | { code: 'crs'; mode: 'basic' | 'static'; source: 'datacenter' | 'default' | 'dynamic-as-static' }
  | { code: 'crs-rebalance-not-modelled'; onStart: boolean; auto: boolean }
  /** max_restart/max_relocate differ from 1 somewhere: the scenario does not model restarts. */
  | { code: 'ha-restarts-not-modelled'; guests: GuestRef[] }
  /** HA resources with state other than started (ignored, disabled, stopped): not HA in the scenario. */
  | { code: 'ha-not-managed'; guests: GuestRef[] }
  /** An HA resource whose guest the dump does not hold. */
  | { code: 'ha-resource-unknown'; sid: string }
  | { code: 'group-converted'; group: string; rule: string; strict: boolean; failback: boolean }
  | { code: 'rule-resource-dropped'; rule: string; sid: string; why: 'not-imported' | 'not-ha' | 'unknown' }
  | { code: 'rule-node-dropped'; rule: string; node: string }
  | { code: 'rule-dropped'; rule: string; why: 'no-resources' | 'no-nodes' | 'one-resource' }
  /** failback 0 on guests whose node-affinity rules also hold guests with failback on: kept on. */
  | { code: 'failback-not-expressible'; guests: GuestRef[] }
  /** failback 0 on guests in no node-affinity rule: it changes nothing there. */
  | { code: 'failback-without-rule'; guests: GuestRef[] };
