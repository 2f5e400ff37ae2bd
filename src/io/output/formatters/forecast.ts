/** Renders a capacity forecast: the crossing dates per node and resource, then the N+1 loss. */
import type { CapacityForecast } from '../../../engine/report/capacity-forecast.js';
import { textTable, type TableRenderer } from '../tables.js';

const RESOURCE = { cpu: 'CPU', memGiB: 'memory', diskGiB: 'disk' } as const;

export function renderForecast(forecast: CapacityForecast, table: TableRenderer = textTable): string {
  return [forecastIntro(forecast), '', forecastTable(forecast, table), '', nPlusOneLossText(forecast)].join('\n');
}

export function forecastIntro(forecast: CapacityForecast): string {
  return `Forecast for ${forecast.scenario} from ${forecast.lastSample}, ${forecast.horizonDays} days: the sustained daily peak of measured use (a share of the node's threads, memory or disk, not of what its VMs are allotted) against the threshold; earliest from the 95% interval's upper edge, latest from its lower edge, '-' not within the horizon.`;
}

/**
 * One row per node (or the cluster) and resource: the last peak, its trend, the next day's
 * highest step (the day-ahead mean, then its 95% upper edge) and the three crossing dates.
 */
export function forecastTable(forecast: CapacityForecast, table: TableRenderer): string {
  const when = (date: string | null, days: number | null) => (date === null ? '-' : `${date} (${days} d)`);
  const highest = (values: readonly number[]) => `${(Math.max(...values) * 100).toFixed(1)}%`;
  const rows = forecast.series.map((s) => [
    s.node ?? 'cluster',
    RESOURCE[s.resource],
    `${(s.lastPeak * 100).toFixed(1)}%`,
    `${(s.slopePerDay * 100).toFixed(2)} pt/d`,
    `${highest(s.dayAhead.mean)} (95%: ${highest(s.dayAhead.upper95)})`,
    `${Math.round(s.threshold * 100)}%`,
    when(s.crossing.earliest, s.daysToCrossing.earliest),
    when(s.crossing.likely, s.daysToCrossing.likely),
    when(s.crossing.latest, s.daysToCrossing.latest),
  ]);
  return table(['node', 'resource', 'last peak', 'trend', 'next day high', 'threshold', 'earliest', 'likely', 'latest'], rows);
}

/** The date the failover policy is first lost under the forecast growth, and the nodes that keep it. */
export function nPlusOneLossText(forecast: CapacityForecast): string {
  const loss = forecast.nPlusOneLoss;
  if (loss === null) return 'N+1: no history to forecast from.';
  if (loss.firstBreach === null) return `N+1: the policy holds at every one of the ${loss.stepsChecked} days forecast.`;
  const breach = loss.firstBreach;
  const repair =
    loss.nodesToHold === null
      ? `No addition of up to 3 nodes like an existing one keeps it to day ${forecast.horizonDays}, even with the VMs placed again (${loss.remedyChecked} checked).`
      : `${loss.nodesToHold.added.length} more node(s) like ${loss.nodesToHold.like} keep it to day ${forecast.horizonDays}${loss.nodesToHold.rebalance ? ', with the VMs placed again by the strategy (where they run today, growth overfills a node)' : ''}.`;
  return `N+1: lost on ${loss.date} (day ${breach.day}): ${breach.scenario === null ? 'before any failure' : `when ${breach.scenario} fails`}${breach.vm === null ? '' : `, ${breach.vm}`} (${breach.reason}). ${repair}`;
}
