/**
 * GET requests to the Proxmox VE REST API (`https://HOST:8006/api2/json/...`) with an API token,
 * as pve-access-control documents it: the header `Authorization: PVEAPIToken=USER@REALM!TOKENID=SECRET`.
 *
 * - TLS is verified against `ca` (the cluster's `/etc/pve/pve-root-ca.pem`, or any CA that signed
 *   pveproxy's certificate) or the system CAs; `insecure` turns verification off (the command warns).
 * - Every request has its own timeout; a request that runs over it is aborted.
 * - An answer is `{"data": ...}`; anything else is an InputError naming the URL.
 * - 401 and 403 are InputErrors naming the URL, the status line as pveproxy wrote it (for a 403
 *   it names the ACL path and the privilege, "Permission check failed (/vms/101, VM.Audit)") and
 *   the privilege headroom needed there. Other statuses are returned to the caller, which knows
 *   whether the call may fail (an offline node answers 595).
 * - The secret is only ever put in the request header: no message, URL or issue holds it.
 */
import { Agent, request } from 'node:https';
import { InputError } from '../../../errors.js';

export interface ApiConnection {
  /** `https://HOST:8006`; a trailing slash or `/api2/json` is accepted. */
  baseUrl: string;
  /** `USER@REALM!TOKENID` */
  tokenId: string;
  tokenSecret: string;
  /** PEM text of the CA(s) to trust instead of the system ones. */
  ca?: string;
  insecure?: boolean;
  timeoutMs?: number;
}

export type ApiAnswer = { ok: true; url: string; body: string; data: unknown } | { ok: false; url: string; status: number; message: string };

const DEFAULT_TIMEOUT_MS = 30_000;

export class ProxmoxApiClient {
  private readonly root: string;
  private readonly agent: Agent;
  private readonly authorization: string;
  private readonly timeoutMs: number;

  constructor(connection: ApiConnection) {
    this.root = apiRoot(connection.baseUrl);
    this.agent = new Agent({ keepAlive: true, ca: connection.ca, rejectUnauthorized: connection.insecure !== true });
    this.authorization = `PVEAPIToken=${connection.tokenId}=${connection.tokenSecret}`;
    this.timeoutMs = connection.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** The URL of an API path, as messages name it. */
  url(path: string): string {
    return `${this.root}${path}`;
  }

  /** The data of a call that must succeed; `privilege` names what a 403 lacks. */
  async get(path: string, privilege: string): Promise<{ url: string; body: string; data: unknown }> {
    const answer = await this.tryGet(path, privilege);
    if (answer.ok) return answer;
    throw new InputError({ file: answer.url, field: 'HTTP status', value: `${answer.status} ${answer.message}`, expected: '200 OK' });
  }

  /** The data, or the status of a call that failed with anything but 401/403. */
  async tryGet(path: string, privilege: string): Promise<ApiAnswer> {
    const url = this.url(path);
    const { status, message, body } = await this.fetch(url);
    if (status === 401) {
      throw new InputError({ file: url, field: 'HTTP status', value: `401 ${message}`, expected: 'a valid API token: --token-id as USER@REALM!TOKENID and its secret (the token may be expired, deleted or mistyped)' });
    }
    if (status === 403) {
      throw new InputError({ file: url, field: 'HTTP status', value: `403 ${message}`, expected: `a token with ${privilege} (the PVEAuditor role on / grants all headroom reads; a token with privilege separation needs its own ACL)` });
    }
    if (status !== 200) return { ok: false, url, status, message };
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (error) {
      throw new InputError({ file: url, field: '$', value: (error as Error).message, expected: 'a JSON answer' });
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !('data' in parsed)) {
      throw new InputError({ file: url, field: '$', value: parsed, expected: 'the API envelope {"data": ...}' });
    }
    return { ok: true, url, body, data: (parsed as { data: unknown }).data };
  }

  close(): void {
    this.agent.destroy();
  }

  private fetch(url: string): Promise<{ status: number; message: string; body: string }> {
    return new Promise((resolve, reject) => {
      const req = request(url, { method: 'GET', agent: this.agent, headers: { Authorization: this.authorization, Accept: 'application/json' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error) => reject(connectionError(url, error)));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, message: res.statusMessage ?? '', body: Buffer.concat(chunks).toString('utf8') }));
      });
      req.setTimeout(this.timeoutMs, () => req.destroy(Object.assign(new Error(`no answer within ${this.timeoutMs} ms`), { code: 'ETIMEDOUT' })));
      req.on('error', (error) => reject(connectionError(url, error)));
      req.end();
    });
  }
}

function apiRoot(baseUrl: string): string {
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new InputError({ file: '--api', field: 'url', value: baseUrl, expected: 'an https URL such as https://pve1.example.com:8006' });
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '' || parsed.search !== '') {
    throw new InputError({ file: '--api', field: 'url', value: baseUrl, expected: 'an https URL without credentials or query, such as https://pve1.example.com:8006' });
  }
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '').replace(/\/api2\/json$/, '')}/api2/json`;
}

/** Node's own words for a failed connection or TLS handshake, with what would fix it. */
function connectionError(url: string, error: Error & { code?: string }): InputError {
  const code = error.code ?? 'ERROR';
  const tls = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME|TLS|SSL/.test(code);
  const expected = tls
    ? 'a server certificate that --ca-file (or the system CAs) verifies for this host name (pveproxy uses /etc/pve/local/pve-ssl.pem, signed by /etc/pve/pve-root-ca.pem); --insecure skips the check'
    : code === 'ETIMEDOUT'
      ? 'an answer within the request timeout'
      : 'a Proxmox VE API listening at this address (pveproxy, port 8006 by default)';
  return new InputError({ file: url, field: 'connection', value: `${code}: ${error.message}`, expected });
}
