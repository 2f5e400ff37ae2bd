/**
 * The files a scheduled install uses (deploy/), checked by the tools that will read them:
 * `systemd-analyze verify` for the units (Debian's systemd) and `promtool check rules` for the
 * alert rules (Debian's prometheus); .ci/run installs both, and under CI=true these run, never
 * skip. The alert rules and the Grafana dashboard may only name metrics `report --textfile` writes.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import Report from '../../src/commands/report.js';
import { runCommand } from '../support/run-command.js';
import { scratchOut } from '../support/report-out.js';

const SYSTEMD_ANALYZE = '/usr/bin/systemd-analyze';
const PROMTOOL = '/usr/bin/promtool';
const inCi = process.env.CI === 'true';

async function writtenMetricNames(): Promise<Set<string>> {
  const file = join(mkdtempSync(join(tmpdir(), 'headroom-deploy-')), 'headroom.prom');
  await runCommand(Report, ['--textfile', file, ...scratchOut()]);
  return new Set([...readFileSync(file, 'utf8').matchAll(/^# TYPE (\w+) /gm)].map((m) => m[1]!));
}

const namedMetrics = (text: string): string[] => [...new Set([...text.matchAll(/\b(headroom_\w+)/g)].map((m) => m[1]!))].sort();

describe('deploy/', () => {
  it.runIf(inCi || existsSync(SYSTEMD_ANALYZE))('the systemd service and timer pass systemd-analyze verify', () => {
    // verify checks that ExecStart's program exists: point it at this checkout's CLI.
    const dir = mkdtempSync(join(tmpdir(), 'headroom-units-'));
    const service = readFileSync('deploy/systemd/headroom-report.service', 'utf8');
    expect(service).toContain('ExecStart=/usr/local/bin/headroom report ');
    writeFileSync(join(dir, 'headroom-report.service'), service.replace('/usr/local/bin/headroom', resolve('bin/run.js')));
    copyFileSync('deploy/systemd/headroom-report.timer', join(dir, 'headroom-report.timer'));
    // verify prints problems on stderr and exits non-zero on any; execFileSync throws then.
    const out = execFileSync(SYSTEMD_ANALYZE, ['verify', join(dir, 'headroom-report.service'), join(dir, 'headroom-report.timer')], { stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out.toString()).toBe('');
  });

  it.runIf(inCi || existsSync(PROMTOOL))('the alert rules pass promtool check rules', () => {
    expect(execFileSync(PROMTOOL, ['check', 'rules', 'deploy/prometheus/headroom.rules.yml']).toString()).toContain('SUCCESS: 5 rules found');
  });

  it('the rules and the dashboard name only metrics the report writes', async () => {
    const written = await writtenMetricNames();
    const rules = namedMetrics(readFileSync('deploy/prometheus/headroom.rules.yml', 'utf8'));
    const dashboard = JSON.parse(readFileSync('deploy/grafana/headroom-dashboard.json', 'utf8')) as { panels: Array<{ targets: Array<{ expr: string }> }> };
    const panels = namedMetrics(dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr)).join('\n'));
    expect(rules.filter((name) => !written.has(name))).toEqual([]);
    expect(panels.filter((name) => !written.has(name))).toEqual([]);
    expect(rules.length).toBeGreaterThanOrEqual(5);
  });
});
