/**
 * The exit-code map every command shares (base-command.ts): 0 ok, 1 a gate failed, 2 bad input,
 * 3 an internal error. Driven through tiny commands that end each way, in-process.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { HeadroomCommand } from '../../src/io/cli/base-command.js';
import { InputError, InvariantError } from '../../src/errors.js';
import { runCommand } from '../support/run-command.js';

function ending(end: (command: HeadroomCommand) => void): typeof HeadroomCommand {
  return class extends HeadroomCommand {
    async run(): Promise<void> {
      end(this);
    }
  };
}

const gate = ending((command) => (command as unknown as { failGate(): never }).failGate());
const badInput = ending(() => {
  throw new InputError({ file: 'nodes.csv', line: 3, field: 'memGiB', value: '-4', expected: 'a number >= 0' });
});
const typeError = ending(() => {
  throw new TypeError("Cannot read properties of null (reading 'vm')");
});
const invariant = ending(() => {
  throw new InvariantError('VM assigned twice', 'web1');
});

const ADVICE = 'headroom: this is a bug in headroom, not a problem with the input: rerun with DEBUG=1 for the stack trace and report it with the command line and the input files.\n';

describe('exit codes', () => {
  afterEach(() => {
    delete process.env.DEBUG;
  });

  it.each([
    { name: 'a failed gate exits 1, quietly', command: gate, exitCode: 1, stderr: '' },
    { name: 'bad input exits 2 with its located message', command: badInput, exitCode: 2, stderr: "headroom: nodes.csv:3: field 'memGiB' has value '-4': expected a number >= 0\n" },
    { name: 'a TypeError is an internal error: exit 3, what broke and what to do, no stack', command: typeError, exitCode: 3, stderr: `headroom: internal error: TypeError: Cannot read properties of null (reading 'vm')\n${ADVICE}` },
    { name: 'a broken invariant: exit 3 with the bad value', command: invariant, exitCode: 3, stderr: `headroom: internal error: VM assigned twice: 'web1'\n${ADVICE}` },
  ])('$name', async ({ command, exitCode, stderr }) => {
    const run = await runCommand(command, []);
    expect([run.exitCode, run.stderr]).toEqual([exitCode, stderr]);
  });

  it('DEBUG=1 adds the stack trace and still exits 3', async () => {
    process.env.DEBUG = '1';
    const run = await runCommand(typeError, []);
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toMatch(/^headroom: internal error: TypeError: Cannot read properties of null \(reading 'vm'\)\n\s+at /);
    expect(run.stderr).toMatch(/report it with the command line, the input files and this stack trace\.\n$/);
  });
});
