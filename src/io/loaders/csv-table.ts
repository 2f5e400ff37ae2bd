/**
 * Reads a CSV file with a header row into typed rows, checking every cell against its column's
 * parser. Unknown or repeated columns, missing required columns, bad cells and duplicate names
 * are input issues located by file, line and column; an empty optional cell is `undefined`.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { IssueCollector, InputError } from '../../errors.js';
import type { CellParser } from './cells.js';

export interface ColumnSpec {
  parse: CellParser<unknown>;
  required: boolean;
}

export type TableSpec = Readonly<Record<string, ColumnSpec>>;

type RowOf<S extends TableSpec> = {
  [K in keyof S]: S[K]['required'] extends true ? CellValue<S[K]> : CellValue<S[K]> | undefined;
};
type CellValue<C extends ColumnSpec> = C['parse'] extends CellParser<infer T> ? T : never;

export interface Located<T> {
  line: number;
  row: T;
}

export function readTextFile(file: string, field = 'file'): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new InputError({ file, field, value: file, expected: `a readable file (${code})` });
  }
}

export function readCsvTable<S extends TableSpec>(file: string, spec: S): Array<Located<RowOf<S>>> {
  const records = parseCsv(file);
  if (records.length === 0) throw new InputError({ file, line: 1, field: 'header', value: '', expected: `a header row with ${Object.keys(spec).join(', ')}` });
  const [header, ...body] = records;
  const issues = new IssueCollector();
  const columns = header!.record.map((cell) => cell.trim());
  columns.forEach((column, c) => {
    const first = columns.indexOf(column);
    if (!(column in spec)) issues.add({ file, line: header!.line, field: 'header', value: column, expected: `one of the columns ${Object.keys(spec).join(', ')}` });
    else if (first !== c) issues.add({ file, line: header!.line, field: 'header', value: column, expected: `each column once (column ${c + 1} repeats column ${first + 1})` });
  });
  for (const [column, { required }] of Object.entries(spec)) {
    if (required && !columns.includes(column)) issues.add({ file, line: header!.line, field: 'header', value: columns.join(','), expected: `a column named '${column}'` });
  }
  issues.throwIfAny();

  const rows: Array<Located<RowOf<S>>> = [];
  for (const { line, record } of body) {
    if (record.length !== columns.length) {
      issues.add({ file, line, field: 'row', value: record.join(','), expected: `${columns.length} cells (${columns.join(',')})` });
      continue;
    }
    const row: Record<string, unknown> = {};
    columns.forEach((column, c) => {
      const raw = record[c]!.trim();
      const { parse: parseCell, required } = spec[column]!;
      if (raw === '') {
        if (required) issues.add({ file, line, field: column, value: raw, expected: 'a value (the cell is required)' });
        return;
      }
      const parsed = parseCell(raw);
      if (parsed.ok) row[column] = parsed.value;
      else issues.add({ file, line, field: column, value: raw, expected: parsed.expected });
    });
    rows.push({ line, row: row as RowOf<S> });
  }
  issues.throwIfAny();
  rejectDuplicates(file, rows, 'name' in spec ? 'name' : null);
  return rows;
}

/** The file's records with the line each ends on; a malformed file is an InputError at its line. */
export function parseCsv(file: string): Array<{ line: number; record: string[] }> {
  const content = readTextFile(file);
  try {
    const parsed = parse(content, { bom: true, info: true, skip_empty_lines: true, comment: '#', relax_column_count: true }) as unknown as Array<{
      record: string[];
      info: { lines: number };
    }>;
    return parsed.map(({ record, info }) => ({ line: info.lines, record }));
  } catch (error) {
    const { lines, message } = error as { lines?: number; message: string };
    throw new InputError({ file, line: lines, field: 'csv', value: message, expected: 'well-formed CSV' });
  }
}

function rejectDuplicates(file: string, rows: ReadonlyArray<Located<Record<string, unknown>>>, key: string | null): void {
  if (key === null) return;
  const seen = new Map<unknown, number>();
  for (const { line, row } of rows) {
    const earlier = seen.get(row[key]);
    if (earlier !== undefined) throw new InputError({ file, line, field: key, value: row[key], expected: `a name not used before (line ${earlier} has it)` });
    seen.set(row[key], line);
  }
}
