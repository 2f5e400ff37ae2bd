/**
 * Default failure, repair, maintenance and HA timing figures, each with its source. Every one is
 * overridable in the scenario's `availability:` section; the defaults are deliberately on the
 * pessimistic side of their sources (a verdict is never wrong in the comfortable direction).
 *
 * Conventions: a year is 365.25 days = 525,960 minutes; times are means of exponential
 * distributions in the simulation. The long-run unavailability of a component that alternates
 * between up (mean MTBF) and down (mean MTTR) is MTTR / (MTBF + MTTR) whatever the shapes of the
 * two distributions (alternating renewal process; Barlow & Proschan, "Statistical Theory of
 * Reliability and Life Testing", 1975), so the Weibull times between failures and lognormal repair
 * times Schroeder & Gibson measured change the spread of yearly downtime, not its mean.
 *
 * - Node: MTBF 15,000 h (about 1.7 years), MTTR 8 h. Dean, "Designs, Lessons and Advice from
 *   Building Large Distributed Systems" (LADIS 2009 keynote), a new cluster's first year: about
 *   1,000 individual machine failures in a cluster of about 1,800 machines, 0.55 a machine-year,
 *   MTBF about 15,900 h. Schroeder & Gibson, "A Large-Scale Study of Failures in High-Performance
 *   Computing Systems" (DSN 2006; IEEE TDSC 7(4), 2010), 23,000 failures at LANL: mean repair
 *   time from under an hour to over a day by system, lognormal; 8 h is a working day for a lab
 *   with no spare parts on site.
 * - Failure domain (rack, power feed): MTBF 2 years (17,532 h), MTTR 4 h. Dean (LADIS 2009):
 *   about 20 rack failures and 1 PDU failure a year in that cluster (some 30 racks of 40-80
 *   machines), "1-6 hours to get back"; a lab rack on one UPS is taken at one every two years.
 * - Maintenance: 12 rounds a year (the seed's monthly Ansible patching, section 6.2), one node
 *   at a time, 30 minutes per node (drain, patch, reboot, the post-update validation playbook).
 *   HA VMs are moved off first by live migration (Proxmox node maintenance mode, ha-manager
 *   `crm-command node-maintenance enable`), so only VMs that cannot move are down.
 * - HA recovery (detection and fencing): 2 minutes. Proxmox VE HA (docs/pve-ha-recovery.md
 *   section 2, from pve-ha-manager NodeStatus.pm and the simulator): a node unseen for 60 s is
 *   marked for fencing; its agent lock is taken once unrenewed for 120 s (the watchdog, 60 s,
 *   has reset the node by then), and its services are recovered in that CRM round: a node lost
 *   at t = 120 s has its services recovered at 240 s.
 * - Boot: 1 minute for every class unless the scenario says otherwise (`boot:` per class).
 */
import type { AvailabilitySettings } from '../model/cluster.js';

const HOUR = 60;

export const DEFAULT_AVAILABILITY: AvailabilitySettings = {
  node: { mtbfMinutes: 15_000 * HOUR, mttrMinutes: 8 * HOUR },
  nodeOverrides: {},
  domain: { mtbfMinutes: 17_532 * HOUR, mttrMinutes: 4 * HOUR },
  domainOverrides: {},
  maintenance: { perYear: 12, durationMinutes: 30 },
  haRecoveryMinutes: 2,
  bootMinutes: { default: 1, byClass: {} },
};
