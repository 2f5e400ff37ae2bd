/**
 * Expected downtime per service per year, by two methods that must agree: analytic.ts (state
 * enumeration) and monte-carlo.ts (event simulation), both on the failure engine's outcome for
 * each set of down nodes. This file sets up what both share and turns their totals into the
 * result `availability --json` prints.
 *
 * Nines: -log10(downtime / 525,960), null for no downtime. Monte Carlo interval: batch means over
 * the chunks (independent streams), mean ± t(0.975; chunks - 1) × standard error, the lower end
 * clamped at 0; rounded outward to 0.001 minute. A service meets an availability target of p %
 * when the worse of the analytic figure and the interval's upper end is at most
 * (1 - p / 100) × 525,960 minutes: a verdict is never wrong in the comfortable direction.
 */
import type { AvailabilitySettings } from '../model/cluster.js';
import type { ClusterState } from '../model/state.js';
import { failureContext } from '../failure/context.js';
import type { Strategy } from '../placement/types.js';
import { studentT975 } from '../numeric/student-t.js';
import { analyticDowntime } from './analytic.js';
import { DEFAULT_AVAILABILITY } from './defaults.js';
import { maintenanceRound, type MaintenanceRound } from './maintenance-round.js';
import type { ChunkResult } from './monte-carlo.js';
import { compileModel, MINUTES_PER_YEAR, ruleLabel, type AvailabilityModel, type CauseKind } from './model.js';
import { OutcomeCache } from './outcome-cache.js';
import { Timeline, type DowntimeTotals } from './timeline.js';

/** What both methods and every chunk share, built once per thread. */
export interface AvailabilitySetup {
  model: AvailabilityModel;
  outcomes: OutcomeCache;
  round: MaintenanceRound | null;
  permanent: Uint8Array;
}

export function availabilitySetup(state: ClusterState, strategy: Strategy, settings: AvailabilitySettings = DEFAULT_AVAILABILITY): AvailabilitySetup {
  const model = compileModel(state, settings);
  const outcomes = new OutcomeCache(failureContext(state, strategy));
  return { model, outcomes, round: maintenanceRound(model, outcomes), permanent: new Timeline(model, outcomes).permanent };
}

export interface Contributor {
  kind: CauseKind;
  name: string;
  minutesPerYear: number;
  /** Of the service's downtime, 0 to 1. */
  share: number;
}

export interface DowntimeFigures {
  downtimeMinutesPerYear: number;
  nines: number | null;
  /** The largest causes first, at most five. */
  contributors: Contributor[];
}

export interface MonteCarloFigures extends DowntimeFigures {
  interval95: [number, number];
}

export interface ServiceAvailability {
  name: string;
  vms: string[];
  rule: string;
  analytic: DowntimeFigures;
  monteCarlo: MonteCarloFigures;
  /** Against --target; null without one. */
  meetsTarget: boolean | null;
}

interface Figures {
  mtbfHours: number;
  mttrHours: number;
}

export interface AvailabilityAssumptions {
  minutesPerYear: number;
  node: Figures;
  /** Nodes with figures of their own, by name (only what the scenario sets). */
  nodeOverrides: Record<string, Partial<Figures>>;
  domain: Figures;
  /** Domains (`kind:name`) with figures of their own. */
  domainOverrides: Record<string, Partial<Figures>>;
  maintenance: { perYear: number; durationMinutes: number };
  haRecoveryMinutes: number;
  bootMinutes: { default: number; byClass: Record<string, number> };
}

export interface AvailabilityResult {
  scenario: string;
  strategy: string;
  years: number;
  seed: number;
  assumptions: AvailabilityAssumptions;
  target: { percent: number; allowedMinutesPerYear: number } | null;
  /** Every service meets the target (true without one). */
  holds: boolean;
  services: ServiceAvailability[];
}

export interface AvailabilityRun {
  scenario: string;
  strategy: string;
  years: number;
  seed: number;
  settings: AvailabilitySettings;
  targetPercent: number | null;
}

const TOP_CONTRIBUTORS = 5;

/** The analytic figures alone, per service (cheap: `check` and `report` use it). */
export function analyticAvailability(setup: AvailabilitySetup): Array<{ name: string; vms: string[]; rule: string; analytic: DowntimeFigures }> {
  const totals = analyticDowntime(setup.model, setup.outcomes, setup.round, setup.permanent);
  return setup.model.services.map((service, s) => ({ name: service.name, vms: [...service.vms], rule: ruleLabel(service), analytic: figures(setup.model, totals, s, 1) }));
}

/** Both methods; `chunks` the Monte Carlo chunks in chunk order. */
export function summariseAvailability(setup: AvailabilitySetup, run: AvailabilityRun, chunks: readonly ChunkResult[]): AvailabilityResult {
  const { model } = setup;
  const analytic = analyticDowntime(model, setup.outcomes, setup.round, setup.permanent);
  const simulated = mergeChunks(model, chunks);
  const allowed = run.targetPercent === null ? null : (1 - run.targetPercent / 100) * MINUTES_PER_YEAR;
  const services = model.services.map((service, s): ServiceAvailability => {
    const interval = interval95(chunks, s, run.years);
    const analyticFigures = figures(model, analytic, s, 1);
    const worst = Math.max(analytic.downtime[s]!, interval[1]);
    return {
      name: service.name,
      vms: [...service.vms],
      rule: ruleLabel(service),
      analytic: analyticFigures,
      monteCarlo: { ...figures(model, simulated, s, run.years), interval95: [roundDown(interval[0]), roundUp(interval[1])] },
      meetsTarget: allowed === null ? null : worst <= allowed,
    };
  });
  const { settings } = run;
  return {
    scenario: run.scenario,
    strategy: run.strategy,
    years: run.years,
    seed: run.seed,
    assumptions: {
      minutesPerYear: MINUTES_PER_YEAR,
      node: inHours(settings.node) as Figures,
      nodeOverrides: Object.fromEntries(Object.entries(settings.nodeOverrides).map(([name, figures]) => [name, inHours(figures)])),
      domain: inHours(settings.domain) as Figures,
      domainOverrides: Object.fromEntries(Object.entries(settings.domainOverrides).map(([name, figures]) => [name, inHours(figures)])),
      maintenance: { ...settings.maintenance },
      haRecoveryMinutes: settings.haRecoveryMinutes,
      bootMinutes: { default: settings.bootMinutes.default, byClass: { ...settings.bootMinutes.byClass } },
    },
    target: run.targetPercent === null || allowed === null ? null : { percent: run.targetPercent, allowedMinutesPerYear: round3(allowed) },
    holds: services.every((s) => s.meetsTarget !== false),
    services,
  };
}

function inHours(figures: Partial<AvailabilitySettings['node']>): Partial<Figures> {
  return {
    ...(figures.mtbfMinutes === undefined ? {} : { mtbfHours: figures.mtbfMinutes / 60 }),
    ...(figures.mttrMinutes === undefined ? {} : { mttrHours: figures.mttrMinutes / 60 }),
  };
}

function mergeChunks(model: AvailabilityModel, chunks: readonly ChunkResult[]): DowntimeTotals {
  const totals: DowntimeTotals = { downtime: new Float64Array(model.services.length), charged: new Map() };
  for (const chunk of chunks) {
    chunk.downtime.forEach((minutes, s) => (totals.downtime[s]! += minutes));
    chunk.chargedKeys.forEach((key, i) => totals.charged.set(key, (totals.charged.get(key) ?? 0) + chunk.chargedMinutes[i]!));
  }
  return totals;
}

/** Batch means: chunk i's mean m_i over y_i years, weighted by y_i / mean chunk length. */
function interval95(chunks: readonly ChunkResult[], s: number, years: number): [number, number] {
  const n = chunks.length;
  const mean = chunks.reduce((sum, chunk) => sum + chunk.downtime[s]!, 0) / years;
  const meanLength = years / n;
  const spread = chunks.reduce((sum, chunk) => sum + (chunk.years / meanLength) * (chunk.downtime[s]! / chunk.years - mean) ** 2, 0) / (n - 1);
  const half = studentT975(n - 1) * Math.sqrt(spread / n);
  return [Math.max(0, mean - half), mean + half];
}

function figures(model: AvailabilityModel, totals: DowntimeTotals, s: number, years: number): DowntimeFigures {
  const downtime = totals.downtime[s]! / years;
  const causeCount = model.causes.length;
  const contributors: Array<Contributor & { cause: number }> = [];
  for (const [key, charged] of chargedOf(totals, causeCount).get(s) ?? []) {
    const minutes = charged / years;
    if (minutes > 0) contributors.push({ ...model.causes[key]!, minutesPerYear: round3(minutes), share: Math.round((minutes / downtime) * 10_000) / 10_000, cause: key });
  }
  // Largest first; equal ones in cause order (nodes, domains, windows).
  contributors.sort((a, b) => b.minutesPerYear - a.minutesPerYear || a.cause - b.cause);
  return { downtimeMinutesPerYear: round3(downtime), nines: ninesOf(downtime), contributors: contributors.slice(0, TOP_CONTRIBUTORS).map(({ cause: _cause, ...contributor }) => contributor) };
}

/** The charges grouped by service (once per totals object): service → [cause, minutes][]. */
const grouped = new WeakMap<DowntimeTotals, Map<number, Array<[number, number]>>>();
function chargedOf(totals: DowntimeTotals, causeCount: number): Map<number, Array<[number, number]>> {
  const known = grouped.get(totals);
  if (known !== undefined) return known;
  const byService = new Map<number, Array<[number, number]>>();
  for (const [key, minutes] of totals.charged) {
    const s = Math.floor(key / causeCount);
    const list = byService.get(s) ?? byService.set(s, []).get(s)!;
    list.push([key % causeCount, minutes]);
  }
  grouped.set(totals, byService);
  return byService;
}

export function ninesOf(downtimeMinutesPerYear: number): number | null {
  return downtimeMinutesPerYear > 0 ? round3(-Math.log10(downtimeMinutesPerYear / MINUTES_PER_YEAR)) : null;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;
const roundDown = (x: number): number => Math.floor(x * 1000) / 1000;
const roundUp = (x: number): number => Math.ceil(x * 1000) / 1000;
