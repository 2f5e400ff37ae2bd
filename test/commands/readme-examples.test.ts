/** The README's examples run against the bundled lab as written, so they cannot rot. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import Check from '../../src/commands/check.js';
import Maintenance from '../../src/commands/maintenance.js';
import { runCommand } from '../support/run-command.js';

/** The first fenced block of `language` after the README heading that starts with `heading`. */
function readmeBlock(heading: string, language: string): string {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf(`\n## ${heading}`));
  const block = new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``).exec(section);
  if (block === null) throw new Error(`README: no ${language} block under "## ${heading}"`);
  return block[1]!;
}

describe('README examples', () => {
  it('the change-file example is a valid change of the lab: check gives a verdict (exit 0 or 1), never bad input', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'headroom-readme-')), 'change.yaml');
    writeFileSync(file, readmeBlock('Change files', 'yaml'));
    const run = await runCommand(Check, ['--change', file]);
    expect(run.stderr).toBe('');
    expect([0, 1]).toContain(run.exitCode);
    expect(run.stdout).toContain('HA: crs static -> basic; rules added app3-on-node06');
  });

  it('the serial play of the maintenance section walks the waves that `maintenance --keep none --max-parallel 2 --format ansible` writes', async () => {
    const play = (parse(readmeBlock('Rolling maintenance', 'yaml')) as Array<{ hosts: string; serial: number[]; order: string }>)[0]!;
    const run = await runCommand(Maintenance, ['--keep', 'none', '--max-parallel', '2', '--format', 'ansible']);
    const vars = (parse(run.stdout) as { all: { children: { headroom_maintenance: { vars: { headroom_hosts: string; headroom_serial: number[] } } } } }).all.children.headroom_maintenance.vars;
    expect([play.hosts, play.serial, play.order]).toEqual([vars.headroom_hosts, vars.headroom_serial, 'inventory']);
  });
});
