/**
 * The piscina pool on the built JS (npm test builds first): a sweep gives byte-identical JSON
 * on 1 and 2 threads, through the CLI and through the runner with a larger generated cluster.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { planPlacement } from '../../src/engine/placement/plan.js';
import { combinationScenarios } from '../../src/engine/failure/scenarios.js';
import { runSweep } from '../../src/workers/sweep-runner.js';
import { generateCluster } from '../bench/generate-cluster.js';

const POLICY = { strictSpof: false, maxUtilAfterFailover: null, threshold: false };

describe('sweep on a worker pool', () => {
  it('headroom failover --sweep 2 --json is the same bytes on 1 and 2 threads', () => {
    const run = (threads: string) => spawnSync(process.execPath, ['bin/run.js', 'failover', '--sweep', '2', '--json', '--threads', threads], { encoding: 'utf8' });
    const [one, two] = [run('1'), run('2')];
    expect(one.status).toBe(1); // the lab is not N+2
    expect(two.stdout).toBe(one.stdout);
    expect(JSON.parse(one.stdout).scenarioCount).toBe(15);
  });

  it('runSweep on a 24-node generated cluster: 300 scenarios, same result on the pool as in-process', async () => {
    const cluster = generateCluster(24, 480, 99);
    const placed = planPlacement(cluster, 'ffd');
    const scenarios = combinationScenarios(placed.index, 2);
    // C(24,1) + C(24,2) = 24 + 276 = 300.
    expect(scenarios).toHaveLength(300);
    const [inProcess, pooled] = [await runSweep(placed, 'ffd', scenarios, 'k=2', 1, POLICY), await runSweep(placed, 'ffd', scenarios, 'k=2', 2, POLICY)];
    expect(JSON.stringify(pooled)).toBe(JSON.stringify(inProcess));
    expect(inProcess.scenarios.reduce((sum, s) => sum + s.restarted, 0)).toBeGreaterThan(0);
  });
});
