import { Command, Errors, Flags } from '@oclif/core';
import { InputError } from '../../errors.js';

/**
 * Exit codes, the same for every command:
 * 0 ok, 1 a gate or policy failed, 2 bad input (and usage errors, as oclif does), 3 an internal
 * error (anything else thrown: a bug, never the input's fault).
 */
export const EXIT = { ok: 0, gateFailed: 1, badInput: 2, internalError: 3 } as const;

/** What each exit code means and what to do, as --help (help.ts) and the README state them. */
export const EXIT_CODE_MEANINGS: ReadonlyArray<readonly [number, string]> = [
  [EXIT.ok, 'ok'],
  [EXIT.gateFailed, 'a gate or policy failed (the verdict says which)'],
  [EXIT.badInput, 'bad input: one message naming the file or flag, line, field, value and what was expected; nothing written'],
  [EXIT.internalError, 'internal error, a bug in headroom (never the input): rerun with DEBUG=1 for the stack trace and report it with the command line and the input files'],
];

/**
 * Base of every headroom command: a `--json` flag that prints the engine's typed result as is
 * (2-space JSON, key order as built, so byte-stable), and one place that turns errors into exit
 * codes: InputError into its message on stderr and exit 2 with no stack trace; oclif's own
 * (usage errors, a failed gate's exit) keep their code; anything else is a bug, exit 3.
 */
export abstract class HeadroomCommand extends Command {
  static baseFlags = {
    json: Flags.boolean({ description: 'Print the result as JSON (a stable interface for scripts).', default: false }),
  };

  /** Prints the JSON form of a result when --json was given; returns whether it did. */
  protected printJson(wantJson: boolean, result: unknown): boolean {
    if (wantJson) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return wantJson;
  }

  /** Ends the command with exit 1 after its output, for gates that failed. */
  protected failGate(): never {
    Errors.exit(EXIT.gateFailed);
  }

  /**
   * Waits for stdout to take what was written before the process exits: a pipe takes 64 KiB at
   * once, and oclif's exit after a failed gate (exit 1) would otherwise cut `--json | jq` short.
   */
  protected async finally(error: Error | undefined): Promise<unknown> {
    const { stdout } = process;
    if (stdout.writableLength > 0) await new Promise<void>((resolve) => stdout.write('', () => resolve()));
    return super.finally(error);
  }

  protected async catch(error: Error & { oclif?: { exit?: number } }): Promise<unknown> {
    if (error instanceof InputError) {
      process.stderr.write(`headroom: ${error.message}\n`);
      Errors.exit(EXIT.badInput);
    }
    if (error.oclif?.exit !== undefined) return super.catch(error);
    process.stderr.write(internalErrorText(error, process.env.DEBUG !== undefined));
    Errors.exit(EXIT.internalError);
  }
}

/** The message of exit 3: what broke, in one line (the stack with DEBUG), and what to do. */
function internalErrorText(error: Error, debug: boolean): string {
  const what = debug ? (error.stack ?? `${error.name}: ${error.message}`) : error.name === 'InvariantError' ? error.message : `${error.name}: ${error.message}`;
  const todo = debug ? 'report it with the command line, the input files and this stack trace' : 'rerun with DEBUG=1 for the stack trace and report it with the command line and the input files';
  return `headroom: internal error: ${what}\nheadroom: this is a bug in headroom, not a problem with the input: ${todo}.\n`;
}
