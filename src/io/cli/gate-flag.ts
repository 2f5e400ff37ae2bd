/** `report --fail-on policy,threshold,forecast`: the gates a scheduled run fails on (engine/report/gates.ts). */
import { Flags } from '@oclif/core';
import { FORECAST_GATE_DAYS, GATES, type Gate } from '../../engine/report/gates.js';
import { InputError } from '../../errors.js';

export const failOnFlag = Flags.string({
  description: `Exit 1 when one of these gates breaks, comma-separated: policy (the failover policy breaks), threshold (a node or pool at its alert threshold now), forecast (a crossing or the N+1 loss within ${FORECAST_GATE_DAYS} days; needs history).`,
});

/** The named gates, each once; `forecast` only when there is a history to judge it on. */
export function gateList(raw: string | undefined, hasHistory: boolean): Gate[] {
  if (raw === undefined) return [];
  const names = raw.split(',').map((name) => name.trim());
  const unknown = names.find((name) => !(GATES as readonly string[]).includes(name));
  if (unknown !== undefined || new Set(names).size !== names.length) {
    throw new InputError({ file: 'command line', field: '--fail-on', value: raw, expected: `distinct gate names separated by commas, from ${GATES.join(', ')}` });
  }
  if (names.includes('forecast') && !hasHistory) {
    throw new InputError({ file: 'command line', field: '--fail-on', value: raw, expected: "forecast only with a history (--history, --prometheus or the scenario's inputs.history)" });
  }
  return names as Gate[];
}
