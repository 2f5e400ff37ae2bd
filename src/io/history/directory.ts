/**
 * `--history DIR`: every `*.csv` file in the folder (not below it), read in name order by
 * csv.ts, merged into one history. A series (entity and metric) may come from one file only.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Cluster } from '../../engine/model/cluster.js';
import { compareSeries, type History } from '../../engine/model/history.js';
import { InputError } from '../../errors.js';
import { loadCsvHistory, type CsvHistoryOptions } from './csv.js';

export function loadHistoryDirectory(dir: string, cluster: Cluster, options: CsvHistoryOptions = {}): History {
  const files = csvFilesIn(dir);
  const seen = new Map<string, string>();
  const parts = files.map((file) => {
    const history = loadCsvHistory(file, cluster, options);
    for (const { entity, metric } of history.series) {
      const label = `${entity}/${metric}`;
      const earlier = seen.get(label);
      if (earlier !== undefined) throw new InputError({ file, field: 'series', value: label, expected: `a series not already in ${earlier}` });
      seen.set(label, file);
    }
    return history;
  });
  const guestNode = Object.fromEntries(parts.flatMap((part) => Object.entries(part.guestNode)).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { series: parts.flatMap((part) => part.series).sort(compareSeries), guestNode };
}

function csvFilesIn(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new InputError({ file: dir, field: '--history', value: dir, expected: `a readable folder (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})` });
  }
  const files = names.filter((name) => name.endsWith('.csv')).sort().map((name) => join(dir, name));
  if (files.length === 0) throw new InputError({ file: dir, field: '--history', value: dir, expected: 'a folder with at least one .csv history file' });
  return files;
}
