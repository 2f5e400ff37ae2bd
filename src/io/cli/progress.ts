/**
 * A progress bar with the time left, on stderr, only when stderr is a terminal: a piped or
 * scheduled run (and `--json` on stdout) sees nothing. cli-progress draws it; the engine only
 * calls `tick`, so its results never depend on whether a bar is shown.
 */
import { SingleBar } from 'cli-progress';

export interface Progress {
  /** Counts `done` more units of work. */
  tick(done?: number): void;
  stop(): void;
}

export const SILENT: Progress = { tick: () => undefined, stop: () => undefined };

export function progressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || total <= 1) return SILENT;
  const bar = new SingleBar({ stream, format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`, hideCursor: true, clearOnComplete: true, etaBuffer: 20 });
  bar.start(total, 0);
  return { tick: (done = 1) => bar.increment(done), stop: () => bar.stop() };
}
