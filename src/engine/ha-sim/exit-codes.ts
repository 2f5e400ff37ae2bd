/**
 * Result codes the LRM reports to the CRM (`PVE::HA::Tools` `:exit_codes`). Only their identity
 * matters to the simulation, not the numbers.
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
