import { describe, expect, it } from 'vitest';
import Pack, { type PackResult } from '../../src/commands/pack.js';
import { runCommand } from '../support/run-command.js';

// small.vbp: capacity (10,10), items A(9,1) B(2,9) C(6,6) D(1,1). A, B and C conflict pairwise
// (A+B = (11,10), A+C = (15,7), B+C = (8,15)), so 3 bins are needed; FFD by L2 (order B, A, C, D)
// packs B | A | C and D beside B: assignment [1, 0, 2, 0].
const small = 'test/fixtures/vbp/small.vbp';

describe('headroom pack', () => {
  it('prints the JSON result with bins, bound, proof, time and assignment', async () => {
    const run = await runCommand<PackResult>(Pack, [small, '--strategy', 'ffd', '--json']);
    const result = JSON.parse(run.stdout) as PackResult;
    expect(run.exitCode).toBe(0);
    expect(Object.keys(result)).toEqual(['strategy', 'bins', 'lowerBound', 'optimal', 'ms', 'assignment']);
    expect({ ...result, ms: typeof result.ms }).toEqual({ strategy: 'ffd', bins: 3, lowerBound: 3, optimal: true, ms: 'number', assignment: [1, 0, 2, 0] });
  });

  it('--exact runs the exact search', async () => {
    const run = await runCommand<PackResult>(Pack, [small, '--exact', '--json']);
    expect(JSON.parse(run.stdout)).toMatchObject({ strategy: 'exact', bins: 3, optimal: true });
  });

  it('prints one human line by default', async () => {
    const run = await runCommand<PackResult>(Pack, [small]);
    expect(run.stdout).toMatch(/^3 bins \(best\), lower bound 3, proven optimal, \d+ ms\n$/);
  });

  it('exits 2 on a bad file, naming file, line, field and value, with no stack trace', async () => {
    const run = await runCommand<PackResult>(Pack, ['test/fixtures/vbp/wrong-fields.vbp']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe(
      "headroom: test/fixtures/vbp/wrong-fields.vbp:5: field 'fields' has value 2: expected 3 fields (the sizes w_1..w_d then the multiplicity q)\n",
    );
  });
});
