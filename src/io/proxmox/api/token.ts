/**
 * The API token's parts, as pve-access-control spells them: the id `USER@REALM!TOKENID` (a flag:
 * not secret) and the secret (a UUID), which comes from a file (`--token-secret-file`) or the
 * environment variable HEADROOM_PVE_TOKEN_SECRET, never from a flag: a flag's value would sit in
 * the shell history and in `ps` output. No message here holds the secret, only where it came from.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../../../errors.js';

export const TOKEN_SECRET_ENV = 'HEADROOM_PVE_TOKEN_SECRET';

const TOKEN_ID = /^[^\s@!:]+@[A-Za-z][A-Za-z0-9.\-_]*![A-Za-z][A-Za-z0-9.\-_]*$/;

export function checkTokenId(tokenId: string): string {
  if (TOKEN_ID.test(tokenId)) return tokenId;
  throw new InputError({ file: '--token-id', field: 'token id', value: tokenId, expected: 'USER@REALM!TOKENID, e.g. headroom@pve!import' });
}

/** The secret from `file` when given, else from the environment; its surrounding whitespace dropped. */
export function readTokenSecret(file: string | undefined, env: NodeJS.ProcessEnv): string {
  let secret: string;
  let source: string;
  if (file !== undefined) {
    source = file;
    try {
      secret = readFileSync(file, 'utf8');
    } catch (error) {
      throw new InputError({ file, field: 'token secret', value: (error as NodeJS.ErrnoException).code ?? 'unreadable', expected: 'a readable file holding the API token secret' });
    }
  } else {
    source = `$${TOKEN_SECRET_ENV}`;
    const fromEnv = env[TOKEN_SECRET_ENV];
    if (fromEnv === undefined) {
      throw new InputError({ file: '--token-secret-file', field: 'token secret', value: undefined, expected: `a file holding the API token secret, or the environment variable ${TOKEN_SECRET_ENV} (never a flag)` });
    }
    secret = fromEnv;
  }
  secret = secret.trim();
  if (secret === '' || /[\s=]/.test(secret)) {
    throw new InputError({ file: source, field: 'token secret', value: `${secret.length} characters, not shown`, expected: 'one API token secret (a UUID) without spaces or =' });
  }
  return secret;
}
