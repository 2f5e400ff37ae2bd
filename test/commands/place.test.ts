import { describe, expect, it } from 'vitest';
import Place from '../../src/commands/place.js';
import type { PlacementResult } from '../../src/engine/placement/plan.js';
import { runCommand } from '../support/run-command.js';
import { labCopy, PROPOSED_LAB } from '../support/scenario-files.js';

// The hand-worked cases run on the frozen proposal of the lab (test/fixtures/lab-proposed).
const PROPOSED = ['--scenario', PROPOSED_LAB];

describe('headroom place', () => {
  it('--json prints the documented schema for the lab', async () => {
    const run = await runCommand<PlacementResult>(Place, [...PROPOSED, '--json']);
    expect(run.exitCode).toBe(0);
    const json = JSON.parse(run.stdout) as PlacementResult;
    expect(Object.keys(json)).toEqual(['scenario', 'strategy', 'layout', 'vms', 'nodes', 'pools', 'placements', 'unplaced', 'violations', 'verdict', 'fixes', 'fixesOmitted']);
    expect(json.layout).toBe('proposed');
    expect(json.vms[0]).toEqual({ name: 'dns1', class: 'infra-small', vcpus: 2, memGiB: 4, diskGiB: 32, pool: 'local-nvme', gpus: 0, ha: false });
    expect(Object.keys(json.nodes[0]!)).toEqual(['name', 'up', 'capacity', 'used', 'percent', 'overThreshold', 'overCapacity']);
    // node01: 16 threads × 4 = 64 vCPU; 64 − 2 reserved = 62 GiB; local-nvme 1758 GiB; no GPU.
    expect(json.nodes[0]).toMatchObject({ name: 'node01', capacity: { cpu: 64, memGiB: 62, diskGiB: 1758, gpus: 0 } });
    expect(json.placements).toHaveLength(19);
    expect(json.unplaced).toEqual([]);
  });

  it('prints the unplaced VM with every node\'s reasons', async () => {
    // Make gpu2 ask for 2 GPUs: node04 has 2, gpu1 already holds one.
    const lab = labCopy().edit('vms.csv', 'name,class,pool', 'name,class,gpus,pool').edit('vms.csv', /^([^,\n]+,[^,\n]+,)/gm, '$1,').edit('vms.csv', 'name,class,,gpus,pool', 'name,class,gpus,pool').edit('vms.csv', 'gpu2,gpu-compute,,', 'gpu2,gpu-compute,2,');
    const run = await runCommand(Place, ['--scenario', lab.scenario, '--strategy', 'ffd']);
    // A VM with nowhere to run fails the placement.
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('Verdict: DOES NOT FIT.\n- no node can run gpu1');
    // ffd places the larger gpu2 (2 GPUs) first on node04, leaving gpu1 (1 GPU) nothing:
    // node01-03 and node05 have no GPU, node04 has 2 − 2 = 0 free. The lab's HA rule
    // gpu-on-node04 also pins gpu1 to node04, so the other four nodes give that reason too.
    expect(run.stdout).toContain('0/5 nodes fit gpu1: 5 insufficient GPUs, 4 node affinity (node04)');
    expect(run.stdout).toContain('node04: insufficient GPUs: requested 1 GPU, free 0 of 2 GPU');
    // The fix, checked by placing again: node04 with 2 + 1 GPUs takes gpu1 too. Growing another
    // node does not help (the rule pins gpu1 to node04), nor does a node like node04 (same pin).
    expect(run.stdout).toContain('Fixes for gpu1 (each checked by re-running the engine), cheapest first: add 1 GPU to node04.');
    expect(run.stdout).toContain('node01: node affinity (node04); insufficient GPUs: requested 1 GPU, free 0 of 0 GPU\n');
  });

  it('rejects an unknown strategy as a usage error (exit 2)', async () => {
    const run = await runCommand(Place, [...PROPOSED, '--strategy', 'random']);
    expect(run.exitCode).toBe(2);
  });
});
