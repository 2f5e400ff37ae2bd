/**
 * The piscina pool on the built JS (npm test builds first): a sweep gives byte-identical JSON
 * on 1 and 2 threads, through the CLI and through the runner with a larger generated cluster.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { planPlacement } from '../../src/engine/placement/plan.js';
import { combinationScenarios } from '../../src/engine/failure/scenarios.js';
import { poolSize, runSweep } from '../../src/workers/sweep-runner.js';
import { generateCluster } from '../bench/generate-cluster.js';

const POLICY = { strictSpof: false, maxUtilAfterFailover: null, threshold: false };

describe('sweep on a worker pool', () => {
  const pools: Array<[string, number, number, number, number]> = [
    // [case, threads asked, scenarios, cores, workers started]
    ['999 threads for 15 scenarios on 2 cores: the cores', 999, 15, 2, 2],
    ['8 threads for 3 scenarios on 16 cores: the scenarios', 8, 3, 16, 3],
    ['1 thread: in-process', 1, 15, 8, 1],
    ['no scenarios: still one', 4, 0, 4, 1],
    ['as asked when below both', 3, 100, 8, 3],
  ];
  it.each(pools)('poolSize, %s', (_, threads, scenarios, cores, workers) => {
    expect(poolSize(threads, scenarios, cores)).toBe(workers);
  });

  it('headroom failover --sweep 2 --json is the same bytes on 1, 2 and the maximum of 256 threads', () => {
    const run = (threads: string) => spawnSync(process.execPath, ['bin/run.js', 'failover', '--sweep', '2', '--json', '--threads', threads], { encoding: 'utf8' });
    const [one, two, most] = [run('1'), run('2'), run('256')];
    expect(one.status).toBe(1); // the lab is not N+2
    expect(two.stdout).toBe(one.stdout);
    expect([most.status, most.stdout]).toEqual([1, one.stdout]);
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
