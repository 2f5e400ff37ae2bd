/**
 * Runs a command class in-process, as oclif would, capturing what it writes. Exit codes come
 * back as numbers: 0 on success, the ExitError's code otherwise.
 */
import { Config, type Command } from '@oclif/core';
import { vi } from 'vitest';

let config: Config | undefined;

export interface CommandRun<T> {
  result: T | undefined;
  stdout: string;
  stderr: string;
  exitCode: number;
}

export async function runCommand<T>(command: typeof Command & { run(argv: string[], config: Config): Promise<unknown> }, argv: string[]): Promise<CommandRun<T>> {
  config ??= await Config.load({ root: process.cwd() });
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void (stdout += `${args.join(' ')}\n`));
  try {
    const result = (await command.run(argv, config)) as T;
    return { result, stdout, stderr, exitCode: 0 };
  } catch (error) {
    const exit = (error as { oclif?: { exit?: number } }).oclif?.exit;
    if (exit === undefined) throw error;
    return { result: undefined, stdout, stderr, exitCode: exit };
  } finally {
    out.mockRestore();
    err.mockRestore();
    log.mockRestore();
  }
}
