/**
 * Conformance of a simulated run with a pve-ha-manager `log.expect`, at two depths. Pure: the
 * caller reads the files.
 * - Recoveries: the recovery lines (`recover service '<sid>' from fenced node '<from>' to node
 *   '<to>'`, and `recover service '<sid>' to previous failed and fenced node '<n>' again`, where
 *   from = to) must match the simulator's `recover` decisions one for one: same services, same
 *   nodes, same order.
 * - Full log: every line, in order, with each run of white space counted as one space and none
 *   at either end (upstream pads its columns); blank lines are not lines.
 */
import type { HaDecision } from '../../../engine/ha-sim/model.js';

export interface Recovery {
  sid: string;
  from: string;
  to: string;
}

const RECOVER_TO = /recover service '([^']+)' from fenced node '([^']+)' to node '([^']+)'/;
const RECOVER_AGAIN = /recover service '([^']+)' to previous failed and fenced node '([^']+)' again/;

export function expectedRecoveries(logText: string): Recovery[] {
  return logText.split('\n').flatMap((line) => {
    const moved = RECOVER_TO.exec(line);
    if (moved !== null) return [{ sid: moved[1]!, from: moved[2]!, to: moved[3]! }];
    const again = RECOVER_AGAIN.exec(line);
    return again === null ? [] : [{ sid: again[1]!, from: again[2]!, to: again[2]! }];
  });
}

export type RecoveryComparison = { pass: true; count: number } | { pass: false; difference: string };

export function compareRecoveries(expected: readonly Recovery[], decisions: readonly HaDecision[]): RecoveryComparison {
  const actual = decisions.filter((decision) => decision.kind === 'recover');
  const length = Math.max(expected.length, actual.length);
  for (let index = 0; index < length; index++) {
    const want = expected[index];
    const got = actual[index];
    if (want !== undefined && got !== undefined && want.sid === got.sid && want.from === got.from && want.to === got.to) continue;
    return {
      pass: false,
      difference: `recovery #${index + 1}: expected ${describe(want)}, got ${describe(got)}`,
    };
  }
  return { pass: true, count: expected.length };
}

function describe(recovery: Recovery | undefined): string {
  return recovery === undefined ? 'no recovery' : `${recovery.sid} ${recovery.from} -> ${recovery.to}`;
}

/** The first line where the logs part; `undefined` on a side that has no more lines. */
export type FullLogComparison =
  | { identical: true; lines: number }
  | { identical: false; line: number; expected: string | undefined; actual: string | undefined };

export function compareFullLog(expectedText: string, actualLines: readonly string[]): FullLogComparison {
  const expected = logLines(expectedText.split('\n'));
  const actual = logLines(actualLines);
  const length = Math.max(expected.length, actual.length);
  for (let index = 0; index < length; index++) {
    if (expected[index] !== actual[index]) return { identical: false, line: index + 1, expected: expected[index], actual: actual[index] };
  }
  return { identical: true, lines: expected.length };
}

function logLines(lines: readonly string[]): string[] {
  return lines.map((line) => line.replace(/\s+/g, ' ').trim()).filter((line) => line !== '');
}
