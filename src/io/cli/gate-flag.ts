/** `report --fail-on policy,threshold,forecast`: the gates a scheduled run fails on (engine/report/gates.ts). */
import { Flags } from '@oclif/core';
import { FORECAST_GATE_DAYS, GATES, type Gate } from '../../engine/report/gates.js';
import { InputError } from '../../errors.js';
import { parseNameList } from './name-list.js';

export const failOnFlag = Flags.string({
  description: `Exit 1 when one of these gates breaks, comma-separated: policy (the failover policy breaks), threshold (a node or pool at its alert threshold now), forecast (a crossing or the N+1 loss within ${FORECAST_GATE_DAYS} days; needs history).`,
});

/** The named gates, each once; `forecast` only when there is a history to judge it on. */
export function gateList(raw: string | undefined, hasHistory: boolean): Gate[] {
  if (raw === undefined) return [];
  const names = parseNameList(raw, '--fail-on', GATES, 'gate names');
  if (names.includes('forecast') && !hasHistory) {
    throw new InputError({ file: 'command line', field: '--fail-on', value: raw, expected: "forecast only with a history (--history, --prometheus or the scenario's inputs.history)" });
  }
  return names;
}
