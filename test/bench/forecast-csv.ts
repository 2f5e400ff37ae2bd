/** Reads numeric columns of a CSV with csv-parse (the benchmark's only input format). */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

export function readColumns(file: string, columns: readonly string[]): Map<string, Float64Array> {
  const rows = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return new Map(
    columns.map((column) => {
      if (rows.length > 0 && !(column in rows[0]!)) throw new Error(`${file}: no column '${column}'`);
      return [column, Float64Array.from(rows, (row) => Number(row[column]))];
    }),
  );
}
