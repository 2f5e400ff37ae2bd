/**
 * Conformance of simulated recoveries with a pve-ha-manager `log.expect`: the recovery lines
 * (`recover service '<sid>' from fenced node '<from>' to node '<to>'`, and
 * `recover service '<sid>' to previous failed and fenced node '<n>' again`, where from = to)
 * must match the simulator's `recover` decisions one for one: same services, same nodes, same
 * order. Pure: the caller reads the files.
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
