/**
 * npm run bench:forecast: the forecast accuracy benchmark of ../shared/bench/README.md.
 *
 *   (no flags)   the four shared series: a row per series and model (each model alone, with
 *                intervals from its own in-window backtests), then the chosen configuration
 *   --file F --columns a,b [--step 300] [--timestamp-column t] [--window-days 14] [--origins 7]
 *                the same protocol (the last 7 daily origins, a 14-day window; daily and weekly
 *                seasons when the window holds two weeks, else daily only) on any CSV. With a
 *                timestamp column (seconds or ISO 8601), day k starts at k * 86400 and rows are
 *                placed on the step's grid, missing rows bridged by a straight line as
 *                `forecast` bridges them; without one, days are counted back from the file's
 *                end (so a short day early in the file shifts nothing after it)
 *   --speed      1,000 seeded series on a piscina pool at 1 and 2 threads (forecast-speed.ts)
 *
 * Every series gets the one configuration DEFAULT_SETTINGS; nothing here knows a series.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_SETTINGS } from '../../src/engine/forecast/combiner.js';
import { bridgeGaps } from '../../src/engine/forecast/series.js';
import { candidateModels } from '../../src/engine/forecast/models.js';
import { readColumns } from './forecast-csv.js';
import { formatScore, scoreSeries, type Protocol } from './forecast-protocol.js';
import { runSpeedBench } from './forecast-speed.js';

const DAY = 288;
const SHARED = '../shared/bench/forecast';
const { values } = parseArgs({
  options: {
    file: { type: 'string' },
    columns: { type: 'string' },
    step: { type: 'string', default: '300' },
    'timestamp-column': { type: 'string' },
    'window-days': { type: 'string', default: '14' },
    origins: { type: 'string', default: '7' },
    speed: { type: 'boolean', default: false },
  },
});

/** Last `count` midnights that leave a whole test day, as step indices. */
function lastOrigins(length: number, perDay: number, count: number, firstDay = 0): number[] {
  const lastDay = Math.floor((length - firstDay) / perDay) - 1;
  return Array.from({ length: count }, (_, i) => firstDay + (lastDay - count + 1 + i) * perDay);
}

function weeklyProtocol(perDay: number, length: number): Protocol {
  return { origins: lastOrigins(length, perDay, 7), window: 14 * perDay, seasons: [perDay, 7 * perDay], settings: { ...DEFAULT_SETTINGS, horizon: perDay } };
}

function sharedSeries(): { name: string; y: Float64Array; protocol: Protocol }[] {
  const azure = readColumns(`${SHARED}/azure_v2_vm_cpu_readings_month_aggregated_cpu_mem.csv`, ['cpu_usage', 'assigned_mem']);
  const alibaba = readColumns(`${SHARED}/alibaba2018_machine_usage_days_1_to_8_grouped_300_seconds.csv`, ['cpu_util_percent', 'mem_util_percent']);
  // Alibaba: day 2 is short, so days 3..8 are the last 6 * 288 rows; origins at days 6, 7, 8.
  const alibabaProtocol = (length: number): Protocol => ({
    origins: [6, 7, 8].map((day) => length - (9 - day) * DAY),
    window: 3 * DAY,
    seasons: [DAY],
    settings: DEFAULT_SETTINGS,
  });
  return [
    ...[...azure].map(([column, y]) => ({ name: `azure ${column}`, y, protocol: weeklyProtocol(DAY, y.length) })),
    ...[...alibaba].map(([column, y]) => ({ name: `alibaba ${column}`, y, protocol: alibabaProtocol(y.length) })),
  ];
}

function sharedBench(): void {
  const chosen: string[] = [];
  for (const { name, y, protocol } of sharedSeries()) {
    for (const model of candidateModels(protocol.seasons)) console.log(`${name.padEnd(25)} ${model.name.padEnd(14)} ${formatScore(scoreSeries(y, protocol, [model]))}`);
    const combined = scoreSeries(y, protocol);
    console.log(`${name.padEnd(25)} ${'combination'.padEnd(14)} ${formatScore(combined)}`);
    chosen.push(`${name.replace(' ', '/')} ${formatScore(combined)}`);
  }
  const { weighting, keep, backtests, stride } = DEFAULT_SETTINGS;
  console.log(`chosen: combination ${weighting} keep=${keep} backtests=${backtests} stride=${stride} | ${chosen.join(' | ')}`);
}

function fileBench(file: string, columns: string[]): void {
  const timestampColumn = values['timestamp-column'];
  const table = readColumns(file, timestampColumn ? [timestampColumn, ...columns] : columns);
  const stamps = timestampColumn ? table.get(timestampColumn)! : undefined;
  const step = stamps ? stamps[1]! - stamps[0]! : Number(values.step);
  const perDay = 86400 / step;
  if (!Number.isInteger(perDay)) throw new Error(`--step ${step}: a day must be a whole number of steps`);
  const [windowDays, count] = [Number(values['window-days']), Number(values.origins)];
  const seasons = windowDays >= 14 ? [perDay, 7 * perDay] : [perDay];
  // With timestamps, day k starts at timestamp k * 86400: skip to the first midnight.
  const firstDay = stamps ? Math.round((Math.ceil(stamps[0]! / 86400) * 86400 - stamps[0]!) / step) : 0;
  for (const column of columns) {
    const y = stamps ? onGrid(stamps, table.get(column)!, step) : table.get(column)!;
    const origins = stamps ? lastOrigins(y.length, perDay, count, firstDay) : Array.from({ length: count }, (_, i) => y.length - (count - i) * perDay);
    const protocol: Protocol = { origins, window: windowDays * perDay, seasons, settings: { ...DEFAULT_SETTINGS, horizon: perDay } };
    console.log(`${column} ${formatScore(scoreSeries(y, protocol))}`);
  }
}

/** Values placed at (t - t0) / step; rows the file lacks are bridged by a straight line. */
function onGrid(stamps: Float64Array, column: Float64Array, step: number): Float64Array {
  const grid = new Float64Array(Math.round((stamps[stamps.length - 1]! - stamps[0]!) / step) + 1).fill(Number.NaN);
  stamps.forEach((t, row) => (grid[Math.round((t - stamps[0]!) / step)] = column[row]!));
  return bridgeGaps(grid);
}

if (values.speed) await runSpeedBench();
else if (values.file) fileBench(values.file, (values.columns ?? '').split(',').filter(Boolean));
else sharedBench();
