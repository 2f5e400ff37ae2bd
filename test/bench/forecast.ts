/**
 * npm run bench:forecast: the forecast accuracy benchmark of ../shared/bench/README.md.
 *
 *   (no flags)   the four shared series: a row per series and model (each model alone, with
 *                intervals from its own in-window backtests), then the chosen configuration
 *   --file F --columns a,b [--step 300] [--timestamp-column t]
 *                the same protocol (last 7 daily origins, 14-day window) on any CSV
 *   --speed      1,000 seeded series on a piscina pool at 1 and 2 threads (forecast-speed.ts)
 *
 * Every series gets the one configuration DEFAULT_SETTINGS; nothing here knows a series.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_SETTINGS } from '../../src/engine/forecast/combiner.js';
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
    chosen.push(`${name.split(' ')[0]} ${name.split(' ')[1]!.split('_')[0]}=${combined.score.toFixed(3)}`);
  }
  const { weighting, backtests, stride } = DEFAULT_SETTINGS;
  console.log(`chosen: combination weighting=${weighting} backtests=${backtests} stride=${stride} | ${chosen.join(' ')}`);
}

function fileBench(file: string, columns: string[]): void {
  const timestampColumn = values['timestamp-column'];
  const table = readColumns(file, timestampColumn ? [timestampColumn, ...columns] : columns);
  const stamps = timestampColumn ? table.get(timestampColumn)! : undefined;
  const step = stamps ? stamps[1]! - stamps[0]! : Number(values.step);
  const perDay = 86400 / step;
  if (!Number.isInteger(perDay)) throw new Error(`--step ${step}: a day must be a whole number of steps`);
  // With timestamps, day k starts at timestamp k * 86400: skip to the first midnight.
  const firstDay = stamps ? Math.round(((Math.ceil(stamps[0]! / 86400) * 86400 - stamps[0]!) / step)) : 0;
  for (const column of columns) {
    const y = table.get(column)!;
    const protocol = { ...weeklyProtocol(perDay, y.length), origins: lastOrigins(y.length, perDay, 7, firstDay) };
    console.log(`${column} ${formatScore(scoreSeries(y, protocol))}`);
  }
}

if (values.speed) await runSpeedBench();
else if (values.file) fileBench(values.file, (values.columns ?? '').split(',').filter(Boolean));
else sharedBench();
