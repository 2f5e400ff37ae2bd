import { describe, expect, it } from 'vitest';
import Pack, { type PackResult } from '../../src/commands/pack.js';
import { runCommand } from '../support/run-command.js';

// small.vbp: capacity (10,10), items A(9,1) B(2,9) C(6,6) D(1,1). A, B and C conflict pairwise
// (A+B = (11,10), A+C = (15,7), B+C = (8,15)), so 3 bins are needed; FFD by L2 (order B, A, C, D)
// packs B | A | C and D beside B: assignment [1, 0, 2, 0].
const small = 'test/fixtures/vbp/small.vbp';
const lpInstance = 'test/fixtures/vbp/pairs-only.vbp';

describe('headroom pack', () => {
  it('prints the JSON result with bins, bound, proof, safety net and assignment, and no time', async () => {
    const run = await runCommand<PackResult>(Pack, [small, '--strategy', 'ffd', '--json']);
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toStrictEqual({ strategy: 'ffd', bins: 3, lowerBound: 3, optimal: true, timeLimitHit: false, assignment: [1, 0, 2, 0] });
  });

  it('--exact runs the exact search', async () => {
    const run = await runCommand<PackResult>(Pack, [small, '--exact', '--json']);
    expect(JSON.parse(run.stdout)).toMatchObject({ strategy: 'exact', bins: 3, optimal: true });
  });

  it('prints one human line by default', async () => {
    const run = await runCommand<PackResult>(Pack, [small]);
    expect(run.stdout).toBe('3 bins (best), lower bound 3, proven optimal\n');
  });

  it('is byte-identical run to run, the budgets counted in work units', async () => {
    // The LP instance of lower-bounds.test.ts (no triple fits, so 3 bins): the best
    // configuration runs its column generation and dives, budgeted in pricing nodes.
    const runs = [await runCommand<PackResult>(Pack, [lpInstance, '--json']), await runCommand<PackResult>(Pack, [lpInstance, '--json'])];
    expect(runs[0]!.stdout).toBe(runs[1]!.stdout);
    expect(JSON.parse(runs[0]!.stdout)).toStrictEqual({ strategy: 'best', bins: 3, lowerBound: 3, optimal: true, timeLimitHit: false, assignment: expect.any(Array) });
  });

  it('packs 100,000 items of size 1 into 10,000 bins of 10 and proves it, the bound in exact arithmetic', async () => {
    // 100,000 x 1 / 10 = 10,000 bins by volume, and 10 items fill each bin: OPT = 10,000.
    // (Summed in doubles, u_9's 100,000 terms of 1/10 exceed 10,000 and rounded up to 10,001.)
    const run = await runCommand<PackResult>(Pack, ['test/fixtures/vbp/ten-thousand-bins.vbp', '--strategy', 'ffd', '--json']);
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ bins: 10_000, lowerBound: 10_000, optimal: true });
  });

  it('exits 2 on a multiplicity of 10^8, naming the line, field, value and the supported limit', async () => {
    const run = await runCommand<PackResult>(Pack, ['test/fixtures/vbp/huge-multiplicity.vbp']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe(
      "headroom: test/fixtures/vbp/huge-multiplicity.vbp:5: field 'q' has value '100000000': expected a multiplicity of at most 9999995: the supported limit is 10000000 items in all (10000000 sizes / d = 1), and the lines before hold 5\n",
    );
  });

  it('exits 2 on a bad file, naming file, line, field and value, with no stack trace', async () => {
    const run = await runCommand<PackResult>(Pack, ['test/fixtures/vbp/wrong-fields.vbp']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe(
      "headroom: test/fixtures/vbp/wrong-fields.vbp:5: field 'fields' has value 2: expected 3 fields (the sizes w_1..w_d then the multiplicity q)\n",
    );
  });
});
