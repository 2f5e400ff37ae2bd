/**
 * The Prometheus client's failures, against HTTP servers started here on 127.0.0.1:0: each is
 * one InputError naming the endpoint and the query and quoting the server's words, with any
 * credential masked.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, type InputIssue } from '../../src/errors.js';
import { queryRangeChunked, type PrometheusConnection } from '../../src/io/history/prometheus-http.js';

const QUERY = 'pve_memory_usage_bytes';
const RANGE = { startSeconds: 1_795_000_000, endSeconds: 1_795_003_000, stepSeconds: 300 };
const RANGE_WORDS = '2026-11-18T11:06:40Z to 2026-11-18T11:56:40Z step 300 s'; // new Date(1795000000 * 1000), and 3,000 s later
const dir = mkdtempSync(join(tmpdir(), 'headroom-prometheus-errors-'));
const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => (server.closeAllConnections(), server.close(resolve)))));
  rmSync(dir, { recursive: true, force: true });
});

/** A server answering every request with `handle`; resolves to its base URL. */
async function serve(handle: (request: IncomingMessage, response: ServerResponse, body: string) => void): Promise<string> {
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => handle(request, response, body));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const reply = (status: number, body: string) => (_request: IncomingMessage, response: ServerResponse) => response.writeHead(status, { 'content-type': 'text/plain' }).end(body);

async function failure(connection: PrometheusConnection): Promise<{ issue: InputIssue; message: string }> {
  const error = await queryRangeChunked(connection, QUERY, RANGE).then(() => null, (caught: unknown) => caught);
  if (!(error instanceof InputError)) throw new Error(`expected an InputError, got ${String(error)}`);
  return { issue: error.issues[0]!, message: error.message };
}

function secretFile(name: string, content: string): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

describe('Prometheus client failures: one message naming the query and quoting the server', () => {
  it('quotes "status":"error" and its errorType', async () => {
    const url = await serve(reply(400, JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'invalid parameter "query": 1:5: parse error: unexpected end of input' })));
    expect((await failure({ url, timeoutMs: 5_000 })).issue).toEqual({
      file: `${url}/api/v1/query_range`,
      field: 'query',
      value: QUERY,
      expected: `an answer from Prometheus for ${RANGE_WORDS}; got "status":"error" (HTTP 400, bad_data): invalid parameter "query": 1:5: parse error: unexpected end of input`,
    });
  });

  it('quotes an HTTP 500 body', async () => {
    const url = await serve(reply(500, 'internal failure: out of memory\n'));
    expect((await failure({ url, timeoutMs: 5_000 })).issue.expected).toBe(`an answer from Prometheus for ${RANGE_WORDS}; got HTTP 500: internal failure: out of memory`);
  });

  it('quotes an HTTP 401 and never shows the basic-auth password, though the server echoes it', async () => {
    const url = await serve((request, response) => reply(401, `Unauthorized: ${request.headers.authorization} is not admin:hunter22`)(request, response));
    const { issue, message } = await failure({ url, timeoutMs: 5_000, auth: { basicAuthFile: secretFile('basic', 'admin:hunter22\n') } });
    expect(issue.expected).toBe(`an answer from Prometheus for ${RANGE_WORDS}; got HTTP 401: Unauthorized: Basic *** is not ***`);
    expect(message).not.toContain('hunter22');
  });

  it('sends a bearer token read from its file, and masks it', async () => {
    const url = await serve((request, response) => reply(403, `forbidden for ${request.headers.authorization}`)(request, response));
    const { message } = await failure({ url, timeoutMs: 5_000, auth: { bearerTokenFile: secretFile('token', 's3cr3t-token\n') } });
    expect(message).toContain('got HTTP 403: forbidden for Bearer ***');
    expect(message).not.toContain('s3cr3t-token');
  });

  it('reports a refused connection (a port that was just closed)', async () => {
    const url = await serve(reply(200, ''));
    const server = servers.pop()!;
    await new Promise((resolve) => server.close(resolve));
    const { issue } = await failure({ url, timeoutMs: 5_000 });
    expect(issue.expected).toMatch(new RegExp(`^an answer from Prometheus for ${RANGE_WORDS}; got connection refused \\(connect ECONNREFUSED 127\\.0\\.0\\.1:\\d+\\)$`));
  });

  it('gives up after the timeout on a server that never answers', async () => {
    const url = await serve(() => undefined);
    const started = Date.now();
    const { issue } = await failure({ url, timeoutMs: 200 });
    expect(issue.expected).toBe(`an answer from Prometheus for ${RANGE_WORDS}; got no answer within 0.2 s (timeout)`);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses an answer that is not a matrix', async () => {
    const url = await serve(reply(200, JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } })));
    expect((await failure({ url, timeoutMs: 5_000 })).issue.expected).toBe(`an answer from Prometheus for ${RANGE_WORDS}; got an answer that is not a matrix: {"status":"success","data":{"resultType":"vector","result":[]}}`);
  });

  it.each([
    { name: 'a URL with a password in it', url: 'http://admin:hunter22@127.0.0.1:9/', issue: { value: 'http://127.0.0.1:9/', expected: 'a URL without user:password@ (give credentials in a file)' } },
    { name: 'not a URL', url: 'prometheus:9090', issue: { value: 'prometheus:9090', expected: 'an http:// or https:// URL' } },
    { name: 'no URL at all', url: '127.0.0.1', issue: { value: '127.0.0.1', expected: 'a URL such as http://127.0.0.1:9090' } },
  ])('refuses $name before connecting', async ({ url, issue }) => {
    expect((await failure({ url, timeoutMs: 5_000 })).issue).toEqual({ file: 'command line', field: '--prometheus', ...issue });
  });

  it('names a missing credentials file, not its content', async () => {
    const file = join(dir, 'missing-token');
    expect((await failure({ url: 'http://127.0.0.1:9', timeoutMs: 5_000, auth: { bearerTokenFile: file } })).issue).toEqual({ file, field: 'credentials', value: file, expected: 'a readable file (ENOENT)' });
  });

  it('refuses a basic-auth file without user:password, showing none of it', async () => {
    const file = secretFile('basic-bad', 'hunter22');
    expect((await failure({ url: 'http://127.0.0.1:9', timeoutMs: 5_000, auth: { basicAuthFile: file } })).issue).toEqual({ file, field: 'credentials', value: '(not shown)', expected: 'user:password on one line' });
  });
});
