/** Runs both availability methods in-process (one thread) on a built cluster, for engine tests. */
import { availabilitySetup, summariseAvailability, type AvailabilityResult } from '../../src/engine/availability/availability.js';
import { DEFAULT_AVAILABILITY } from '../../src/engine/availability/defaults.js';
import { chunkYears, simulateChunk } from '../../src/engine/availability/monte-carlo.js';
import type { AvailabilitySettings, Cluster } from '../../src/engine/model/cluster.js';
import { planPlacement, strategyNamed } from '../../src/engine/placement/plan.js';

/** Settings with nothing but what a test states: no maintenance, no HA recovery time, no boot time. */
export function settings(patch: Partial<AvailabilitySettings>): AvailabilitySettings {
  return { ...DEFAULT_AVAILABILITY, maintenance: { perYear: 0, durationMinutes: 30 }, haRecoveryMinutes: 0, bootMinutes: { default: 0, byClass: {} }, ...patch };
}

export function availabilityOf(cluster: Cluster, years: number, seed = 1, targetPercent: number | null = null): AvailabilityResult {
  const strategy = cluster.policy.strategy;
  const placed = planPlacement(cluster, strategy);
  const chosen = cluster.availability ?? DEFAULT_AVAILABILITY;
  const setup = availabilitySetup(placed.state, strategyNamed(strategy), chosen);
  const chunks = chunkYears(years).map((y, chunk) => simulateChunk(setup.model, setup.outcomes, setup.round, seed, chunk, y));
  return summariseAvailability(setup, { scenario: cluster.name, strategy, years, seed, settings: chosen, targetPercent }, chunks);
}

export const HOURS = 60;
