/**
 * A progress bar with the time left, on stderr, only when stderr is a terminal: a piped or
 * scheduled run (and `--json` on stdout) sees nothing. cli-progress draws it; the engine only
 * calls `tick` or `report`, so its results never depend on whether a bar is shown.
 */
import { SingleBar } from 'cli-progress';

export interface Progress {
  /** Counts `done` more units of work. */
  tick(done?: number): void;
  /**
   * `done` units of at most `total`: for work whose bound tightens as it runs (an engine's
   * `onProgress(done, total)`). The bar appears once the total is above one unit.
   */
  report(done: number, total: number): void;
  stop(): void;
}

export const SILENT: Progress = { tick: () => undefined, report: () => undefined, stop: () => undefined };

export function progressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return SILENT;
  const bar = new SingleBar({ stream, format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`, hideCursor: true, clearOnComplete: true, etaBuffer: 20 });
  let started = false;
  let [done, bound] = [0, total];
  const report = (value: number, of: number): void => {
    [done, bound] = [value, of];
    if (started) {
      bar.setTotal(bound);
      bar.update(done);
    } else if (bound > 1) {
      bar.start(bound, done);
      started = true;
    }
  };
  report(0, total);
  return { tick: (units = 1) => report(done + units, bound), report, stop: () => void (started && bar.stop()) };
}

/** `work` with a bar of `total` units (0: the work reports its own), stopped however the work ends. */
export function withProgress<T>(label: string, total: number, work: (progress: Progress) => T): T {
  const progress = progressBar(label, total);
  try {
    return work(progress);
  } finally {
    progress.stop();
  }
}
