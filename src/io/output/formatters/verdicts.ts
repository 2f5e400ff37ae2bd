/**
 * The report's verdicts, one line each, with the anchor of the evidence behind it: the top of
 * report.html (each line a link) and the terminal's short summary after `report` are these.
 * `status`: `fail` when something must be done now (for the forecast: within the forecast gate's
 * window, as `--fail-on forecast` judges it), `warn` when it will have to be within the horizon,
 * `none` when there is nothing to judge it on.
 */
import type { ClusterReport } from '../../../engine/report/report.js';
import { dueWithin, type SeriesForecast } from '../../../engine/report/capacity-forecast.js';
import { FORECAST_GATE_DAYS } from '../../../engine/report/gates.js';
import { nPlusOneLossText } from './forecast.js';
import { policyLine, policyReasons, remedyText } from './report.js';

export interface Verdict {
  /** The id of the report.html section that holds the evidence. */
  evidence: string;
  status: VerdictStatus;
  text: string;
}

export type VerdictStatus = 'ok' | 'warn' | 'fail' | 'none';

const RESOURCE = { cpu: 'CPU', memGiB: 'memory', diskGiB: 'disk' } as const;

export function reportVerdicts(report: ClusterReport): Verdict[] {
  return [policyVerdict(report), spofVerdict(report), thresholdVerdict(report), lossVerdict(report), headroomVerdict(report)];
}

function policyVerdict(report: ClusterReport): Verdict {
  const reasons = policyReasons(report);
  const shown = reasons.length > 3 ? [...reasons.slice(0, 3), `and ${reasons.length - 3} more`] : reasons;
  return { evidence: 'failover', status: report.verdict.holds ? 'ok' : 'fail', text: shown.length === 0 ? policyLine(report) : `${policyLine(report)} ${shown.join('; ')}.` };
}

function spofVerdict(report: ClusterReport): Verdict {
  const spof = report.nPlusOne.singlePointsOfFailure;
  if (spof.length === 0) return { evidence: 'spof', status: 'ok', text: 'Single points of failure: none.' };
  const vms = new Set(spof.map((d) => d.vm)).size;
  const causes = [...new Set(spof.map((d) => `${d.failedNode}\u0000${d.reason}`))].map((key) => {
    const [node, reason] = key.split('\u0000') as [string, string];
    return `when ${node} fails (${reason}): ${spof.filter((d) => d.failedNode === node && d.reason === reason).map((d) => d.vm).join(', ')}`;
  });
  return { evidence: 'spof', status: 'fail', text: `Single points of failure: ${vms} HA VM(s); ${causes.join('; ')}.` };
}

function thresholdVerdict(report: ClusterReport): Verdict {
  const forecast = report.forecast;
  if (forecast === null) return { evidence: 'forecast', status: 'none', text: 'Threshold crossing: no utilisation history, so no forecast (give --history or --prometheus, or inputs.history in the scenario).' };
  const first = firstBy(forecast.series, (s) => s.daysToCrossing.likely) ?? firstBy(forecast.series, (s) => s.daysToCrossing.earliest);
  if (first === null) return { evidence: 'forecast', status: 'ok', text: `Threshold crossing: no node or resource reaches its threshold within ${forecast.horizonDays} days, even at the 95% interval's upper edge.` };
  const who = `${first.node ?? 'the whole cluster'} ${RESOURCE[first.resource]} (${Math.round(first.threshold * 100)}%)`;
  const { crossing, daysToCrossing } = first;
  const text =
    crossing.likely === null
      ? `Threshold crossing: only the 95% interval's upper edge reaches it: ${who} on ${crossing.earliest} (in ${daysToCrossing.earliest} d).`
      : `Threshold crossing: first ${who}, likely on ${crossing.likely} (in ${daysToCrossing.likely} d; earliest ${crossing.earliest ?? '-'}, latest ${crossing.latest ?? 'beyond the horizon'}).`;
  return { evidence: 'forecast', status: dueWithin(forecast, FORECAST_GATE_DAYS).crossings.length > 0 ? 'fail' : 'warn', text };
}

function lossVerdict(report: ClusterReport): Verdict {
  const forecast = report.forecast;
  if (forecast === null) return { evidence: 'forecast-loss', status: 'none', text: 'N+1 loss: no utilisation history, so no forecast.' };
  const status = forecast.nPlusOneLoss?.firstBreach == null ? 'ok' : dueWithin(forecast, FORECAST_GATE_DAYS).nPlusOneLoss ? 'fail' : 'warn';
  return { evidence: 'forecast-loss', status, text: nPlusOneLossText(forecast) };
}

function headroomVerdict(report: ClusterReport): Verdict {
  const { headroom } = report;
  if (!headroom.holds) return { evidence: 'headroom', status: 'fail', text: `Headroom: nothing more fits while ${headroom.policy} breaks. ${remedyText(report)}` };
  const counts = headroom.classes.map((fit) => `${fit.unit} ${fit.proof.failsAt === null ? '≥ ' : ''}${fit.count}`);
  return { evidence: 'headroom', status: 'ok', text: `Headroom while ${headroom.policy} holds: ${counts.join(', ') || 'no classes declared'}.` };
}

/** The series with the fewest days by `days`, the first on a tie; null when none has a day. */
function firstBy(series: readonly SeriesForecast[], days: (s: SeriesForecast) => number | null): SeriesForecast | null {
  let best: SeriesForecast | null = null;
  for (const s of series) if (days(s) !== null && (best === null || days(s)! < days(best)!)) best = s;
  return best;
}

/** The terminal's short summary: one tagged line per verdict. */
export function renderVerdicts(verdicts: readonly Verdict[]): string {
  const tag: Record<VerdictStatus, string> = { ok: '[ ok ]', warn: '[WARN]', fail: '[FAIL]', none: '[ -- ]' };
  return verdicts.map((v) => `${tag[v.status]} ${v.text}`).join('\n');
}
