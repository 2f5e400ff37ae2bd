/**
 * The times of a CSV history: parsing a timestamp cell, and the checks that make a timeline
 * regular. Times must strictly increase within a series (a repeated time is a duplicate, an
 * earlier one is out of order), and every interval must be a whole number of steps: one step
 * is a sample, more are a gap (grid.ts decides it). The step is `--step` when given, else the
 * most frequent interval in the file (ties: the shorter). Issues name the line of the later time.
 */
import type { InputIssue } from '../../errors.js';
import type { Parsed } from '../loaders/cells.js';
import type { Sample } from './grid.js';

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const TIMESTAMP_WORDS = 'a time in whole seconds: ISO 8601 with a zone (2026-11-01T00:05:00Z) or Unix seconds';

export function parseTimestamp(raw: string): Parsed<number> {
  const millis = /^\d+$/.test(raw) ? Number(raw) * 1000 : ISO_WITH_ZONE.test(raw) ? Date.parse(raw) : Number.NaN;
  if (!Number.isFinite(millis) || millis % 1000 !== 0) return { ok: false, expected: TIMESTAMP_WORDS };
  return { ok: true, value: millis / 1000 };
}

/** A sample and the line it was read from (1-based). */
export interface LocatedSample extends Sample {
  line: number;
}

/** One series' samples with the raw text of each time, for messages. */
export interface Timeline {
  /** What the series is called in messages, e.g. `node01/cpu`; empty for a wide file's rows. */
  label: string;
  samples: readonly LocatedSample[];
  raw: readonly string[];
}

type Report = (issue: Omit<InputIssue, 'file'>) => void;

export function checkOrder(timeline: Timeline, report: Report): void {
  eachInterval(timeline, (interval, i) => {
    if (interval > 0) return;
    const what = interval === 0 ? 'each time once' : 'times in increasing order';
    report(issueAt(timeline, i, `a time after line ${timeline.samples[i - 1]!.line}'s ${timeline.raw[i - 1]}${forSeries(timeline)} (${what})`));
  });
}

export function detectStep(timelines: readonly Timeline[]): number | null {
  const counts = new Map<number, number>();
  for (const timeline of timelines) eachInterval(timeline, (interval) => counts.set(interval, (counts.get(interval) ?? 0) + 1));
  let best: [number, number] | null = null;
  for (const [interval, count] of counts) if (best === null || count > best[1] || (count === best[1] && interval < best[0])) best = [interval, count];
  return best === null ? null : best[0];
}

export function checkRegular(timeline: Timeline, stepSeconds: number, report: Report): void {
  eachInterval(timeline, (interval, i) => {
    if (interval % stepSeconds === 0) return;
    report(issueAt(timeline, i, `a time a whole number of steps (${stepSeconds} s) after line ${timeline.samples[i - 1]!.line}'s ${timeline.raw[i - 1]}${forSeries(timeline)} (a regular step)`));
  });
}

function eachInterval(timeline: Timeline, visit: (interval: number, i: number) => void): void {
  for (let i = 1; i < timeline.samples.length; i++) visit(timeline.samples[i]!.seconds - timeline.samples[i - 1]!.seconds, i);
}

function issueAt(timeline: Timeline, i: number, expected: string): Omit<InputIssue, 'file'> {
  return { line: timeline.samples[i]!.line, field: 'timestamp', value: timeline.raw[i], expected };
}

function forSeries(timeline: Timeline): string {
  return timeline.label === '' ? '' : ` in ${timeline.label}`;
}
