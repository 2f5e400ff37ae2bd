import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareRecoveries, expectedRecoveries } from '../../src/io/proxmox/pve-ha-test/log-expect.js';
import { checkHaTest, listHaTests } from '../../src/io/proxmox/pve-ha-test/conformance.js';

// The upstream regression tests shared beside the project (124 of them; never copied into it).
const SHARED = resolve('../shared/bench/pve-ha');

describe('pve-ha-manager regression tests: recoveries match log.expect', () => {
  const tests = listHaTests(SHARED);

  it('finds the shared tests', () => {
    expect(tests.length).toBeGreaterThanOrEqual(124);
  });

  it.each(tests)('%s', (test) => {
    expect(checkHaTest(SHARED, test)).toEqual({ test, pass: true });
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
