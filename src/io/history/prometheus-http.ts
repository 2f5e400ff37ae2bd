/**
 * A minimal Prometheus HTTP API client: `POST /api/v1/query_range` (form-encoded, so long
 * queries fit), with Node's fetch, a timeout per request (AbortSignal.timeout), optional
 * bearer-token or basic-auth credentials read from a file, and chunking: Prometheus refuses a
 * range query of more than 11,000 points per series ("exceeded maximum resolution"), so a range
 * of more points is asked for in consecutive chunks of at most `maxPointsPerQuery` points,
 * joined in time order. Every failure (refused connection, timeout, HTTP error, `"status":"error"`,
 * an answer that is not a matrix) is one InputError naming the endpoint and the query and quoting
 * the server's words. Credentials never appear in a message: not in the URL (refused), and any
 * echo of the secret in the server's words is masked.
 */
import { InputError } from '../../errors.js';
import { readTextFile } from '../loaders/csv-table.js';

/** Prometheus's own limit on points per series in one range query. */
export const PROMETHEUS_MAX_POINTS = 11_000;

export type PrometheusAuth = { bearerTokenFile: string } | { basicAuthFile: string };

export interface PrometheusConnection {
  /** Base URL, e.g. `http://127.0.0.1:9090` (a path prefix is kept). */
  url: string;
  timeoutMs: number;
  auth?: PrometheusAuth;
  /** Points per series per request (default PROMETHEUS_MAX_POINTS), for servers with a lower limit. */
  maxPointsPerQuery?: number;
}

/** One series of a range answer: its labels and its [unixSeconds, value] points in time order. */
export interface RangeSeries {
  metric: Readonly<Record<string, string>>;
  points: Array<[number, number]>;
}

export interface TimeRange {
  startSeconds: number;
  endSeconds: number;
  stepSeconds: number;
}

/** The range query over `range`, in as many requests as the point limit needs. */
export async function queryRangeChunked(connection: PrometheusConnection, query: string, range: TimeRange): Promise<RangeSeries[]> {
  const endpoint = endpointOf(connection.url);
  const headers = authHeaders(connection.auth);
  const span = ((connection.maxPointsPerQuery ?? PROMETHEUS_MAX_POINTS) - 1) * range.stepSeconds;
  const byLabels = new Map<string, RangeSeries>();
  for (let start = range.startSeconds; start <= range.endSeconds; start += span + range.stepSeconds) {
    const chunk = { ...range, startSeconds: start, endSeconds: Math.min(range.endSeconds, start + span) };
    for (const series of await queryRange(endpoint, headers, connection.timeoutMs, query, chunk)) {
      const key = JSON.stringify(Object.entries(series.metric).sort());
      const known = byLabels.get(key);
      if (known === undefined) byLabels.set(key, series);
      else known.points.push(...series.points);
    }
  }
  return [...byLabels.values()];
}

interface Headers {
  headers: Record<string, string>;
  /** What a message must never show: the secret as read and as sent. */
  secrets: string[];
}

async function queryRange(endpoint: string, auth: Headers, timeoutMs: number, query: string, range: TimeRange): Promise<RangeSeries[]> {
  const fail = (words: string) => new InputError({ file: endpoint, field: 'query', value: query, expected: `an answer from Prometheus for ${rangeWords(range)}; got ${mask(words, auth.secrets)}` });
  const body = new URLSearchParams({ query, start: String(range.startSeconds), end: String(range.endSeconds), step: String(range.stepSeconds) });
  let text: string;
  let status: number;
  try {
    const response = await fetch(endpoint, { method: 'POST', body, headers: auth.headers, signal: AbortSignal.timeout(timeoutMs) });
    status = response.status;
    text = await response.text();
  } catch (error) {
    throw fail(transportWords(error, timeoutMs));
  }
  let answer: { status?: string; errorType?: string; error?: string; data?: { resultType?: string; result?: unknown } };
  try {
    answer = JSON.parse(text);
  } catch {
    throw fail(`HTTP ${status}: ${excerpt(text)}`);
  }
  if (answer.status === 'error') throw fail(`"status":"error" (HTTP ${status}, ${answer.errorType ?? 'no errorType'}): ${excerpt(answer.error ?? '')}`);
  if (status !== 200) throw fail(`HTTP ${status}: ${excerpt(text)}`);
  if (answer.data?.resultType !== 'matrix' || !Array.isArray(answer.data.result)) throw fail(`an answer that is not a matrix: ${excerpt(text)}`);
  return (answer.data.result as Array<{ metric: Record<string, string>; values: Array<[number, string]> }>).map(({ metric, values }) => ({
    metric,
    points: values.map(([seconds, value]) => [seconds, Number(value)]),
  }));
}

function endpointOf(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError({ file: 'command line', field: '--prometheus', value: url, expected: 'a URL such as http://127.0.0.1:9090' });
  }
  if (parsed.username !== '' || parsed.password !== '') {
    parsed.username = '';
    parsed.password = '';
    throw new InputError({ file: 'command line', field: '--prometheus', value: parsed.href, expected: 'a URL without user:password@ (give credentials in a file)' });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new InputError({ file: 'command line', field: '--prometheus', value: url, expected: 'an http:// or https:// URL' });
  return `${parsed.href.replace(/\/+$/, '')}/api/v1/query_range`;
}

function authHeaders(auth: PrometheusAuth | undefined): Headers {
  if (auth === undefined) return { headers: {}, secrets: [] };
  const file = 'bearerTokenFile' in auth ? auth.bearerTokenFile : auth.basicAuthFile;
  const secret = readTextFile(file, 'credentials').trim();
  const hidden = { file, field: 'credentials', value: '(not shown)' };
  if (secret === '') throw new InputError({ ...hidden, expected: 'a file holding the credentials on one line' });
  if ('bearerTokenFile' in auth) return { headers: { authorization: `Bearer ${secret}` }, secrets: [secret] };
  if (!secret.includes(':')) throw new InputError({ ...hidden, expected: 'user:password on one line' });
  const encoded = Buffer.from(secret).toString('base64');
  return { headers: { authorization: `Basic ${encoded}` }, secrets: [secret, encoded, secret.slice(secret.indexOf(':') + 1)].filter((part) => part !== '') };
}

function transportWords(error: unknown, timeoutMs: number): string {
  const { name, message, cause } = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs / 1000} s (timeout)`;
  if (cause?.code === 'ECONNREFUSED') return `connection refused (${cause.message ?? cause.code})`;
  return `no connection (${cause?.message ?? message ?? String(error)})`;
}

function rangeWords({ startSeconds, endSeconds, stepSeconds }: TimeRange): string {
  const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
  return `${iso(startSeconds)} to ${iso(endSeconds)} step ${stepSeconds} s`;
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}...` : flat;
}

function mask(words: string, secrets: readonly string[]): string {
  return secrets.reduce((text, secret) => text.split(secret).join('***'), words);
}
