/**
 * Utilisation history: plain data, as the history loaders (io/history) produce it and the
 * forecast engine reads it. No I/O here.
 *
 * A series is one metric of one entity (a node or a guest) on a regular time grid: sample i was
 * taken at `startSeconds + i * stepSeconds` (Unix seconds, UTC). The loaders have already
 * decided every gap: short gaps are interpolated, and a value is NaN only where a long gap was
 * kept as missing (io/history/grid.ts states the rule). The first and last values are never NaN.
 */

/** The metrics a history holds, with their units in the name (ratios are 0..1). */
export const HISTORY_METRICS = ['cpu', 'cpuLimit', 'memGiB', 'memSizeGiB', 'diskGiB', 'diskSizeGiB'] as const;
/**
 * - `cpu`: CPU in use as a fraction of the entity's CPUs (a guest's vCPUs, a node's threads);
 * - `cpuLimit`: those CPUs, counted (vCPUs or threads);
 * - `memGiB` / `memSizeGiB`: memory in use / its size;
 * - `diskGiB` / `diskSizeGiB`: disk in use / its size.
 */
export type HistoryMetric = (typeof HISTORY_METRICS)[number];

export type EntityKind = 'node' | 'guest';

export interface HistorySeries {
  /** The node's or guest's name, as in the scenario (`node01`, `dns1`). */
  entity: string;
  kind: EntityKind;
  metric: HistoryMetric;
  /** Unix seconds of values[0]. */
  startSeconds: number;
  stepSeconds: number;
  values: Float64Array;
}

export interface History {
  /** Sorted by entity kind (nodes first), entity name, then metric in HISTORY_METRICS order. */
  series: readonly HistorySeries[];
  /** The node each guest ran on at its last sample (guests without a known node are absent). */
  guestNode: Readonly<Record<string, string>>;
}

/** Unix seconds of the last value of a series. */
export function endSeconds(series: HistorySeries): number {
  return series.startSeconds + (series.values.length - 1) * series.stepSeconds;
}

/** The order of `History.series`: nodes before guests, then by name, then metric order. */
export function compareSeries(a: HistorySeries, b: HistorySeries): number {
  if (a.kind !== b.kind) return a.kind === 'node' ? -1 : 1;
  if (a.entity !== b.entity) return a.entity < b.entity ? -1 : 1;
  return HISTORY_METRICS.indexOf(a.metric) - HISTORY_METRICS.indexOf(b.metric);
}
