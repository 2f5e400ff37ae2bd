/**
 * Reads numeric columns of a CSV with csv-parse (the benchmark's only input format). A value
 * that is not a number but an ISO 8601 time (a timestamp column) is read as Unix seconds.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

export function readColumns(file: string, columns: readonly string[]): Map<string, Float64Array> {
  const rows = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return new Map(
    columns.map((column) => {
      if (rows.length > 0 && !(column in rows[0]!)) throw new Error(`${file}: no column '${column}'`);
      return [column, Float64Array.from(rows, (row) => numberOrTime(row[column]!))];
    }),
  );
}

function numberOrTime(text: string): number {
  const value = Number(text);
  return Number.isNaN(value) && /^\d{4}-\d\d-\d\dT/.test(text) ? Date.parse(text) / 1000 : value;
}
