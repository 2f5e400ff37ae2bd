/** `report`'s output flags: where the folder goes, what it holds, how many to keep, the pairs, the full text, the metrics file. */
import { Flags } from '@oclif/core';
import { InputError } from '../../errors.js';
import { DEFAULT_REPORTS_ROOT, REPORT_FORMATS, type ReportFormat } from '../output/report-folder.js';
import { parseNameList } from './name-list.js';
import { checkFileTarget, type OutputFolder } from '../output/atomic-write.js';

export const reportFlags = {
  out: Flags.string({ description: `Folder to write the report into, all at once (default ${DEFAULT_REPORTS_ROOT}/<scenario>-<UTC time>): created if missing, replaced if it holds only a previous report, refused (exit 2) if it holds anything else.` }),
  format: Flags.string({ description: `What the folder holds, comma-separated from ${REPORT_FORMATS.join(', ')} (default all): report.html (self-contained, charts drawn), report.md, report.json, charts/*.png.` }),
  keep: Flags.string({ description: 'After a successful run, delete the oldest dated report folders of this scenario beside the new one until this many remain (the new one included, never deleted).' }),
  sweep: Flags.string({ description: 'Failures shown: 1, every single node (the default), or 2, every single node and every pair (swept on the worker threads; a heat map in report.html).', options: ['1', '2'], default: '1' }),
  textfile: Flags.string({ description: 'Also write the verdicts as Prometheus metrics to this file (node_exporter textfile collector; written atomically; the folder must exist).' }),
  full: Flags.boolean({ description: 'Print the whole report as text, not only the verdicts and the folder.', default: false }),
};

export function formatList(raw: string | undefined): ReportFormat[] {
  return raw === undefined ? [...REPORT_FORMATS] : parseNameList(raw, '--format', REPORT_FORMATS, 'formats');
}

export function keepCount(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1) throw new InputError({ file: 'command line', field: '--keep', value: raw, expected: 'a whole number of report folders to keep, at least 1 (the one just written)' });
  return Number(raw);
}

/** `--textfile`: refused (exit 2) before any work when it cannot be written. */
export function textfileTarget(raw: string | undefined): OutputFolder | null {
  if (raw === undefined) return null;
  const target = { field: '--textfile', path: raw };
  checkFileTarget(target);
  return target;
}
