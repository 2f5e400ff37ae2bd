/**
 * Monte Carlo estimate of each service's downtime: a discrete-event simulation of `years` years
 * of component failures and repairs and the maintenance schedule, on one independent random
 * stream (numeric/random-stream.ts). Every component alternates between up, for an exponential
 * time of mean MTBF, and down, for an exponential time of mean MTTR, independently of the others;
 * a domain's failure downs all its nodes at once (the common cause). Each change of the set of
 * down nodes goes through the failure engine (timeline.ts, outcome-cache.ts), so quorum, storage,
 * GPUs, local disks and capacity count as they happen.
 *
 * A run is cut into chunks of whole years, each on stream `chunk` of the seed and starting with
 * every component up, so the chunks are independent and any thread computes the same chunk to
 * the same bits; runner and statistics merge them in chunk order (monte-carlo-summary.ts).
 * Fast path: a maintenance round that starts with the cluster all up and ends before the next
 * failure adds the precomputed round (maintenance-round.ts) instead of stepping through it.
 * Complexity: O(events × (components + VMs moved)); events ≈ years × (2 × Σ 1/MTBF + 2 × nodes ×
 * perYear for rounds some failure overlaps).
 */
import { RandomStream } from '../numeric/random-stream.js';
import type { MaintenanceRound } from './maintenance-round.js';
import { MINUTES_PER_YEAR, type AvailabilityModel } from './model.js';
import type { OutcomeCache } from './outcome-cache.js';
import { Timeline } from './timeline.js';

/** One chunk's totals, as plain arrays a worker can post back. */
export interface ChunkResult {
  years: number;
  /** Minutes down per service over the chunk. */
  downtime: Float64Array;
  /** (service × causes + cause, minutes) pairs, in the order first charged. */
  chargedKeys: Int32Array;
  chargedMinutes: Float64Array;
}

export function simulateChunk(model: AvailabilityModel, outcomes: OutcomeCache, round: MaintenanceRound | null, seed: number, chunk: number, years: number): ChunkResult {
  const random = new RandomStream(seed, chunk);
  const timeline = new Timeline(model, outcomes);
  const { components, maintenance } = model;
  const horizon = years * MINUTES_PER_YEAR;
  const next = Float64Array.from(components, (c) => random.exponential(c.mtbfMinutes));
  const failed = new Uint8Array(components.length);
  let roundIndex = 0;
  let node = 0;
  let inWindow = false;
  let quietRounds = 0;
  let t = 0;
  for (;;) {
    let component = -1;
    let componentTime = Infinity;
    for (let c = 0; c < next.length; c++) {
      if (next[c]! < componentTime) {
        componentTime = next[c]!;
        component = c;
      }
    }
    const windowTime = maintenance === null ? Infinity : roundIndex * maintenance.period + (node + (inWindow ? 1 : 0)) * maintenance.duration;
    if (round !== null && node === 0 && !inWindow && windowTime < componentTime && windowTime + round.span <= horizon) {
      timeline.integrate(t, windowTime);
      t = windowTime;
      if (componentTime >= t + round.span && timeline.atBaseline()) {
        quietRounds++;
        t += round.span;
        roundIndex++;
        continue;
      }
    }
    const eventTime = Math.min(componentTime, windowTime, horizon);
    timeline.integrate(t, eventTime);
    t = eventTime;
    if (t >= horizon) break;
    if (componentTime <= windowTime) {
      const { nodes, mtbfMinutes, mttrMinutes } = components[component]!;
      if (failed[component] === 0) {
        failed[component] = 1;
        next[component] = t + random.exponential(mttrMinutes);
        timeline.causeDown(component, nodes, t, true);
      } else {
        failed[component] = 0;
        next[component] = t + random.exponential(mtbfMinutes);
        timeline.causeUp(component, nodes, t);
      }
    } else if (!inWindow) {
      inWindow = true;
      timeline.causeDown(model.maintenanceCause(node), [node], t, false);
    } else {
      inWindow = false;
      timeline.causeUp(model.maintenanceCause(node), [node], t);
      node++;
      if (node === model.nodeCount) {
        node = 0;
        roundIndex++;
      }
    }
  }
  if (round !== null) timeline.add(round.totals, quietRounds);
  const { downtime, charged } = timeline.totals();
  return { years, downtime, chargedKeys: Int32Array.from(charged.keys()), chargedMinutes: Float64Array.from(charged.values()) };
}

/** How a run of `years` is cut: at most MAX_CHUNKS chunks of whole years, the first ones a year longer when it does not divide. */
export const MAX_CHUNKS = 100;

export function chunkYears(years: number): number[] {
  const count = Math.min(years, MAX_CHUNKS);
  const base = Math.floor(years / count);
  return Array.from({ length: count }, (_, i) => base + (i < years % count ? 1 : 0));
}
