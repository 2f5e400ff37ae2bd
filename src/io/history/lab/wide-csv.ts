/**
 * Writes series in csv.ts's wide layout: a `timestamp` column (ISO 8601, UTC) and one
 * `<entity>/<metric>` column per series, in the given order, one row per step from the earliest
 * start to the latest end. A NaN or a time outside a series is an empty cell; a row whose cells
 * are all empty is left out (the timestamps then jump, which is how a gap reads back).
 */
import { endSeconds, type HistorySeries } from '../../../engine/model/history.js';
import { InvariantError } from '../../../errors.js';

export function wideCsv(series: readonly HistorySeries[]): string {
  const stepSeconds = series[0]?.stepSeconds ?? 0;
  if (series.some((s) => s.stepSeconds !== stepSeconds || (s.startSeconds - series[0]!.startSeconds) % stepSeconds !== 0)) {
    throw new InvariantError('wide CSV series need one step and aligned starts', series.map((s) => [s.entity, s.metric, s.startSeconds, s.stepSeconds]));
  }
  const first = Math.min(...series.map((s) => s.startSeconds));
  const last = Math.max(...series.map(endSeconds));
  const lines = [['timestamp', ...series.map((s) => `${s.entity}/${s.metric}`)].join(',')];
  for (let t = first; t <= last; t += stepSeconds) {
    const cells = series.map((s) => {
      const value = s.values[(t - s.startSeconds) / stepSeconds];
      return value === undefined || Number.isNaN(value) ? '' : String(value);
    });
    if (cells.some((cell) => cell !== '')) lines.push(`${new Date(t * 1000).toISOString().replace('.000Z', 'Z')},${cells.join(',')}`);
  }
  return `${lines.join('\n')}\n`;
}
