/**
 * A synthetic utilisation history for a scenario (the lab's, data/lab/history/): every guest on
 * its current node, every node the sum of its guests plus the host's own use.
 *
 *   level = the class profile's level * a per-guest factor drawn in [0.8, 1.2)
 *   guest cpu(t)  = clamp01(level * growth(t) * (1 + dailyAmp * daily(t)) * (1 - weekendDip * weekend(t)) + noise(t))
 *   guest mem(t)  = min(memGiB, memGiB * memFill * growth(t) * (1 + 0.04 * daily(t)) + noise(t))
 *   guest disk(t) = min(diskGiB, diskGiB * diskFill + diskGiBPerDay * days(t) + noise(t))
 *   daily(t) = sin(2 pi (hourUTC(t) - 8) / 24)        (peak at 14:00 UTC, trough at 02:00)
 *   weekend(t) = 1 on Saturday and Sunday UTC, else 0
 *   growth(t) = 1 + growthPerMonth * (t - start) / 30 d
 *   noise: AR(1), x[i] = 0.8 x[i-1] + e[i], e ~ N(0, sd * sqrt(1 - 0.8^2)) so that x has standard
 *          deviation sd: 8% of level (cpu), 1% of memGiB, 0.2% of diskGiB; Box-Muller on minstd_rand0
 *   node cpu  = min(1, (sum of its guests' cpu * vcpus + hostCores) / cpuThreads)
 *   node mem  = host share of memReservedGiB + sum of guests' mem;  node disk = sum of guests' disk
 *
 * Events (LAB_EVENTS): one VM is added part-way (its series starts then, its node's steps up);
 * one node's scrapes stop for some hours (no samples for it and its guests: a long gap, NaN).
 * Values are rounded (cpu 3 decimals, GiB 2 for memory, 1 for disk) so that the CSV holds them
 * exactly. Each entity draws from its own generator, seeded from the seed and its name, so
 * adding a VM does not change the others. Complexity: O(entities * samples).
 */
import type { Cluster, VmSpec } from '../../../engine/model/cluster.js';
import { compareSeries, type History, type HistoryMetric, type HistorySeries } from '../../../engine/model/history.js';
import { MinstdRand0 } from '../../../engine/packing/minstd.js';

interface Profile {
  /** Mean CPU use, fraction of the guest's vCPUs. */
  level: number;
  dailyAmp: number;
  weekendDip: number;
  growthPerMonth: number;
  memFill: number;
  diskFill: number;
  diskGiBPerDay: number;
}

/** Usage profiles per VM class (the lab's classes); other classes take DEFAULT_PROFILE. */
const PROFILES: Readonly<Record<string, Profile>> = {
  'infra-small': { level: 0.06, dailyAmp: 0.3, weekendDip: 0.1, growthPerMonth: 0.02, memFill: 0.45, diskFill: 0.3, diskGiBPerDay: 0.02 },
  infra: { level: 0.12, dailyAmp: 0.4, weekendDip: 0.2, growthPerMonth: 0.04, memFill: 0.6, diskFill: 0.45, diskGiBPerDay: 0.15 },
  'k8s-control': { level: 0.15, dailyAmp: 0.3, weekendDip: 0.15, growthPerMonth: 0.05, memFill: 0.55, diskFill: 0.35, diskGiBPerDay: 0.05 },
  'k8s-worker': { level: 0.35, dailyAmp: 0.6, weekendDip: 0.35, growthPerMonth: 0.1, memFill: 0.65, diskFill: 0.4, diskGiBPerDay: 0.6 },
  'app-server': { level: 0.25, dailyAmp: 0.7, weekendDip: 0.5, growthPerMonth: 0.08, memFill: 0.55, diskFill: 0.35, diskGiBPerDay: 0.2 },
  database: { level: 0.3, dailyAmp: 0.5, weekendDip: 0.4, growthPerMonth: 0.06, memFill: 0.8, diskFill: 0.5, diskGiBPerDay: 2.5 },
  'gpu-compute': { level: 0.5, dailyAmp: 0.3, weekendDip: 0.1, growthPerMonth: 0.12, memFill: 0.7, diskFill: 0.55, diskGiBPerDay: 1.5 },
  hpc: { level: 0.55, dailyAmp: 0.2, weekendDip: 0.05, growthPerMonth: 0.05, memFill: 0.75, diskFill: 0.4, diskGiBPerDay: 1 },
};
const DEFAULT_PROFILE: Profile = { level: 0.2, dailyAmp: 0.4, weekendDip: 0.2, growthPerMonth: 0.05, memFill: 0.6, diskFill: 0.4, diskGiBPerDay: 0.2 };

/** Host CPU (cores) and the share of memReservedGiB the host uses. */
const HOST = { cores: 0.4, memShare: 0.6 };
const AR_COEFFICIENT = 0.8;

export interface LabEvents {
  added: { vm: string; day: number };
  scrapeOutage: { node: string; day: number; hour: number; hours: number };
}

/** The lab's events: hpc1 starts on day 21 (node04 steps up); node03 is not scraped for 4 h on day 27. */
export const LAB_EVENTS: LabEvents = {
  added: { vm: 'hpc1', day: 21 },
  scrapeOutage: { node: 'node03', day: 27, hour: 9, hours: 4 },
};

export interface SynthesisOptions {
  seed: number;
  startSeconds: number;
  days: number;
  stepSeconds: number;
  events: LabEvents;
}

type Usage = Record<'cpu' | 'memGiB' | 'diskGiB', Float64Array>;

export function synthesizeHistory(cluster: Cluster, options: SynthesisOptions): History {
  const length = (options.days * 86_400) / options.stepSeconds;
  const times = Float64Array.from({ length }, (_, i) => options.startSeconds + i * options.stepSeconds);
  const series: HistorySeries[] = [];
  const guestNode: Record<string, string> = {};
  for (const node of cluster.nodes) {
    const guests = cluster.vms.filter((vm) => vm.currentNode === node.name);
    const nodeUsage: Usage = { cpu: times.map(() => HOST.cores), memGiB: times.map(() => node.memReservedGiB * HOST.memShare), diskGiB: new Float64Array(length) };
    for (const vm of guests) {
      const usage = guestUsage(vm, times, options);
      const firstIndex = vm.name === options.events.added.vm ? Math.round((options.events.added.day * 86_400) / options.stepSeconds) : 0;
      for (let i = firstIndex; i < length; i++) {
        nodeUsage.cpu[i] += usage.cpu[i]! * vm.vcpus;
        nodeUsage.memGiB[i] += usage.memGiB[i]!;
        nodeUsage.diskGiB[i] += usage.diskGiB[i]!;
      }
      series.push(...seriesOf(vm.name, 'guest', usage, firstIndex, options));
      guestNode[vm.name] = node.name;
    }
    nodeUsage.cpu = nodeUsage.cpu.map((cores) => Math.min(1, cores / node.cpuThreads));
    series.push(...seriesOf(node.name, 'node', nodeUsage, 0, options));
  }
  const outage = options.events.scrapeOutage;
  const outageStart = Math.round(((outage.day * 24 + outage.hour) * 3_600) / options.stepSeconds);
  const outageEnd = outageStart + (outage.hours * 3_600) / options.stepSeconds;
  for (const s of series) {
    const entityNode = s.kind === 'node' ? s.entity : guestNode[s.entity];
    if (entityNode !== outage.node) continue;
    const offset = (s.startSeconds - options.startSeconds) / options.stepSeconds;
    s.values.fill(Number.NaN, Math.max(0, outageStart - offset), Math.max(0, outageEnd - offset));
  }
  return { series: series.sort(compareSeries), guestNode: Object.fromEntries(Object.entries(guestNode).sort(([a], [b]) => (a < b ? -1 : 1))) };
}

function guestUsage(vm: VmSpec, times: Float64Array, options: SynthesisOptions): Usage {
  const profile = PROFILES[vm.className] ?? DEFAULT_PROFILE;
  const rng = new MinstdRand0(options.seed * 7_919 + nameHash(vm.name));
  const cpuNoise = ar1(rng, times.length, 0.08 * profile.level);
  const memNoise = ar1(rng, times.length, 0.01 * vm.memGiB);
  const diskNoise = ar1(rng, times.length, 0.002 * vm.diskGiB);
  const level = profile.level * (0.8 + 0.4 * rng.uniform());
  const usage: Usage = { cpu: new Float64Array(times.length), memGiB: new Float64Array(times.length), diskGiB: new Float64Array(times.length) };
  times.forEach((t, i) => {
    const days = (t - options.startSeconds) / 86_400;
    const growth = 1 + (profile.growthPerMonth * days) / 30;
    const daily = Math.sin((2 * Math.PI * (((t % 86_400) / 3_600) - 8)) / 24);
    const weekday = (Math.floor(t / 86_400) + 4) % 7; // 1970-01-01 was a Thursday; 0 is Sunday
    const weekend = weekday === 0 || weekday === 6 ? 1 : 0;
    usage.cpu[i] = Math.min(1, Math.max(0, level * growth * (1 + profile.dailyAmp * daily) * (1 - profile.weekendDip * weekend) + cpuNoise[i]!));
    usage.memGiB[i] = Math.min(vm.memGiB, vm.memGiB * profile.memFill * growth * (1 + 0.04 * daily) + memNoise[i]!);
    usage.diskGiB[i] = Math.min(vm.diskGiB, vm.diskGiB * profile.diskFill + profile.diskGiBPerDay * days + diskNoise[i]!);
  });
  return usage;
}

const DECIMALS: Readonly<Record<keyof Usage, number>> = { cpu: 3, memGiB: 2, diskGiB: 1 };

function seriesOf(entity: string, kind: 'node' | 'guest', usage: Usage, firstIndex: number, options: SynthesisOptions): HistorySeries[] {
  return (Object.keys(DECIMALS) as Array<keyof Usage & HistoryMetric>).map((metric) => {
    const scale = 10 ** DECIMALS[metric];
    return {
      entity,
      kind,
      metric,
      startSeconds: options.startSeconds + firstIndex * options.stepSeconds,
      stepSeconds: options.stepSeconds,
      values: usage[metric].slice(firstIndex).map((value) => Math.round(value * scale) / scale),
    };
  });
}

function ar1(rng: MinstdRand0, length: number, sd: number): Float64Array {
  const noise = new Float64Array(length);
  const innovationSd = sd * Math.sqrt(1 - AR_COEFFICIENT ** 2); // so that x has standard deviation sd
  for (let i = 0; i < length; i++) noise[i] = (i === 0 ? 0 : AR_COEFFICIENT * noise[i - 1]!) + innovationSd * gaussian(rng);
  return noise;
}

/** Box-Muller: a standard normal draw from two uniforms in (0, 1]. */
function gaussian(rng: MinstdRand0): number {
  return Math.sqrt(-2 * Math.log(1 - rng.uniform())) * Math.cos(2 * Math.PI * rng.uniform());
}

/** FNV-1a of the name, 31 bits: a stable per-entity seed offset. */
function nameHash(name: string): number {
  let hash = 0x811c9dc5;
  for (const char of name) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return hash & 0x7fffffff;
}
