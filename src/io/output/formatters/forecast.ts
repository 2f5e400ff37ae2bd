/** Renders a capacity forecast: the crossing dates per node and resource, then the N+1 loss. */
import type { CapacityForecast } from '../../../engine/report/capacity-forecast.js';
import { textTable, type markdownTable } from '../tables.js';

const RESOURCE = { cpu: 'CPU', memGiB: 'memory', diskGiB: 'disk' } as const;

export function renderForecast(forecast: CapacityForecast, table: typeof textTable | typeof markdownTable = textTable): string {
  const when = (date: string | null, days: number | null) => (date === null ? '-' : `${date} (${days} d)`);
  const rows = forecast.series.map((s) => [
    s.node ?? 'cluster',
    RESOURCE[s.resource],
    `${(s.lastPeak * 100).toFixed(1)}%`,
    `${(s.slopePerDay * 100).toFixed(2)} pt/d`,
    `${Math.round(s.threshold * 100)}%`,
    when(s.crossing.earliest, s.daysToCrossing.earliest),
    when(s.crossing.likely, s.daysToCrossing.likely),
    when(s.crossing.latest, s.daysToCrossing.latest),
  ]);
  const loss = forecast.nPlusOneLoss;
  const lossLine =
    loss === null
      ? 'N+1: no history to forecast from.'
      : loss.firstBreach === null
        ? `N+1: the policy holds at every one of the ${loss.stepsChecked} days forecast.`
        : `N+1: lost on ${loss.date} (day ${loss.firstBreach.day}): ${loss.firstBreach.scenario === null ? 'before any failure' : `when ${loss.firstBreach.scenario} fails`}${loss.firstBreach.vm === null ? '' : `, ${loss.firstBreach.vm}`} (${loss.firstBreach.reason}). ${
            loss.nodesToHold === null
              ? `No addition of up to 3 nodes like an existing one keeps it to day ${forecast.horizonDays}, even with the VMs placed again (${loss.remedyChecked} checked).`
              : `${loss.nodesToHold.added.length} more node(s) like ${loss.nodesToHold.like} keep it to day ${forecast.horizonDays}${loss.nodesToHold.rebalance ? ', with the VMs placed again by the strategy (where they run today, growth overfills a node)' : ''}.`
          }`;
  return [
    `Forecast for ${forecast.scenario} from ${forecast.lastSample}, ${forecast.horizonDays} days: the sustained daily peak of measured use (a share of the node's threads, memory or disk, not of what its VMs are allotted) against the threshold; earliest from the 95% interval's upper edge, latest from its lower edge, '-' not within the horizon.`,
    '',
    table(['node', 'resource', 'last peak', 'trend', 'threshold', 'earliest', 'likely', 'latest'], rows),
    '',
    lossLine,
  ].join('\n');
}
