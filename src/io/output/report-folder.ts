/**
 * The report folder: `reports/<scenario>-<UTC timestamp>/` (or `--out DIR`) with report.html,
 * report.md, report.json and charts/*.png, all written at once (atomic-write.ts), and `--keep N`
 * pruning the oldest dated folders of the same scenario beside it afterwards.
 *
 * The timestamp is `YYYY-MM-DDTHH-MM-SSZ` (colons are not allowed in file names everywhere), so
 * the names sort by time; a second run within the same second gets `-2`, `-3`, ...
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { ClusterReport } from '../../engine/report/report.js';
import { reportCharts } from './charts/definitions.js';
import { renderChartPng } from './charts/png.js';
import { renderReport } from './formatters/report.js';
import { chartJsSource } from './html/chart-js-source.js';
import { renderReportHtml } from './html/report-html.js';
import { checkFolderTarget, writeFolderAtomically } from './atomic-write.js';
import { SILENT, type Progress } from '../cli/progress.js';

export const REPORT_FORMATS = ['html', 'md', 'json', 'png'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const DEFAULT_REPORTS_ROOT = 'reports';

/** The files of one report, in the formats asked for. `json` is the report as `--json` prints it; `progress` shows the PNG drawing. */
export function reportFiles(report: ClusterReport, json: string, formats: readonly ReportFormat[], generatedAt: Date, progress: (label: string, total: number) => Progress = () => SILENT): Array<{ name: string; content: string | Uint8Array }> {
  const charts = formats.includes('html') || formats.includes('png') ? reportCharts(report) : [];
  const files: Array<{ name: string; content: string | Uint8Array }> = [];
  if (formats.includes('html')) files.push({ name: 'report.html', content: renderReportHtml({ report, charts, chartJs: chartJsSource(), generatedAt: generatedAt.toISOString() }) });
  if (formats.includes('md')) {
    const links = formats.includes('png') ? charts.map((chart) => ({ title: chart.title, file: `charts/${chart.id}.png` })) : [];
    files.push({ name: 'report.md', content: renderReport(report, 'markdown', links) });
  }
  if (formats.includes('json')) files.push({ name: 'report.json', content: json });
  if (formats.includes('png')) {
    const drawing = progress('charts', charts.length);
    for (const chart of charts) {
      files.push({ name: `charts/${chart.id}.png`, content: renderChartPng(chart) });
      drawing.tick();
    }
    drawing.stop();
  }
  return files;
}

/** "report.html, report.md, report.json, charts/ (23 PNG)". */
export function folderContents(files: ReadonlyArray<{ name: string }>): string {
  const charts = files.filter((file) => file.name.startsWith('charts/')).length;
  return [...files.filter((file) => !file.name.includes('/')).map((file) => file.name), ...(charts > 0 ? [`charts/ (${charts} PNG)`] : [])].join(', ');
}

/** `reports/lab-2026-12-04T21-45-07Z`, or with `-2`... when that exists already. */
export function datedReportFolder(root: string, scenario: string, now: Date): string {
  const stem = join(root, `${safeName(scenario)}-${now.toISOString().slice(0, 19).replaceAll(':', '-')}Z`);
  let folder = stem;
  for (let n = 2; existsSync(folder); n++) folder = `${stem}-${n}`;
  return folder;
}

/** Refuses (exit 2) an `--out` the report could not be written to, before the report is made. */
export function checkReportTarget(field: string, folder: string, formats: readonly ReportFormat[]): void {
  const names = { html: 'report.html', md: 'report.md', json: 'report.json', png: 'charts/chart.png' };
  checkFolderTarget({ field, path: folder }, formats.map((format) => names[format]));
}

/** Writes the report folder all at once; returns its path as the user would type it (relative below the current folder, absolute elsewhere). */
export function writeReportFolder(field: string, folder: string, files: ReadonlyArray<{ name: string; content: string | Uint8Array }>): string {
  writeFolderAtomically({ field, path: folder }, files);
  const below = relative(process.cwd(), resolve(folder));
  return below === '' ? '.' : below.startsWith('..') || isAbsolute(below) ? resolve(folder) : below;
}

/**
 * `--keep N`: deletes the oldest dated report folders of this scenario beside `written` until N
 * remain counting `written`, which is never deleted. Only folders named as datedReportFolder
 * names them and holding a report file are touched. Returns the deleted paths.
 */
export function pruneReports(written: string, scenario: string, keep: number): string[] {
  const parent = dirname(resolve(written));
  const pattern = new RegExp(`^${escapeRegExp(safeName(scenario))}-\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}Z(?:-(\\d+))?$`);
  const older = readdirSync(parent, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== basename(resolve(written)) && pattern.test(entry.name))
    .filter((entry) => ['report.json', 'report.html', 'report.md'].some((file) => existsSync(join(parent, entry.name, file))))
    .map((entry) => entry.name)
    .sort(byTimeThenSuffix(pattern));
  const doomed = older.slice(0, Math.max(0, older.length - (keep - 1)));
  for (const name of doomed) rmSync(join(parent, name), { recursive: true, force: true });
  return doomed.map((name) => join(parent, name));
}

function byTimeThenSuffix(pattern: RegExp): (a: string, b: string) => number {
  const suffix = (name: string) => Number(pattern.exec(name)?.[1] ?? 1);
  const stamp = (name: string) => name.replace(/-\d+$/, '').replace(/Z$/, '');
  return (a, b) => (stamp(a) < stamp(b) ? -1 : stamp(a) > stamp(b) ? 1 : suffix(a) - suffix(b));
}

/** A scenario name as a file name: anything but letters, digits, '.', '_' and '-' becomes '-'. */
function safeName(scenario: string): string {
  return scenario.replace(/[^A-Za-z0-9._-]/g, '-') || 'scenario';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
