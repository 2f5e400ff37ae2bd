import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareFullLog, compareRecoveries, expectedRecoveries } from '../../src/io/proxmox/pve-ha-test/log-expect.js';
import { formatConformance, identicalLogs, runConformance } from '../../src/io/proxmox/pve-ha-test/conformance.js';

// The upstream regression tests shared beside the project (124 of them; never copied into it).
const SHARED = resolve('../shared/bench/pve-ha');
// The whole-log figure reached (`npm run conformance:pve-ha -- --full-log`); it may only go up.
const IDENTICAL_FULL_LOGS = 124;

describe('pve-ha-manager regression tests against log.expect', () => {
  const rows = runConformance(SHARED);

  it('finds the shared tests', () => {
    expect(rows.length).toBeGreaterThanOrEqual(124);
  });

  it.each(rows.map((row) => [row.test, row] as const))('%s: the recoveries match', (_test, row) => {
    expect(row.detail).toBeUndefined();
    expect(row.pass).toBe(true);
  });

  it(`keeps at least ${IDENTICAL_FULL_LOGS} whole logs identical`, () => {
    expect(identicalLogs(rows)).toBeGreaterThanOrEqual(IDENTICAL_FULL_LOGS);
  });
});

describe('recovery comparison', () => {
  const log = [
    "info    240    node1/crm: recover service 'vm:103' from fenced node 'node3' to node 'node2'",
    "info   1220    node1/crm: recover service 'vm:102' to previous failed and fenced node 'node2' again",
  ].join('\n');

  it('reads both recovery line forms', () => {
    expect(expectedRecoveries(log)).toEqual([
      { sid: 'vm:103', from: 'node3', to: 'node2' },
      { sid: 'vm:102', from: 'node2', to: 'node2' },
    ]);
  });

  it('names the first difference', () => {
    const decisions = [{ time: 240, kind: 'recover' as const, cause: 'fence' as const, sid: 'vm:103', from: 'node3', to: 'node1' }];
    expect(compareRecoveries(expectedRecoveries(log), decisions)).toEqual({
      pass: false,
      difference: 'recovery #1: expected vm:103 node3 -> node2, got vm:103 node3 -> node1',
    });
  });
});

describe('full-log comparison', () => {
  const expected = 'info      0     hardware: starting simulation\ninfo     20      cmdlist: execute power node1 on\n\n';

  it.each([
    ['runs of white space count as one space', ['info 0 hardware: starting simulation', 'info  20  cmdlist:   execute power node1 on'], { identical: true, lines: 2 }],
    ['a changed word is the first difference', ['info 0 hardware: starting simulation', 'info 20 cmdlist: execute power node2 on'],
      { identical: false, line: 2, expected: 'info 20 cmdlist: execute power node1 on', actual: 'info 20 cmdlist: execute power node2 on' }],
    ['a missing line reads as the end of the log', ['info 0 hardware: starting simulation'],
      { identical: false, line: 2, expected: 'info 20 cmdlist: execute power node1 on', actual: undefined }],
    ['an extra line differs too', ['info 0 hardware: starting simulation', 'info 20 cmdlist: execute power node1 on', 'info 20 node1/crm: x'],
      { identical: false, line: 3, expected: undefined, actual: 'info 20 node1/crm: x' }],
  ])('%s', (_name, actual, comparison) => {
    expect(compareFullLog(expected, actual)).toEqual(comparison);
  });

  it('prints the first differing line of each test and the count', () => {
    const rows = [
      { test: 'test-a', pass: true, fullLog: { identical: true as const, lines: 2 } },
      { test: 'test-b', pass: true, fullLog: { identical: false as const, line: 7, expected: 'info 20 x', actual: undefined } },
    ];
    expect(formatConformance(rows, { fullLog: true })).toBe(
      'pass test-a\npass test-b\n2 passed, 0 failed\nDIFF test-b line 7: expected info 20 x | got (end of log)\nfull log: 1 of 2 identical\n',
    );
  });
});
