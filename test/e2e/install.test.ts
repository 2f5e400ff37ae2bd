/**
 * The README's install lines, end to end and offline (npm ci has put every dependency in
 * place; --ignore-scripts because npm test has just built dist):
 * - `npm pack` gives a tarball that holds the built CLI, the bundled lab and every file
 *   package.json names, and that runs as unpacked (with the dependencies npm would install);
 * - `npm install -g .` gives a `headroom` command that runs outside the checkout.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, normalize, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const NPM_QUIET = ['--offline', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'];
const scratch = (): string => mkdtempSync(join(tmpdir(), 'headroom-install-'));

function run(command: string, args: readonly string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, DEBUG: undefined } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('installing headroom', () => {
  it('npm pack: the tarball holds the CLI, the lab and every file package.json names, and runs from anywhere', () => {
    const dir = scratch();
    const pack = run('npm', ['pack', '--json', '--pack-destination', dir, ...NPM_QUIET], process.cwd());
    expect(pack.code).toBe(0);
    const [{ filename, files }] = JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const paths = files.map((file) => file.path);
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { main?: string; bin: Record<string, string>; oclif: { commands: string; helpClass: string } };
    const named = [pkg.main, ...Object.values(pkg.bin), pkg.oclif.helpClass, `${pkg.oclif.commands}/report.js`].filter((path) => path !== undefined);
    for (const path of named) expect(paths).toContain(normalize(path));
    expect(paths).toEqual(expect.arrayContaining(['scenarios/lab.yaml', 'data/lab/vms.csv']));
    expect(paths.filter((path) => path.startsWith('dist/test/'))).toEqual([]);

    expect(run('tar', ['xzf', filename], dir).code).toBe(0);
    symlinkSync(resolve('node_modules'), join(dir, 'package', 'node_modules'));
    const bin = join(dir, 'package', 'bin', 'run.js');
    expect(run(process.execPath, [bin, '--version'], dir).stdout).toMatch(/^headroom\/0\.1\.0 /);
    const validate = run(process.execPath, [bin, 'validate'], dir);
    expect([validate.code, validate.stderr]).toEqual([0, '']);
    expect(validate.stdout).toContain('Nodes: 5');
  });

  it('npm install -g . (the README line) gives a headroom command that runs outside the checkout', () => {
    expect(readFileSync('README.md', 'utf8')).toContain('npm ci && npm install -g .');
    const prefix = scratch();
    const install = run('npm', ['install', '-g', '--prefix', prefix, ...NPM_QUIET, '.'], process.cwd());
    expect([install.code, install.stderr]).toEqual([0, '']);
    const headroom = join(prefix, 'bin', 'headroom');
    expect(run(headroom, ['--version'], prefix).stdout).toMatch(/^headroom\/0\.1\.0 /);
    const validate = run(headroom, ['validate'], prefix);
    expect([validate.code, validate.stderr]).toEqual([0, '']);
    expect(validate.stdout).toContain('Nodes: 5');
  }, 180_000);
});
