import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkTokenId, readTokenSecret, TOKEN_SECRET_ENV } from '../../../../src/io/proxmox/api/token.js';
import { issueOf } from '../../../support/input-issue.js';

const SECRET = '0b7e2f1a-9c3d-4e5f-8a6b-7c8d9e0f1a2b';
const dir = mkdtempSync(join(tmpdir(), 'headroom-token-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('API token', () => {
  it.each([
    ['a pve user token', 'headroom@pve!import', true],
    ['a pam user token with dots', 'ops.bot@pam!cap-plan_1', true],
    ['no token name', 'headroom@pve', false],
    ['no realm', 'headroom!import', false],
    ['the secret pasted after the id', `headroom@pve!import=${SECRET}`, false],
  ])('checks the token id: %s', (_name, tokenId, valid) => {
    if (valid) expect(checkTokenId(tokenId)).toBe(tokenId);
    else expect(issueOf(() => checkTokenId(tokenId))).toMatchObject({ file: '--token-id', value: tokenId });
  });

  it('reads the secret from the file, without its newline, before the environment', () => {
    const file = join(dir, 'secret');
    writeFileSync(file, `${SECRET}\n`);
    expect(readTokenSecret(file, { [TOKEN_SECRET_ENV]: 'other' })).toBe(SECRET);
  });

  it('reads the secret from the environment when no file is named', () => {
    expect(readTokenSecret(undefined, { [TOKEN_SECRET_ENV]: SECRET })).toBe(SECRET);
  });

  it('says where a secret was looked for, and never shows a bad one', () => {
    expect(issueOf(() => readTokenSecret(undefined, {}))).toMatchObject({ file: '--token-secret-file', value: undefined });
    expect(issueOf(() => readTokenSecret(join(dir, 'absent'), {}))).toMatchObject({ file: join(dir, 'absent'), value: 'ENOENT' });
    const issue = issueOf(() => readTokenSecret(undefined, { [TOKEN_SECRET_ENV]: `PVEAPIToken=x=${SECRET}` }));
    expect(issue).toMatchObject({ file: `$${TOKEN_SECRET_ENV}`, value: `${`PVEAPIToken=x=${SECRET}`.length} characters, not shown` });
    expect(JSON.stringify(issue)).not.toContain(SECRET);
  });
});
