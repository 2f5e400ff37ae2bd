/**
 * bin/run.js run as a user would (npm test builds first), without blocking the test's event loop:
 * a spawnSync of several CLI starts in a row holds vitest's worker past its 60 s RPC timeout on a
 * loaded machine ("Timeout calling onTaskUpdate"), and blocks any server the test runs for the CLI.
 */
import { spawn } from 'node:child_process';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function headroom(args: readonly string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/run.js', ...args], { env: { ...process.env, DEBUG: undefined, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
