/**
 * A real Prometheus (Debian's package) for tests: backfills an OpenMetrics file with promtool
 * into a temporary TSDB, starts the server on 127.0.0.1:0, reads the port it logs, waits for
 * /-/ready, and stops it (SIGTERM, then waits for exit) before removing the folder.
 * ../shared/docs/prometheus-in-tests.md has the measurements behind every choice.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningPrometheus {
  url: string;
  stop(): Promise<void>;
}

/** Whether `prometheus` and `promtool` are installed. */
export function prometheusInstalled(): boolean {
  return ['prometheus', 'promtool'].every((binary) => spawnSync(binary, ['--version']).error === undefined);
}

/** Backfills with `write(path)`'s OpenMetrics file and starts Prometheus on it. */
export async function startPrometheus(write: (openMetricsFile: string) => void): Promise<RunningPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-prometheus-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  let child: ChildProcess | null = null;
  try {
    write(join(dir, 'history.om'));
    // 744 h blocks: 1.5 s instead of 101 s with the default 2 h blocks.
    run('promtool', ['tsdb', 'create-blocks-from', '--max-block-duration=744h', 'openmetrics', '-q', join(dir, 'history.om'), join(dir, 'data')]);
    writeFileSync(join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 1h\nscrape_configs: []\n');
    // Long retention: the default 15 d would delete backfilled blocks on start.
    child = spawn('prometheus', [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, '--storage.tsdb.retention.time=3650d', '--web.listen-address=127.0.0.1:0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    const url = `http://127.0.0.1:${await listeningPort(child)}`;
    await ready(url);
    const started = child;
    return {
      url,
      async stop() {
        await stopChild(started);
        remove();
      },
    };
  } catch (error) {
    if (child !== null) await stopChild(child);
    remove();
    throw error;
  }
}

function run(binary: string, args: string[]): void {
  const result = spawnSync(binary, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${binary} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
}

function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => fail(new Error(`prometheus logged no port within 20 s:\n${log}`)), 20_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.on('exit', (code) => fail(new Error(`prometheus exited (${code}) before listening:\n${log}`)));
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const port = /msg="Listening on" address=127\.0\.0\.1:(\d+)/.exec(log)?.[1];
      if (port === undefined) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.stderr!.removeAllListeners('data');
      child.stderr!.resume(); // keep draining the pipe
      resolve(Number(port));
    });
  });
}

async function ready(url: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const ok = await fetch(`${url}/-/ready`).then((response) => response.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`prometheus at ${url} not ready within 10 s`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
