/**
 * headroom's Prometheus client against a real Prometheus holding a generated lab history:
 * 8 days at 5-minute steps, backfilled with promtool. Runs whenever Prometheus is installed,
 * and always under CI=true (.ci/run installs it): there a missing Prometheus fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { History, HistorySeries } from '../../src/engine/model/history.js';
import { InputError } from '../../src/errors.js';
import { writeOpenMetrics } from '../../src/io/history/lab/openmetrics.js';
import { LAB_EVENTS, synthesizeHistory } from '../../src/io/history/lab/synthesize.js';
import { readPrometheusHistory, type PrometheusHistoryOptions } from '../../src/io/history/prometheus.js';
import { queryRangeChunked } from '../../src/io/history/prometheus-http.js';
import { loadScenario } from '../../src/io/loaders/scenario.js';
import { issueOf } from '../support/input-issue.js';
import { prometheusInstalled, startPrometheus, type RunningPrometheus } from './prometheus-server.js';

const installed = prometheusInstalled();
const inCi = process.env.CI === 'true';

it('finds Prometheus installed when CI=true (.ci/run installs it)', () => {
  if (inCi) expect(installed, 'prometheus and promtool on PATH').toBe(true);
});

const STEP = 300;
const DAY = 86_400;
const DAYS = 8;
const lab = loadScenario('scenarios/lab.yaml');
// End one hour before now, on the step (promtool and Prometheus take any past time; no date is hard-coded).
const startSeconds = Math.floor(Date.now() / 1000 / STEP) * STEP - 3_600 - DAYS * DAY;
const endSeconds = startSeconds + DAYS * DAY - STEP;
const events = { added: { vm: 'hpc1', day: 3 }, scrapeOutage: { node: 'node03', day: 5, hour: 9, hours: 2 } } satisfies typeof LAB_EVENTS;
const generated = synthesizeHistory(lab, { seed: 7, startSeconds, days: DAYS, stepSeconds: STEP, events });

describe.runIf(installed || inCi)('Prometheus history from a real Prometheus (lab, 8 days backfilled)', () => {
  let prometheus: RunningPrometheus;
  let options: PrometheusHistoryOptions;
  beforeAll(async () => {
    prometheus = await startPrometheus((file) => writeOpenMetrics(file, generated, lab));
    options = { url: prometheus.url, timeoutMs: 20_000, lookbackSeconds: DAYS * DAY - STEP, stepSeconds: STEP, endSeconds };
  }, 60_000);
  afterAll(async () => prometheus?.stop());

  let read: History;
  it('reads every node and guest, named through pve_guest_info and placed on its node', async () => {
    read = await readPrometheusHistory(lab, options);
    expect(read.guestNode).toEqual(generated.guestNode);
    expect(read.series.length).toBe(23 * 6);
    const sizes = (entity: string) => ['cpuLimit', 'memSizeGiB', 'diskSizeGiB'].map((metric) => seriesIn(read, entity, metric).values[0]);
    // node04's guests' disks (classes.csv): dc2 infra 64, app1 app-server 100, postgres database 500, gpu1 500, hpc1 hpc 400.
    expect(sizes('node04')).toEqual([32, 128, 64 + 100 + 500 + 500 + 400]);
    expect(sizes('postgres')).toEqual([8, 32, 500]);
  });

  it('gives back the generated values (bytes to GiB) at every sample, and the outage as missing', () => {
    for (const expected of generated.series) {
      const got = seriesIn(read, expected.entity, expected.metric);
      expect([got.startSeconds, got.values.length], `${expected.entity}/${expected.metric}`).toEqual([expected.startSeconds, expected.values.length]);
      expected.values.forEach((value, i) => {
        // Prometheus's 5-minute lookback repeats the last sample at the first point of the outage.
        if (Number.isNaN(value) && Number.isNaN(expected.values[i - 1]!)) expect(got.values[i]).toBeNaN();
        else if (!Number.isNaN(value)) expect(Math.abs(got.values[i]! - value), `${expected.entity}/${expected.metric}[${i}]`).toBeLessThan(1e-9);
      });
    }
    // node03's 2 h outage: 24 samples missing, 23 points NaN after the lookback, beyond the 6 that are interpolated.
    expect(Array.from(seriesIn(read, 'node03', 'cpu').values).filter(Number.isNaN).length).toBe(23);
  });

  it('reads the same history in many chunks as in one', async () => {
    // 8 days at 5 minutes is 2,304 points: 5 chunks of at most 500.
    const chunked = await readPrometheusHistory(lab, { ...options, maxPointsPerQuery: 500 });
    expect(chunked.series.map((s) => Array.from(s.values))).toEqual(read.series.map((s) => Array.from(s.values)));
  });

  it('splits a range past the 11,000-point limit: one request fails with the server\'s words, chunks return every point', async () => {
    const range = { startSeconds, endSeconds, stepSeconds: 60 }; // 11,516 points a series
    const query = 'pve_memory_size_bytes{id="node/node01"}';
    const unchunked = await queryRangeChunked({ url: prometheus.url, timeoutMs: 20_000, maxPointsPerQuery: 20_000 }, query, range).catch((error: unknown) => error);
    expect((unchunked as InputError).issues[0]!.expected).toContain('exceeded maximum resolution of 11,000 points per timeseries');
    const [series, ...others] = await queryRangeChunked({ url: prometheus.url, timeoutMs: 20_000 }, query, range);
    expect(others).toEqual([]);
    expect(series!.points.length).toBe((endSeconds - startSeconds) / 60 + 1);
    expect(series!.points.every(([seconds, value], i) => seconds === startSeconds + i * 60 && value === 64 * 2 ** 30)).toBe(true);
  });

  it("refuses a history without the scenario's nodes", async () => {
    const renamed = { ...lab, nodes: lab.nodes.map((node) => ({ ...node, name: `pve-${node.name}` })) };
    const issue = await issueOfAsync(() => readPrometheusHistory(renamed, options));
    expect(issue).toMatchObject({ file: prometheus.url, field: 'query', expected: "series with id node/pve-node01, node/pve-node02, node/pve-node03, node/pve-node04, node/pve-node05 (the scenario's nodes); got only node01, node02, node03, node04, node05" });
  });

  it('refuses a lookback of less than two days', async () => {
    const issue = await issueOfAsync(() => readPrometheusHistory(lab, { ...options, lookbackSeconds: DAY }));
    expect(issue).toMatchObject({ file: prometheus.url, field: 'node01/cpu', value: '1.00 days' });
  });
});

function seriesIn(history: History, entity: string, metric: string): HistorySeries {
  const found = history.series.find((s) => s.entity === entity && s.metric === metric);
  if (found === undefined) throw new Error(`no ${entity}/${metric}`);
  return found;
}

async function issueOfAsync(load: () => Promise<unknown>) {
  const error = await load().then(() => null, (caught: unknown) => caught);
  return issueOf(() => {
    if (error !== null) throw error;
  });
}
