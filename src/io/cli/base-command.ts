import { Command, Errors, Flags } from '@oclif/core';
import { InputError } from '../../errors.js';

/**
 * Exit codes, the same for every command:
 * 0 ok, 1 a gate or policy failed, 2 bad input (and usage errors, as oclif does).
 */
export const EXIT = { ok: 0, gateFailed: 1, badInput: 2 } as const;

/**
 * Base of every headroom command: a `--json` flag that prints the engine's typed result as is
 * (2-space JSON, key order as built, so byte-stable), and one place that turns InputError into a
 * message on stderr and exit 2 with no stack trace.
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

  protected async catch(error: Error & { exitCode?: number }): Promise<unknown> {
    if (error instanceof InputError) {
      process.stderr.write(`headroom: ${error.message}\n`);
      Errors.exit(EXIT.badInput);
    }
    if (process.env.DEBUG === undefined && error.name === 'InvariantError') {
      process.stderr.write(`headroom: internal error: ${error.message}\n`);
      Errors.exit(3);
    }
    return super.catch(error);
  }
}
