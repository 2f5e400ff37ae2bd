/**
 * The command's `--api` flags turned into one readApi call: the token id checked, the secret read
 * from its file or the environment (token.ts), the CA file read. Nothing here prints: the command
 * warns about `--insecure` (INSECURE_WARNING) on every run.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../../../errors.js';
import type { ProxmoxDump } from '../dump/read-dump.js';
import { readApi } from './read-api.js';
import { checkTokenId, readTokenSecret } from './token.js';

export interface ApiFlags {
  api: string;
  tokenId: string | undefined;
  tokenSecretFile: string | undefined;
  caFile: string | undefined;
  insecure: boolean;
}

export const INSECURE_WARNING = '--insecure: the TLS certificate of the Proxmox VE API is not verified; anyone between here and the server can read the token and forge the cluster';

export async function readApiCluster(flags: ApiFlags, env: NodeJS.ProcessEnv): Promise<ProxmoxDump> {
  if (flags.tokenId === undefined) {
    throw new InputError({ file: '--token-id', field: 'token id', value: undefined, expected: 'USER@REALM!TOKENID with --api' });
  }
  return readApi({
    baseUrl: flags.api,
    tokenId: checkTokenId(flags.tokenId),
    tokenSecret: readTokenSecret(flags.tokenSecretFile, env),
    ca: flags.caFile === undefined ? undefined : readCa(flags.caFile),
    insecure: flags.insecure,
  });
}

function readCa(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError({ file, field: '--ca-file', value: (error as NodeJS.ErrnoException).code ?? 'unreadable', expected: 'a readable PEM file, e.g. a copy of /etc/pve/pve-root-ca.pem' });
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) throw new InputError({ file, field: '--ca-file', value: `${text.length} bytes without a certificate`, expected: 'PEM text with -----BEGIN CERTIFICATE-----' });
  return text;
}
