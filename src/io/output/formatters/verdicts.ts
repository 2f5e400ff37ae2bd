/**
 * The report's verdicts, one line each, with the anchor of the evidence behind it: the top of
 * report.html (each line a link) and the terminal's short summary after `report` are these.
 * `ok` is false when something must be done, null when there is nothing to judge it on.
 */
import type { ClusterReport } from '../../../engine/report/report.js';
import type { SeriesForecast } from '../../../engine/report/capacity-forecast.js';
import { nPlusOneLossText } from './forecast.js';
import { policyLine, policyReasons, remedyText } from './report.js';

export interface Verdict {
  /** The id of the report.html section that holds the evidence. */
  evidence: string;
  ok: boolean | null;
  text: string;
}

const RESOURCE = { cpu: 'CPU', memGiB: 'memory', diskGiB: 'disk' } as const;

export function reportVerdicts(report: ClusterReport): Verdict[] {
  return [policyVerdict(report), spofVerdict(report), thresholdVerdict(report), lossVerdict(report), headroomVerdict(report)];
}

function policyVerdict(report: ClusterReport): Verdict {
  const reasons = policyReasons(report);
  const shown = reasons.length > 3 ? [...reasons.slice(0, 3), `and ${reasons.length - 3} more`] : reasons;
  return { evidence: 'failover', ok: report.verdict.holds, text: shown.length === 0 ? policyLine(report) : `${policyLine(report)} ${shown.join('; ')}.` };
}

function spofVerdict(report: ClusterReport): Verdict {
  const spof = report.nPlusOne.singlePointsOfFailure;
  if (spof.length === 0) return { evidence: 'spof', ok: true, text: 'Single points of failure: none.' };
  const vms = new Set(spof.map((d) => d.vm)).size;
  const causes = [...new Set(spof.map((d) => `${d.failedNode}\u0000${d.reason}`))].map((key) => {
    const [node, reason] = key.split('\u0000') as [string, string];
    return `when ${node} fails (${reason}): ${spof.filter((d) => d.failedNode === node && d.reason === reason).map((d) => d.vm).join(', ')}`;
  });
  return { evidence: 'spof', ok: false, text: `Single points of failure: ${vms} HA VM(s); ${causes.join('; ')}.` };
}

function thresholdVerdict(report: ClusterReport): Verdict {
  const forecast = report.forecast;
  if (forecast === null) return { evidence: 'forecast', ok: null, text: 'Threshold crossing: no utilisation history, so no forecast (give --history or --prometheus, or inputs.history in the scenario).' };
  const first = firstBy(forecast.series, (s) => s.daysToCrossing.likely) ?? firstBy(forecast.series, (s) => s.daysToCrossing.earliest);
  if (first === null) return { evidence: 'forecast', ok: true, text: `Threshold crossing: no node or resource reaches its threshold within ${forecast.horizonDays} days, even at the 95% interval's upper edge.` };
  const who = `${first.node ?? 'the whole cluster'} ${RESOURCE[first.resource]} (${Math.round(first.threshold * 100)}%)`;
  const { crossing, daysToCrossing } = first;
  const text =
    crossing.likely === null
      ? `Threshold crossing: only the 95% interval's upper edge reaches it: ${who} on ${crossing.earliest} (in ${daysToCrossing.earliest} d).`
      : `Threshold crossing: first ${who}, likely on ${crossing.likely} (in ${daysToCrossing.likely} d; earliest ${crossing.earliest ?? '-'}, latest ${crossing.latest ?? 'beyond the horizon'}).`;
  return { evidence: 'forecast', ok: false, text };
}

function lossVerdict(report: ClusterReport): Verdict {
  const forecast = report.forecast;
  if (forecast === null) return { evidence: 'forecast-loss', ok: null, text: 'N+1 loss: no utilisation history, so no forecast.' };
  return { evidence: 'forecast-loss', ok: forecast.nPlusOneLoss?.firstBreach == null, text: nPlusOneLossText(forecast) };
}

function headroomVerdict(report: ClusterReport): Verdict {
  const { headroom } = report;
  if (!headroom.holds) return { evidence: 'headroom', ok: false, text: `Headroom: nothing more fits while ${headroom.policy} breaks. ${remedyText(report)}`.replace(/; the headroom then:$/, '.') };
  const counts = headroom.classes.map((fit) => `${fit.unit} ${fit.proof.failsAt === null ? '≥ ' : ''}${fit.count}`);
  return { evidence: 'headroom', ok: true, text: `Headroom while ${headroom.policy} holds: ${counts.join(', ') || 'no classes declared'}.` };
}

/** The series with the fewest days by `days`, the first on a tie; null when none has a day. */
function firstBy(series: readonly SeriesForecast[], days: (s: SeriesForecast) => number | null): SeriesForecast | null {
  let best: SeriesForecast | null = null;
  for (const s of series) if (days(s) !== null && (best === null || days(s)! < days(best)!)) best = s;
  return best;
}

/** The terminal's short summary: one tagged line per verdict. */
export function renderVerdicts(verdicts: readonly Verdict[]): string {
  const tag = (ok: boolean | null) => (ok === null ? '[ -- ]' : ok ? '[ ok ]' : '[FAIL]');
  return verdicts.map((v) => `${tag(v.ok)} ${v.text}`).join('\n');
}
