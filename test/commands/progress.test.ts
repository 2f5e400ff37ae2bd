/**
 * Long commands draw a progress bar on stderr only when it is a terminal (io/cli/progress.ts):
 * piped, as in a timer or a test, stderr stays empty and `--json` stdout is JSON alone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import Fit from '../../src/commands/fit.js';
import Forecast from '../../src/commands/forecast.js';
import Pack from '../../src/commands/pack.js';
import Size from '../../src/commands/size.js';
import { runCommand } from '../support/run-command.js';
import { PROPOSED_LAB } from '../support/scenario-files.js';

// 90 random 3-d items that the best configuration leaves open (29 bins, lower bound 28): the
// exact strategy's branch-and-bound runs, and reports its nodes.
const openGap = 'test/fixtures/vbp/open-gap.vbp';

const stderrTTY = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
function stderrIsTerminal(isTTY: boolean): void {
  Object.defineProperty(process.stderr, 'isTTY', { value: isTTY, configurable: true });
}
afterEach(() => {
  if (stderrTTY === undefined) delete (process.stderr as { isTTY?: boolean }).isTTY;
  else Object.defineProperty(process.stderr, 'isTTY', stderrTTY);
});

const commands: Array<[string, Parameters<typeof runCommand>[0], string[]]> = [
  ['fit over every class', Fit, ['--json']],
  ['size, the exact search deciding 5 node01 copies', Size, ['--scenario', PROPOSED_LAB, '--ignore-threshold', '--node-model', 'node01', '--json']],
  ['pack --exact', Pack, [openGap, '--exact', '--exact-budget', '20000', '--json']],
  ['forecast over every series', Forecast, ['--horizon', '30d', '--json']],
];

describe('progress on stderr', () => {
  for (const [name, command, argv] of commands) {
    it(`${name}: not a terminal, stderr stays empty and stdout is JSON`, async () => {
      stderrIsTerminal(false);
      const run = await runCommand(command, argv);
      expect(run.exitCode).toBe(0);
      expect(run.stderr).toBe('');
      expect(() => JSON.parse(run.stdout)).not.toThrow();
    });
  }

  it('on a terminal the bar goes to stderr, and --json stdout stays JSON alone, the same as piped', async () => {
    stderrIsTerminal(false);
    const piped = await runCommand(Pack, [openGap, '--exact', '--exact-budget', '20000', '--json']);
    stderrIsTerminal(true);
    const terminal = await runCommand(Pack, [openGap, '--exact', '--exact-budget', '20000', '--json']);
    expect(terminal.stderr).toContain('branch-and-bound nodes [');
    expect(terminal.stdout).toBe(piped.stdout);
    expect(JSON.parse(terminal.stdout)).toMatchObject({ strategy: 'exact', bins: 29, lowerBound: 28, optimal: false });
  });

  it('fit on a terminal: one tick per class', async () => {
    stderrIsTerminal(true);
    const run = await runCommand(Fit, ['--json']);
    expect(run.stderr).toMatch(/classes \[.*\] 100% \| 8\/8/);
    expect(() => JSON.parse(run.stdout)).not.toThrow();
  });
});
