/**
 * Reads utilisation history from CSV, in either layout (told apart by the header):
 *
 * - long: the columns `timestamp,entity,metric,value` (any order), one sample a row;
 * - wide: one column per series named `<entity>/<metric>` (`node01/cpu`, `dns1/memGiB`), and a
 *   `timestamp` column, or none: then `stepSeconds` is required and row r is at
 *   `startSeconds + r * stepSeconds` (startSeconds defaults to 0, 1970-01-01T00:00Z).
 *
 * Entities are the scenario's nodes and VMs; metrics are HISTORY_METRICS. Timestamps are ISO
 * 8601 with a zone or Unix seconds, whole seconds, any regular step (timeline.ts). An empty value
 * cell is a missing sample. Gaps follow grid.ts, the one rule for every history input: up to
 * MAX_INTERPOLATED_GAP_STEPS (6) missing samples are interpolated linearly, longer gaps stay NaN;
 * nothing is shifted. Every series must span two days. Each bad input is an InputIssue naming
 * file, line, field, value and what was expected, thrown at once per stage (exit 2).
 */
import type { Cluster } from '../../engine/model/cluster.js';
import { compareSeries, HISTORY_METRICS, type EntityKind, type History, type HistoryMetric, type HistorySeries } from '../../engine/model/history.js';
import { InputError, IssueCollector } from '../../errors.js';
import { number } from '../loaders/cells.js';
import { parseCsv } from '../loaders/csv-table.js';
import { longEnough, toGrid } from './grid.js';
import { checkOrder, checkRegular, detectStep, parseTimestamp, type LocatedSample, type Timeline } from './timeline.js';

export interface CsvHistoryOptions {
  /** The step in seconds; detected from the timestamps when absent. */
  stepSeconds?: number;
  /** For a wide file without a timestamp column: the time of the first row. */
  startSeconds?: number;
}

interface Row {
  line: number;
  record: string[];
}

interface SeriesKey {
  entity: string;
  kind: EntityKind;
  metric: HistoryMetric;
}

const LONG_COLUMNS = ['timestamp', 'entity', 'metric', 'value'];
const usage = number({ min: 0 });

export function loadCsvHistory(file: string, cluster: Cluster, options: CsvHistoryOptions = {}): History {
  const [header, ...body] = parseCsv(file);
  if (header === undefined) throw new InputError({ file, line: 1, field: 'header', value: '', expected: `a header row: ${LONG_COLUMNS.join(',')}, or timestamp and <entity>/<metric> columns` });
  const columns = header.record.map((cell) => cell.trim());
  const issues = new IssueCollector();
  const report: Report = (issue) => issues.add({ file, ...issue });
  const entities = entityKinds(cluster);
  const parts = columns.includes('entity') || columns.includes('metric') ? longTimelines(header, body, entities, report) : wideTimelines(header, body, entities, options, report);
  issues.throwIfAny();
  parts.timelines.forEach((timeline) => checkOrder(timeline, report));
  issues.throwIfAny();
  const stepSeconds = options.stepSeconds ?? detectStep(parts.timelines);
  if (stepSeconds === null) throw new InputError({ file, line: header.line, field: 'timestamp', value: body.length, expected: 'at least two rows of one series, to find the step' });
  parts.timelines.forEach((timeline) => checkRegular(timeline, stepSeconds, report));
  issues.throwIfAny();
  const series = parts.series.map(({ key, timeline }) => {
    const grid = toGrid(timeline.samples, stepSeconds);
    if (grid === null || !longEnough(grid, stepSeconds)) {
      const last = timeline.samples[timeline.samples.length - 1];
      const days = grid === null ? 0 : (grid.values.length * stepSeconds) / 86_400;
      report({ line: last?.line ?? header.line, field: timeline.label, value: `${days.toFixed(2)} days`, expected: 'at least 2 days of samples (two daily seasons)' });
    }
    return { ...key, stepSeconds, startSeconds: grid?.startSeconds ?? 0, values: grid?.values ?? new Float64Array() };
  });
  issues.throwIfAny();
  return historyOf(series, cluster);
}

type Report = (issue: { line?: number; field: string; value: unknown; expected: string }) => void;
type Keyed = { key: SeriesKey; timeline: Timeline };
/** The series, and the timelines whose order and step are checked (a long file's series; a wide file's rows). */
type Parts = { series: Keyed[]; timelines: Timeline[] };

function longTimelines(header: Row, body: readonly Row[], entities: ReadonlyMap<string, EntityKind>, report: Report): Parts {
  const columns = header.record.map((cell) => cell.trim());
  columns.filter((column) => !LONG_COLUMNS.includes(column)).forEach((column) => report({ line: header.line, field: 'header', value: column, expected: `only the columns ${LONG_COLUMNS.join(', ')} in a long file` }));
  LONG_COLUMNS.filter((column) => !columns.includes(column)).forEach((column) => report({ line: header.line, field: 'header', value: columns.join(','), expected: `a column named '${column}'` }));
  const [at, entityAt, metricAt, valueAt] = LONG_COLUMNS.map((column) => columns.indexOf(column)) as [number, number, number, number];
  const bySeries = new Map<string, { key: SeriesKey; samples: LocatedSample[]; raw: string[] }>();
  for (const row of body) {
    if (!cellCountOk(row, columns, report)) continue;
    const cell = (index: number) => row.record[index]!.trim();
    const key = seriesKey(cell(entityAt), cell(metricAt), entities, (field, value, expected) => report({ line: row.line, field, value, expected }));
    const seconds = timestampOf(row.line, cell(at), report);
    const value = valueOf(row.line, 'value', cell(valueAt), report);
    if (key === null || seconds === null || value === null) continue;
    const label = `${key.entity}/${key.metric}`;
    const entry = bySeries.get(label) ?? bySeries.set(label, { key, samples: [], raw: [] }).get(label)!;
    entry.samples.push({ line: row.line, seconds, value });
    entry.raw.push(cell(at));
  }
  const series = [...bySeries].map(([label, { key, samples, raw }]) => ({ key, timeline: { label, samples, raw } }));
  return { series, timelines: series.map(({ timeline }) => timeline) };
}

function wideTimelines(header: Row, body: readonly Row[], entities: ReadonlyMap<string, EntityKind>, options: CsvHistoryOptions, report: Report): Parts {
  const columns = header.record.map((cell) => cell.trim());
  const at = columns.indexOf('timestamp');
  const keys = columns.map((column, c) => {
    if (c === at) return null;
    const fail = (field: string, value: string, expected: string) => report({ line: header.line, field, value, expected });
    if (columns.indexOf(column) < c) fail('header', column, 'a column not named before (one column per series)');
    return wideKey(column, entities, fail);
  });
  if (at < 0 && options.stepSeconds === undefined) report({ line: header.line, field: 'header', value: columns.join(','), expected: "a 'timestamp' column, or a step given with --step" });
  const rows = body.filter((row) => cellCountOk(row, columns, report));
  const raw = rows.map((row, r) => (at < 0 ? `row ${r + 1}` : row.record[at]!.trim()));
  const seconds = rows.map((row, r) => (at < 0 ? (options.startSeconds ?? 0) + r * (options.stepSeconds ?? 0) : timestampOf(row.line, raw[r]!, report) ?? 0));
  const samplesOf = (c: number) => rows.map((row, r) => ({ line: row.line, seconds: seconds[r]!, value: valueOf(row.line, columns[c]!, row.record[c]!.trim(), report) ?? Number.NaN }));
  const series = keys.flatMap((key, c) => (key === null ? [] : [{ key, timeline: { label: columns[c]!, samples: samplesOf(c), raw } }]));
  // Every series shares the rows' times, so they are checked once.
  const rowTimes: Timeline = { label: '', samples: rows.map((row, r) => ({ line: row.line, seconds: seconds[r]!, value: 0 })), raw };
  return { series, timelines: at < 0 ? [] : [rowTimes] };
}

function wideKey(column: string, entities: ReadonlyMap<string, EntityKind>, fail: (field: string, value: string, expected: string) => void): SeriesKey | null {
  const [entity = '', metric = '', ...rest] = column.split('/');
  if (rest.length === 0 && metric !== '') return seriesKey(entity, metric, entities, (field, value, expected) => fail(`header ${field}`, value, expected));
  fail('header', column, "'timestamp' or a series named <entity>/<metric>, e.g. node01/cpu");
  return null;
}

function cellCountOk(row: Row, columns: readonly string[], report: Report): boolean {
  if (row.record.length === columns.length) return true;
  report({ line: row.line, field: 'row', value: row.record.join(','), expected: `${columns.length} cells (${columns.join(',')})` });
  return false;
}

function seriesKey(entity: string, metric: string, entities: ReadonlyMap<string, EntityKind>, fail: (field: string, value: string, expected: string) => void): SeriesKey | null {
  const kind = entities.get(entity);
  if (kind === undefined) fail('entity', entity, "a node or VM of the scenario's nodes.csv or vms.csv");
  if (!(HISTORY_METRICS as readonly string[]).includes(metric)) fail('metric', metric, `one of ${HISTORY_METRICS.join(', ')}`);
  return kind === undefined || !(HISTORY_METRICS as readonly string[]).includes(metric) ? null : { entity, kind, metric: metric as HistoryMetric };
}

function timestampOf(line: number, raw: string, report: Report): number | null {
  const parsed = parseTimestamp(raw);
  if (parsed.ok) return parsed.value;
  report({ line, field: 'timestamp', value: raw, expected: parsed.expected });
  return null;
}

/** The value of a cell: NaN when empty (a missing sample), null (reported) when not a number >= 0. */
function valueOf(line: number, field: string, raw: string, report: Report): number | null {
  if (raw === '') return Number.NaN;
  const parsed = usage(raw);
  if (parsed.ok) return parsed.value;
  report({ line, field, value: raw, expected: parsed.expected });
  return null;
}

function entityKinds(cluster: Cluster): Map<string, EntityKind> {
  return new Map<string, EntityKind>([...cluster.nodes.map((node) => [node.name, 'node'] as const), ...cluster.vms.map((vm) => [vm.name, 'guest'] as const)]);
}

function historyOf(series: HistorySeries[], cluster: Cluster): History {
  const guests = new Set(series.filter((s) => s.kind === 'guest').map((s) => s.entity));
  const placed = cluster.vms.filter((vm) => guests.has(vm.name) && vm.currentNode !== null).sort((a, b) => (a.name < b.name ? -1 : 1));
  const guestNode = Object.fromEntries(placed.map((vm) => [vm.name, vm.currentNode!]));
  return { series: series.sort(compareSeries), guestNode };
}
