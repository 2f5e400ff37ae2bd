import { describe, expect, it } from 'vitest';
import Size from '../../src/commands/size.js';
import type { SizeResult } from '../../src/engine/policy/size.js';
import { runCommand } from '../support/run-command.js';
import { PROPOSED_LAB } from '../support/scenario-files.js';

// The hand-worked cases run on the frozen proposal of the lab (test/fixtures/lab-proposed), and
// their arithmetic is about capacity alone: the alert threshold is turned off.
const PROPOSED = ['--scenario', PROPOSED_LAB, '--ignore-threshold'];

describe('headroom size', () => {
  it('sizes the lab on node04-like nodes for N+2, the packing bound proving 5', async () => {
    // Memory decides: 304 GiB of VMs on 126 GiB nodes: capacity ceil(304 / 126) = 3. The HA VMs on
    // shared storage (infra 8 × 2, k8s-worker 32 × 3, database 32, app-server 16 × 2, gpu 24 × 2, hpc 24)
    // total 16 + 96 + 32 + 32 + 48 + 24 = 248 GiB: failover 2 + ceil(248 / 126) = 4. Packing is
    // tighter: those sizes are all multiples of 8 GiB, so a 126 GiB node holds at most 120 of
    // them, two nodes at most 240 < 248: three are needed, 2 + 3 = 5. Quorum: 2 × 2 + 1 = 5 too.
    // And 5 works.
    const run = await runCommand<SizeResult[]>(Size, [...PROPOSED, '--node-model', 'node04', '--policy', 'n+2', '--json']);
    const [result] = JSON.parse(run.stdout) as SizeResult[];
    expect(result!.boundBy).toEqual([
      { bound: 'capacity', resource: 'memGiB', nodes: 3 },
      { bound: 'packing', resource: null, nodes: 3 },
      { bound: 'failover', resource: 'memGiB', nodes: 4 },
      { bound: 'failover-packing', resource: null, nodes: 5 },
      { bound: 'spread', resource: null, nodes: 3 },
      { bound: 'quorum', resource: null, nodes: 5 },
    ]);
    expect(result).toMatchObject({ lowerBound: 5, bestFound: 5, optimal: true });
  });

  it('proves 5 node01-like nodes cannot keep N+1 on the lab: [5, 6] becomes 6', async () => {
    // node01: 62 GiB for VMs (64 − 2 reserved); the 17 VMs it can host (not gpu1, gpu2) take
    // 256 GiB: dns 4 × 2, dc 8 × 2, monitoring, glpi, pbs 8 each, k8s-cp 8 × 3, k8s-worker 32 × 3,
    // postgres 32, app 16 × 2, hpc1 24. Five nodes: 310 GiB, 54 free; every bound says 5.
    // Why 5 fails: a failed worker (or postgres) needs a survivor with 32 free, which holds no
    // 32 GiB VM; two such nodes would need 64 > 54 free, so there is one, X, and the four others
    // (three workers apart by their rule, postgres on the fourth: 32 + 32 > 62) have 22 free
    // at most. hpc1 (24, HA) cannot be on X (when X fails: 22 free elsewhere), nor beside a
    // worker (that node fails: the worker takes 32 of X's at most 54, leaving 22, and the others
    // have 22), nor beside postgres: when postgres's node B fails, postgres takes X's 32, so B's
    // other HA VMs fit in 54 − free_B − 32; B's load 62 − free_B = 32 + HA + other gives other
    // >= 8 GiB of VMs that are not HA, and 32 + 24 + 8 > 62. Six work (first fit).
    const run = await runCommand<SizeResult[]>(Size, [...PROPOSED, '--node-model', 'node01', '--json']);
    const [result] = JSON.parse(run.stdout) as SizeResult[];
    expect(result).toMatchObject({ lowerBound: 6, bestFound: 6, optimal: true, restartStrategy: 'balanced', timedOut: false });
    expect(result!.boundBy.at(-1)).toEqual({ bound: 'exact', resource: null, nodes: 6 });
    expect(result!.exact).toMatchObject({ vms: 17, maxVms: 40, tried: [{ nodes: 5, outcome: 'infeasible', stoppedBy: null }] });
    const text = await runCommand(Size, [...PROPOSED, '--node-model', 'node01']);
    expect(text.stdout).toContain('Nodes needed per model (n+1, restarts by balanced):');
    expect(text.stdout).toMatch(/node01 +6 \(optimal\) .* exact 6 +first-fit +5 infeasible +2: gpu1, gpu2/);
  });

  it('with the alert threshold counting, 6 node01 copies still suffice, and the exact search finds them', async () => {
    // Five copies already fail on capacity alone (above). Six hold 256 GiB in 6 × 62 = 372 GiB,
    // 68.8% on average, so a layout under 85% on every node may exist; the exact search, which
    // cuts any partial layout with a node at 85%, finds one where n+1 holds.
    const run = await runCommand<SizeResult[]>(Size, ['--scenario', PROPOSED_LAB, '--node-model', 'node01', '--json']);
    const [result] = JSON.parse(run.stdout) as SizeResult[];
    expect(result).toMatchObject({ lowerBound: 6, bestFound: 6, optimal: true, strategy: 'exact search' });
    expect(result!.exact!.tried.map((t) => t.outcome)).toEqual(['infeasible', 'found']);
  });

  it('--json is byte-identical run to run: budgets in search nodes, no timing field', async () => {
    const runs = [await runCommand(Size, [...PROPOSED, '--node-model', 'node01', '--json']), await runCommand(Size, [...PROPOSED, '--node-model', 'node01', '--json'])];
    expect(runs[0]!.stdout).toBe(runs[1]!.stdout);
    const [result] = JSON.parse(runs[0]!.stdout) as SizeResult[];
    expect(Object.keys(result!).filter((key) => /ms|time|seconds|elapsed/i.test(key))).toEqual(['timedOut']);
    expect(result!.timedOut).toBe(false);
  });

  it('skips the exact search above --exact-max-vms and says so', async () => {
    const run = await runCommand(Size, [...PROPOSED, '--node-model', 'node01', '--exact-max-vms', '10']);
    expect(run.stdout).toMatch(/node01 +\[5, 6\] .* first-fit +not run \(17 VMs > 10\)/);
  });

  it('rejects an unknown model and the domains policy with exit 2', async () => {
    expect((await runCommand(Size, [...PROPOSED, '--node-model', 'node09'])).exitCode).toBe(2);
    expect((await runCommand(Size, [...PROPOSED, '--strategy', 'no-such'])).exitCode).toBe(2);
    const domains = await runCommand(Size, [...PROPOSED, '--policy', 'domains']);
    expect(domains.exitCode).toBe(2);
    expect(domains.stderr).toContain('expected n+1 or n+2');
  });

  it('rejects a model node given twice with exit 2', async () => {
    const run = await runCommand(Size, ['--node-model', 'node01', '--node-model', 'node01']);
    expect([run.exitCode, run.stderr]).toEqual([2, "headroom: command line: field '--node-model' has value 'node01': expected each model node once (it is given twice)\n"]);
  });
});
