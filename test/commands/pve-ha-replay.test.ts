import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { loadHaTest } from '../../src/io/proxmox/pve-ha-test/load.js';
import { issueOf } from '../support/input-issue.js';

// Runs the built CLI (npm test builds first), as a user would.
function replay(...args: string[]) {
  const run = spawnSync(process.execPath, ['bin/run.js', 'pve-ha', 'replay', ...args], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const FIXTURES = 'test/fixtures/pve-ha';

describe('headroom pve-ha replay', () => {
  it('prints one line per decision', () => {
    const run = replay(`${FIXTURES}/small-ok`);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('t=  240  recover  ct:310  gamma -> alpha  (fence)\nt=  240  recover  vm:300  gamma -> alpha  (fence)\n');
  });

  it('prints the test name and timed decisions with --json', () => {
    const run = replay(`${FIXTURES}/small-ok`, '--json');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      test: 'small-ok',
      endTime: 720,
      decisions: [
        { time: 240, kind: 'recover', cause: 'fence', sid: 'ct:310', from: 'gamma', to: 'alpha' },
        { time: 240, kind: 'recover', cause: 'fence', sid: 'vm:300', from: 'gamma', to: 'alpha' },
      ],
    });
  });

  it('prints auto-rebalance migrations (worked out in the fixture README)', () => {
    const run = replay(`${FIXTURES}/auto-rebalance-static`);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('t=   80  migrate  vm:101  node1 -> node2  (auto-rebalance)\nt=  160  migrate  vm:102  node1 -> node3  (auto-rebalance)\n');
  });

  it.each([
    ['auto-rebalance-bad-option', "datacenter.cfg:5: field 'crs.ha-auto-rebalance-threshold' has value 130", 'expected a fraction from 0 to 1 or a percentage up to 100'],
    ['bad-json', "service_config:3: field '(document)'", 'expected valid JSON'],
    ['unknown-command', "cmdlist: field 'cmdlist[1][1]' has value 'teleport gamma alpha'", "expected a command 'power|network"],
    ['rule-unknown-node', "rules_config:2: field 'pin-to-nowhere.nodes' has value 'delta:2'", 'expected a node of hardware_status'],
    ['rule-unknown-service', "rules_config:2: field 'apart.resources' has value 'vm:999'", 'expected a service of service_config'],
    // 30 nodes x 2 s = a 60 s round, as long as the watchdog timeout: the most is 29.
    ['too-many-nodes', "hardware_status: field '(nodes)' has value 30", 'expected at most 29 nodes'],
    // Second batch at t = 120, delay 9900: the timeline reaches 10020 s > 10000 s.
    ['timeline-too-long', "cmdlist: field '(timeline)' has value '10020 s'", 'expected commands and delays that end within 10000 simulated seconds'],
    ['add-to-unknown-node', "cmdlist: field 'cmdlist[1][0]' has value 'service vm:400 add delta'", 'expected a node of hardware_status (alpha, beta, gamma)'],
    ['bad-stop-timeout', "cmdlist: field 'cmdlist[1][0]' has value 'service vm:300 stop soon'", 'with a whole number of seconds'],
    ['bad-max-restart', "service_config: field 'vm:300.max_restart' has value 'twice'", 'expected a whole number >= 0'],
    ['small-ok/README', "small-ok/README: field '(folder)'", 'expected an existing test folder'],
  ])('rejects %s with exit 2 and a located message, no stack', (fixture, where, expected) => {
    const run = replay(`${FIXTURES}/${fixture}`);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(where);
    expect(run.stderr).toContain(expected);
    expect(run.stderr).not.toContain('    at ');
  });
});

describe('loadHaTest', () => {
  it('throws InputError naming file, line and field for malformed JSON', () => {
    let caught: unknown;
    try {
      loadHaTest(`${FIXTURES}/bad-json`);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).issues[0]).toMatchObject({ file: 'service_config', line: 3, field: '(document)', expected: 'valid JSON' });
  });

  it('reads defaults as the simulator does', () => {
    const scenario = loadHaTest(`${FIXTURES}/small-ok`);
    expect(scenario.services.find((service) => service.sid === 'vm:200')).toEqual({
      sid: 'vm:200', node: 'beta', state: 'started', failback: true, maxRestart: 1, maxRelocate: 1,
    });
    expect(scenario.datacenter).toEqual({ scheduler: 'basic', rebalanceOnStart: false, autoRebalance: false, shutdownPolicy: 'conditional' });
  });

  it('reads auto-rebalance with the documented defaults', () => {
    expect(loadHaTest(`${FIXTURES}/auto-rebalance-static`).datacenter.autoRebalance).toEqual({ threshold: 0.3, method: 'bruteforce', holdRounds: 3, margin: 0.1 });
  });

  it('reads the auto-rebalance threshold and margin as fractions or as percentages', () => {
    // 30 (the API's percent) and 0.3 (the doc's fraction) are the same threshold; 10 and 0.1 the same margin.
    const options = (cfg: string) => {
      const dir = mkdtempSync(join(tmpdir(), 'headroom-ha-'));
      cpSync(`${FIXTURES}/auto-rebalance-static`, dir, { recursive: true });
      writeFileSync(join(dir, 'datacenter.cfg'), cfg);
      return loadHaTest(dir).datacenter.autoRebalance;
    };
    const percent = options('{"crs": {"ha": "static", "ha-auto-rebalance": 1, "ha-auto-rebalance-threshold": 30, "ha-auto-rebalance-margin": 10}}');
    const fraction = options('{"crs": {"ha": "static", "ha-auto-rebalance": 1, "ha-auto-rebalance-threshold": 0.3, "ha-auto-rebalance-margin": 0.1}}');
    expect(percent).toEqual(fraction);
    expect(fraction).toMatchObject({ threshold: 0.3, margin: 0.1 });
  });

  it('reports a bad auto-rebalance option with file, line, field, value and expectation', () => {
    expect(issueOf(() => loadHaTest(`${FIXTURES}/auto-rebalance-bad-option`))).toEqual({
      file: 'datacenter.cfg', line: 5, field: 'crs.ha-auto-rebalance-threshold', value: 130, expected: 'a fraction from 0 to 1 or a percentage up to 100 (imbalance; default 0.3)',
    });
  });
});
