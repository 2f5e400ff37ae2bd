/**
 * bin/run.js run as a user would (npm test builds first), without blocking the test's event loop,
 * so a server the test runs for the CLI (the fake Proxmox API) can answer it, and vitest's worker
 * keeps its RPC alive on a loaded machine. Output is streamed, with no buffer limit.
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
