/**
 * Why a replay did not run to its end, as the input issue to report (exit 2): a feature the
 * simulator does not model, more nodes than a simulated round allows, or a timeline that runs
 * past the simulator's hard stop.
 */
import type { InputIssue } from '../../../errors.js';
import type { HaReplay } from '../../../engine/ha-sim/simulate.js';

/** `dir` names the folder where no single file is at fault. */
export function replayRefusal(replay: Exclude<HaReplay, { status: 'ok' }>, dir: string): InputIssue {
  if (replay.status === 'unsupported') {
    return { file: dir, field: 'feature', value: replay.features.join(', '), expected: 'only features the simulator models' };
  }
  const { limit, value, max } = replay.limit;
  return limit === 'nodes'
    ? { file: 'hardware_status', field: '(nodes)', value, expected: `at most ${max} nodes (a simulated round takes 2 s a node and must end before the 60 s watchdog expires)` }
    : { file: 'cmdlist', field: '(timeline)', value: `${value} s`, expected: `commands and delays that end within ${max} simulated seconds (the run lasts until 500 s after the last command)` };
}
