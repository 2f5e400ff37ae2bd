/**
 * Result codes the LRM reports to the CRM for a request. Only their identity matters to the
 * simulation, not the numbers.
 * Observed: docs/pve-ha-recovery.md §9.1 (start failures), test-resource-failure*, test-crs-static-rebalance2 (a
 * rebalance-on-start ignored because the guest runs).
 */
export const EXIT = {
  success: 0,
  error: 1,
  tryAgain: 2,
  unknownServiceType: 3,
  unknownCommand: 4,
  invalidParameter: 5,
  unknownService: 6,
  wrongNode: 7,
  ignored: 8,
} as const;
