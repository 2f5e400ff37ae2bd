/**
 * Ganeti's `hspace` (Debian package `ganeti-htools`) as a peer for `npm run bench:fit`: install
 * it when missing, run it on a simulated cluster, and read its machine-readable output.
 *
 * Side effects (apt-get, a child process) live here so the benchmark itself stays a table.
 * Every failure is returned as data with the reason, never thrown: the benchmark still runs
 * headroom's side when hspace cannot be had.
 */
import { spawn, spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export type HspaceAvailability = { ok: true; binary: string; version: string; installedNow: boolean } | { ok: false; why: string };

/** `hspace` on PATH, or installed with `apt-get update && apt-get install -y ganeti-htools` (root only). */
export function ensureHspace(): HspaceAvailability {
  const found = locate();
  if (found !== null) return { ok: true, binary: found, version: versionOf(found), installedNow: false };
  if (process.platform !== 'linux') return { ok: false, why: `hspace is not installed and apt-get needs Linux (platform ${process.platform})` };
  if (process.getuid?.() !== 0) return { ok: false, why: 'hspace is not installed and apt-get needs root: run `sudo apt-get install -y ganeti-htools` once' };
  if (locateCommand('apt-get') === null) return { ok: false, why: 'hspace is not installed and apt-get is not on PATH (not a Debian/Ubuntu system)' };
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'ganeti-htools']]) {
    console.log(`installing hspace: apt-get ${args.join(' ')}`);
    const run = spawnSync('apt-get', args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (run.error !== undefined) return { ok: false, why: `apt-get ${args[0]} could not start: ${run.error.message}` };
    if (run.status !== 0) return { ok: false, why: `apt-get ${args[0]} exited ${run.status}: ${lastLines(run.stderr || run.stdout, 3)}` };
  }
  const installed = locate();
  if (installed === null) return { ok: false, why: 'apt-get install ganeti-htools succeeded but hspace is still not on PATH' };
  return { ok: true, binary: installed, version: versionOf(installed), installedNow: true };
}

export interface HspaceRequest {
  nodes: number;
  /** `--simulate` node description after the count, e.g. `2t,64g,16` (disk, memory, CPUs). */
  nodeSpec: string;
  /** `--standard-alloc` instance description, e.g. `50g,8g,4` (disk, memory, vCPUs). */
  instanceSpec: string;
  diskTemplate: string;
  timeoutSeconds: number;
  /** Further flags after the ones, e.g. `--no-capacity-checks` for a control run. */
  extraArgs?: readonly string[];
}

export type HspaceRun =
  | { ok: true; args: string[]; seconds: number; count: number; failReason: string; values: ReadonlyMap<string, string> }
  | { ok: false; args: string[]; seconds: number; timedOut: boolean; why: string };

/** The hspace arguments for a request, as the issue gives them. */
export function hspaceArgs(request: HspaceRequest): string[] {
  return [
    `--simulate=p,${request.nodes},${request.nodeSpec}`,
    `--standard-alloc=${request.instanceSpec}`,
    `--disk-template=${request.diskTemplate}`,
    '--machine-readable',
    ...(request.extraArgs ?? []),
  ];
}

/** Runs hspace once; the wall time covers the whole process (hspace's real work, start to exit). */
export function runHspace(binary: string, request: HspaceRequest): Promise<HspaceRun> {
  const args = hspaceArgs(request);
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, request.timeoutSeconds * 1000);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, args, seconds: (performance.now() - started) / 1000, timedOut: false, why: `could not start ${binary}: ${error.message}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const seconds = (performance.now() - started) / 1000;
      if (timedOut) return resolve({ ok: false, args, seconds, timedOut, why: `killed after the ${request.timeoutSeconds} s time limit` });
      const values = parseMachineReadable(stdout);
      const count = Number(values.get('HTS_ALLOC_INSTANCES'));
      if (code !== 0 || values.get('HTS_OK') !== '1' || !Number.isInteger(count)) {
        return resolve({ ok: false, args, seconds, timedOut, why: `exit ${code}, HTS_OK=${values.get('HTS_OK') ?? 'missing'}: ${lastLines(stderr || stdout, 3)}` });
      }
      resolve({ ok: true, args, seconds, count, failReason: values.get('HTS_ALLOC_FAIL_REASON') ?? '?', values });
    });
  });
}

/** `KEY=VALUE` lines (a shell fragment; values may be single-quoted). */
export function parseMachineReadable(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^(HTS_[A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match !== null) values.set(match[1]!, match[2]!.replace(/^'(.*)'$/, '$1'));
  }
  return values;
}

function locate(): string | null {
  return locateCommand('hspace') ?? (spawnSync('test', ['-x', '/usr/bin/hspace']).status === 0 ? '/usr/bin/hspace' : null);
}

function locateCommand(name: string): string | null {
  const run = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const path = run.stdout?.trim() ?? '';
  return run.status === 0 && path !== '' ? path : null;
}

function versionOf(binary: string): string {
  const run = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  return (run.stdout ?? '').split('\n')[0]?.trim() || 'unknown version';
}

function lastLines(text: string, count: number): string {
  return text.trim().split('\n').slice(-count).join(' | ') || '(no output)';
}
