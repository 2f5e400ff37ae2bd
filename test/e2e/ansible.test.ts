/**
 * The `--format ansible` inventory read by Ansible itself (Debian's ansible-core, which .ci/run
 * installs; under CI=true this runs, never skips): the README's serial play, its tasks replaced by
 * one that prints each batch, walks the waves one batch each, in order, with each wave's moves.
 * Nothing connects anywhere: every host uses the local connection and no facts are gathered.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import Maintenance from '../../src/commands/maintenance.js';
import { runCommand } from '../support/run-command.js';

const ANSIBLE_PLAYBOOK = '/usr/bin/ansible-playbook';
const inCi = process.env.CI === 'true';

function readmePlay(): Record<string, unknown> {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('\n## Rolling maintenance'));
  const block = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
  return (parse(block) as Array<Record<string, unknown>>)[0]!;
}

describe('maintenance --format ansible', () => {
  it.runIf(inCi || existsSync(ANSIBLE_PLAYBOOK))('a serial play over the inventory walks one wave per batch, in order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'headroom-ansible-'));
    const run = await runCommand(Maintenance, ['--keep', 'none', '--max-parallel', '2', '--format', 'ansible']);
    writeFileSync(join(dir, 'waves.yml'), run.stdout);
    const play = {
      ...readmePlay(),
      gather_facts: false,
      tasks: [{ name: 'batch', 'ansible.builtin.debug': { msg: 'wave {{ headroom_wave }}: {{ ansible_play_batch | join(",") }}, {{ headroom_moves | length }} moves' }, run_once: true }],
    };
    writeFileSync(join(dir, 'play.yml'), stringify([play]));
    const out = execFileSync(ANSIBLE_PLAYBOOK, ['-i', join(dir, 'waves.yml'), join(dir, 'play.yml'), '-e', 'ansible_connection=local'], {
      env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCALHOST_WARNING: 'false', ANSIBLE_HOME: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    }).toString();
    // The plan: node04+node05 (12 moves: 11 stops for the storage node05 serves, dc2 copied),
    // node01+node02 (9), node03 (3); `maintenance --keep none --max-parallel 2 --json` agrees.
    expect([...out.matchAll(/"msg": "(wave [^"]+)"/g)].map((m) => m[1])).toEqual([
      'wave 1: node04,node05, 12 moves',
      'wave 2: node01,node02, 9 moves',
      'wave 3: node03, 3 moves',
    ]);
  });
});
