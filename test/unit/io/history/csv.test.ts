import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { InputIssue } from '../../../../src/errors.js';
import { loadCsvHistory } from '../../../../src/io/history/csv.js';
import { loadScenario } from '../../../../src/io/loaders/scenario.js';
import { issueOf } from '../../../support/input-issue.js';

const lab = loadScenario('scenarios/lab.yaml');
const dir = mkdtempSync(join(tmpdir(), 'headroom-history-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HOUR = 3_600;
const T0 = Date.parse('2026-11-01T00:00:00Z') / 1000;
const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
/** Row r (0-based) of a built file is on line r + 2: the header is line 1. */
const lineOfRow = (r: number) => r + 2;

let files = 0;
function csvFile(lines: readonly string[]): string {
  const file = join(dir, `history-${files++}.csv`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** A wide file at hourly steps: `timestamp,<columns>`, `rows` rows, cell (r, c) and time (r) as given. */
function wide(columns: readonly string[], rows: number, cell: (r: number, c: number) => string = (r) => String(r), time: (r: number) => string = (r) => iso(T0 + r * HOUR)): string {
  return csvFile([['timestamp', ...columns].join(','), ...Array.from({ length: rows }, (_, r) => [time(r), ...columns.map((_, c) => cell(r, c))].join(','))]);
}

/** A long file at hourly steps: one series per [entity, metric], `rows` samples each, time-major. */
function long(series: ReadonlyArray<[string, string]>, rows: number, value: (r: number) => string = (r) => String(r), time: (r: number) => string = (r) => iso(T0 + r * HOUR)): string {
  const lines = ['timestamp,entity,metric,value'];
  for (let r = 0; r < rows; r++) for (const [entity, metric] of series) lines.push(`${time(r)},${entity},${metric},${value(r)}`);
  return csvFile(lines);
}

const valuesOf = (file: string, options = {}) => loadCsvHistory(file, lab, options).series.map((s) => ({ entity: s.entity, kind: s.kind, metric: s.metric, startSeconds: s.startSeconds, stepSeconds: s.stepSeconds, values: Array.from(s.values) }));
const upTo = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('history CSV: layouts', () => {
  it('reads a long file into one series per entity and metric, nodes first, the guest placed on its scenario node', () => {
    const history = loadCsvHistory(long([['dns1', 'memGiB'], ['node01', 'cpu']], 48), lab);
    expect(history.series.map((s) => [s.entity, s.kind, s.metric, s.startSeconds, s.stepSeconds, s.values.length])).toEqual([
      ['node01', 'node', 'cpu', T0, HOUR, 48],
      ['dns1', 'guest', 'memGiB', T0, HOUR, 48],
    ]);
    expect(Array.from(history.series[0]!.values)).toEqual(upTo(48));
    expect(history.guestNode).toEqual({ dns1: 'node01' });
  });

  it('reads a wide file with a timestamp column, in Unix seconds as well as ISO 8601', () => {
    const fromIso = valuesOf(wide(['node01/cpu', 'dns1/diskGiB'], 48));
    const fromUnix = valuesOf(wide(['node01/cpu', 'dns1/diskGiB'], 48, undefined, (r) => String(T0 + r * HOUR)));
    expect(fromUnix).toEqual(fromIso);
    expect(fromIso.map((s) => [s.entity, s.metric, s.startSeconds])).toEqual([['node01', 'cpu', T0], ['dns1', 'diskGiB', T0]]);
  });

  it('reads a wide file without a timestamp column from --step and a start', () => {
    const file = csvFile(['node01/cpu', ...upTo(576).map(String)]);
    expect(valuesOf(file, { stepSeconds: 300, startSeconds: T0 })).toEqual([{ entity: 'node01', kind: 'node', metric: 'cpu', startSeconds: T0, stepSeconds: 300, values: upTo(576) }]);
  });

  it('takes any regular step: 5 minutes, detected from the times', () => {
    const file = wide(['node01/cpu'], 576, undefined, (r) => iso(T0 + r * 300));
    expect(valuesOf(file)[0]).toMatchObject({ stepSeconds: 300, values: upTo(576) });
  });
});

describe('history CSV: gaps (grid.ts: up to 6 missing samples interpolated, longer gaps NaN, never shifted)', () => {
  // Cell r holds r, so a linear interpolation across a gap gives back r exactly:
  // between 9 (row 9) and 13 (row 13), 9 + (13 - 9) * j / 4 = 10, 11, 12.
  it.each([
    { name: '3 empty cells, interpolated', empty: [10, 11, 12], expected: upTo(49) },
    { name: '6 empty cells (the longest interpolated gap)', empty: [10, 11, 12, 13, 14, 15], expected: upTo(49) },
    { name: '7 empty cells, kept as NaN', empty: [10, 11, 12, 13, 14, 15, 16], expected: upTo(49).map((r) => (r >= 10 && r <= 16 ? Number.NaN : r)) },
  ])('$name', ({ empty, expected }) => {
    const file = wide(['node01/cpu'], 49, (r) => (empty.includes(r) ? '' : String(r)));
    expect(valuesOf(file)[0]!.values).toEqual(expected);
  });

  it.each([
    { name: '6 missing rows (timestamps jump by 7 steps), interpolated', missing: 6, expected: upTo(56) },
    { name: '7 missing rows, kept as NaN at their own times', missing: 7, expected: upTo(56).map((r) => (r >= 20 && r < 27 ? Number.NaN : r)) },
  ])('$name', ({ missing, expected }) => {
    const rows = upTo(56).filter((r) => r < 20 || r >= 20 + missing);
    const file = csvFile(['timestamp,node01/cpu', ...rows.map((r) => `${iso(T0 + r * HOUR)},${r}`)]);
    expect(valuesOf(file)[0]).toMatchObject({ startSeconds: T0, stepSeconds: HOUR, values: expected });
  });

  it('starts a series at its first value and ends it at its last: leading and trailing empty cells are not gaps', () => {
    const file = wide(['node01/cpu', 'dns1/cpu'], 60, (r, c) => (c === 1 && (r < 5 || r > 55) ? '' : String(r)));
    expect(valuesOf(file)[1]).toMatchObject({ startSeconds: T0 + 5 * HOUR, values: upTo(51).map((r) => r + 5) });
  });

  it('fills a long file per series: rows missing from one series leave the other whole', () => {
    const lines = ['timestamp,entity,metric,value'];
    for (const r of upTo(49)) {
      if (r < 10 || r > 12) lines.push(`${iso(T0 + r * HOUR)},node01,cpu,${r}`);
      lines.push(`${iso(T0 + r * HOUR)},node02,cpu,${2 * r}`);
    }
    expect(valuesOf(csvFile(lines)).map((s) => s.values)).toEqual([upTo(49), upTo(49).map((r) => 2 * r)]);
  });
});

describe('history CSV: bad input is one issue naming file, line, field, value and what was expected', () => {
  const metrics = 'one of cpu, cpuLimit, memGiB, memSizeGiB, diskGiB, diskSizeGiB';
  const cases: Array<{ name: string; file: () => string; expected: Omit<InputIssue, 'file'> }> = [
    {
      name: 'a non-numeric value (wide)',
      file: () => wide(['node01/cpu'], 48, (r) => (r === 5 ? 'high' : '0.5')),
      expected: { line: lineOfRow(5), field: 'node01/cpu', value: 'high', expected: 'a number >= 0' },
    },
    {
      name: 'a negative value (long)',
      file: () => long([['node01', 'cpu']], 48, (r) => (r === 7 ? '-0.1' : '0.5')),
      expected: { line: lineOfRow(7), field: 'value', value: '-0.1', expected: 'a number >= 0' },
    },
    {
      name: 'timestamps out of order (rows 10 and 11 swapped)',
      file: () => wide(['node01/cpu'], 48, undefined, (r) => iso(T0 + (r === 10 ? 11 : r === 11 ? 10 : r) * HOUR)),
      expected: { line: lineOfRow(11), field: 'timestamp', value: iso(T0 + 10 * HOUR), expected: `a time after line ${lineOfRow(10)}'s ${iso(T0 + 11 * HOUR)} (times in increasing order)` },
    },
    {
      name: 'a duplicated timestamp in one series of a long file',
      file: () => long([['node01', 'cpu'], ['dns1', 'cpu']], 48, undefined, (r) => iso(T0 + (r === 11 ? 10 : r) * HOUR)),
      // Time-major rows, two series: sample r of node01/cpu is on line 2 + 2r.
      expected: { line: 2 + 2 * 11, field: 'timestamp', value: iso(T0 + 10 * HOUR), expected: `a time after line ${2 + 2 * 10}'s ${iso(T0 + 10 * HOUR)} in node01/cpu (each time once)` },
    },
    {
      name: 'an irregular step: rows from 20 on are half an hour late',
      file: () => wide(['node01/cpu'], 48, undefined, (r) => iso(T0 + r * HOUR + (r >= 20 ? 1_800 : 0))),
      expected: { line: lineOfRow(20), field: 'timestamp', value: iso(T0 + 20 * HOUR + 1_800), expected: `a time a whole number of steps (3600 s) after line ${lineOfRow(19)}'s ${iso(T0 + 19 * HOUR)} (a regular step)` },
    },
    {
      name: 'a series shorter than two days: 47 hourly samples',
      file: () => wide(['node01/cpu'], 47),
      expected: { line: lineOfRow(46), field: 'node01/cpu', value: '1.96 days', expected: 'at least 2 days of samples (two daily seasons)' },
    },
    {
      name: 'an unknown metric in a wide column',
      file: () => wide(['node01/cpu', 'node01/temperature'], 48),
      expected: { line: 1, field: 'header metric', value: 'temperature', expected: metrics },
    },
    {
      name: 'a wide column that is not <entity>/<metric>',
      file: () => wide(['node01/cpu', 'colour'], 48),
      expected: { line: 1, field: 'header', value: 'colour', expected: "'timestamp' or a series named <entity>/<metric>, e.g. node01/cpu" },
    },
    {
      name: 'a series in two columns',
      file: () => wide(['node01/cpu', 'node01/cpu'], 48),
      expected: { line: 1, field: 'header', value: 'node01/cpu', expected: 'a column not named before (one column per series)' },
    },
    {
      name: 'an entity that is neither a node nor a VM of the scenario',
      file: () => wide(['node99/cpu'], 48),
      expected: { line: 1, field: 'header entity', value: 'node99', expected: "a node or VM of the scenario's nodes.csv or vms.csv" },
    },
    {
      name: 'an unknown column in a long file',
      file: () => csvFile(['timestamp,entity,metric,value,unit', `${iso(T0)},node01,cpu,0.5,ratio`]),
      expected: { line: 1, field: 'header', value: 'unit', expected: 'only the columns timestamp, entity, metric, value in a long file' },
    },
    {
      name: 'an unknown metric in a long file',
      file: () => long([['node01', 'load']], 48),
      expected: { line: 2, field: 'metric', value: 'load', expected: metrics },
    },
    {
      name: 'no timestamp column and no --step',
      file: () => csvFile(['node01/cpu', '0.5', '0.6']),
      expected: { line: 1, field: 'header', value: 'node01/cpu', expected: "a 'timestamp' column, or a step given with --step" },
    },
    {
      name: 'a timestamp without a zone',
      file: () => wide(['node01/cpu'], 48, undefined, (r) => (r === 3 ? '2026-11-01 03:00' : iso(T0 + r * HOUR))),
      expected: { line: lineOfRow(3), field: 'timestamp', value: '2026-11-01 03:00', expected: 'a time in whole seconds: ISO 8601 with a zone (2026-11-01T00:05:00Z) or Unix seconds' },
    },
    {
      name: 'a row with a cell too many',
      file: () => csvFile(['timestamp,node01/cpu', `${iso(T0)},0.5,0.7`]),
      expected: { line: 2, field: 'row', value: `${iso(T0)},0.5,0.7`, expected: '2 cells (timestamp,node01/cpu)' },
    },
  ];

  it.each(cases)('$name', ({ file: build, expected }) => {
    const file = build();
    expect(issueOf(() => loadCsvHistory(file, lab))).toEqual({ file, ...expected });
  });

  it('renders the issue once as file:line: field, value, expected', () => {
    const file = wide(['node01/cpu'], 48, (r) => (r === 5 ? 'high' : '0.5'));
    expect(() => loadCsvHistory(file, lab)).toThrow(`${file}:7: field 'node01/cpu' has value 'high': expected a number >= 0`);
  });
});
