/**
 * One step of a simulated timeline: the commands of the pve-ha-manager test `cmdlist` language
 * (power and network per node, delays, skipped rounds, cfs faults, reboots, versions, CRM and
 * service commands), parsed by `io/proxmox/pve-ha-test/cmdlist.ts` or built by `from-cluster.ts`.
 * Observed: docs/pve-ha-recovery.md §2.
 */
export type SimCommand =
  | { kind: 'power' | 'network'; text: string; node: string; on: boolean }
  | { kind: 'delay'; text: string; seconds: number }
  | { kind: 'skip-round'; text: string; daemon: 'crm' | 'lrm'; rounds: number }
  | { kind: 'cfs'; text: string; node: string; what: 'rw' | 'update'; works: boolean }
  | { kind: 'reboot' | 'shutdown' | 'restart-lrm'; text: string; node: string }
  | { kind: 'crm'; text: string; node: string; action: CrmAction; mode?: 'freeze' | 'ignore' }
  | { kind: 'pve-manager-version'; text: string; node: string; version: string }
  | { kind: 'service'; text: string; sid: string; action: ServiceAction; args: string[] };

export type CrmAction = 'stop' | 'start' | 'enable-node-maintenance' | 'disable-node-maintenance' | 'disarm-ha' | 'arm-ha';

export type ServiceAction =
  | 'started' | 'stopped' | 'disabled' | 'ignored'
  | 'migrate' | 'relocate' | 'stop' | 'lock' | 'unlock' | 'add' | 'delete'
  | 'set-static-stats' | 'set-dynamic-stats' | 'manual-migrate';

