import { describe, expect, it } from 'vitest';
import Size from '../../src/commands/size.js';
import type { SizeResult } from '../../src/engine/policy/size.js';
import { runCommand } from '../support/run-command.js';

describe('headroom size', () => {
  it('sizes the lab on node04-like nodes for N+2, the packing bound proving 5', async () => {
    // Memory decides: 304 GiB of VMs on 126 GiB nodes: capacity ceil(304 / 126) = 3. The HA VMs on
    // shared storage (infra 8 × 2, k8s-worker 32 × 3, database 32, app-server 16 × 2, gpu 24 × 2, hpc 24)
    // total 16 + 96 + 32 + 32 + 48 + 24 = 248 GiB: failover 2 + ceil(248 / 126) = 4. Packing is
    // tighter: those sizes are all multiples of 8 GiB, so a 126 GiB node holds at most 120 of
    // them, two nodes at most 240 < 248: three are needed, 2 + 3 = 5. And 5 works.
    const run = await runCommand<SizeResult[]>(Size, ['--node-model', 'node04', '--policy', 'n+2', '--json']);
    const [result] = JSON.parse(run.stdout) as SizeResult[];
    expect(result!.boundBy).toEqual([
      { bound: 'capacity', resource: 'memGiB', nodes: 3 },
      { bound: 'packing', resource: null, nodes: 3 },
      { bound: 'failover', resource: 'memGiB', nodes: 4 },
      { bound: 'failover-packing', resource: null, nodes: 5 },
      { bound: 'spread', resource: null, nodes: 3 },
    ]);
    expect(result).toMatchObject({ lowerBound: 5, bestFound: 5, optimal: true });
  });

  it('rejects an unknown model and the domains policy with exit 2', async () => {
    expect((await runCommand(Size, ['--node-model', 'node09'])).exitCode).toBe(2);
    const domains = await runCommand(Size, ['--policy', 'domains']);
    expect(domains.exitCode).toBe(2);
    expect(domains.stderr).toContain('expected n+1 or n+2');
  });
});
