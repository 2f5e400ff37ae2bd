import { describe, expect, it } from 'vitest';
import { failureContext } from '../../../../src/engine/failure/context.js';
import { describeScenario } from '../../../../src/engine/failure/describe.js';
import { simulateFailure } from '../../../../src/engine/failure/simulate.js';
import { planPlacement, strategyNamed } from '../../../../src/engine/placement/plan.js';
import { loadScenario } from '../../../../src/io/loaders/scenario.js';

/**
 * The lab as proposed (test/fixtures/lab-proposed, strategy balanced), failed by hand. The placement every case starts from:
 *   node01 (62 GiB usable): dns1 4, k8s-cp1 8, k8s-worker3 32                  = 44 GiB, 14 vCPU
 *   node02 (62):            dns2 4, dc1 8, monitoring 8, k8s-cp2 8, app1 16    = 44 GiB, 18 vCPU
 *   node03 (62):            dc2 8, glpi 8, k8s-cp3 8, app2 16                  = 40 GiB, 16 vCPU
 *   node04 (126, 2 GPUs):   k8s-worker1 32, gpu1 24, gpu2 24, hpc1 24          = 104 GiB, 40 vCPU
 *   node05 (113.2):         pbs 8, k8s-worker2 32, postgres 32                 = 72 GiB, 20 vCPU
 * zfs-shared and iscsi-db are served by node05; local-nvme lives on node01-04.
 * HA priorities: infra 100, database 90, app-server 80, gpu-compute 60, k8s-worker 50, hpc 40.
 */
const lab = loadScenario('test/fixtures/lab-proposed/lab.yaml');
const placed = planPlacement(lab, 'balanced');

function fail(...names: string[]) {
  const context = failureContext(placed.state, strategyNamed('balanced'));
  const failed = names.map((name) => placed.index.nodeIndex.get(name)!);
  const result = describeScenario(context, { failed: names, label: names.join('+') }, simulateFailure(context, failed, true));
  const outcome = Object.fromEntries(result.vms.map((v) => [v.vm, v.state === 'down' ? `down:${v.reason}` : `${v.state}:${v.node}`]));
  return { result, outcome };
}

describe('lab failures, worked by hand', () => {
  it('starts from the placement the arithmetic below assumes', () => {
    const byNode: Record<string, string[]> = {};
    for (const { vm, node } of placed.result.placements) (byNode[node] ??= []).push(vm);
    expect(byNode).toEqual({
      node01: ['dns1', 'k8s-cp1', 'k8s-worker3'],
      node02: ['dns2', 'dc1', 'monitoring', 'k8s-cp2', 'app1'],
      node03: ['dc2', 'glpi', 'k8s-cp3', 'app2'],
      node04: ['k8s-worker1', 'gpu1', 'gpu2', 'hpc1'],
      node05: ['pbs', 'k8s-worker2', 'postgres'],
    });
  });

  it('node04 fails: GPU VMs no-gpu, the worker has no room its rule allows, hpc1 restarts on node05', () => {
    // Restart order by priority: gpu1, gpu2 (60): no other node has a GPU.
    // k8s-worker1 (50, 32 GiB): node01 and node05 run workers (anti-affinity); the nodes the rule
    // allows lack memory: node02 44+32 = 76 > 62, node03 40+32 = 72 > 62 → no-capacity.
    // hpc1 (40, 24 GiB): node01 68 > 62, node02 68 > 62, node03 64 > 62, node05 72+24 = 96 <= 113.2.
    const { outcome, result } = fail('node04');
    expect(outcome).toMatchObject({ gpu1: 'down:no-gpu', gpu2: 'down:no-gpu', 'k8s-worker1': 'down:no-capacity', hpc1: 'restarted:node05', glpi: 'running:node03' });
    // node05 after: 96 GiB of 113.2 = 84.8%, just under the 85% threshold.
    const node05 = result.nodesAfter.find((n) => n.name === 'node05')!;
    expect(node05.used.memGiB).toBe(96);
    expect(node05.percent.memGiB).toBe(84.8);
    expect(node05.overThreshold).toEqual([]);
    expect(result.counts).toMatchObject({ running: 15, restarted: 1, down: 3, haDownForCapacity: 1 });
  });

  it('node05 fails: every VM on its ZFS pool or iSCSI LUN stops, wherever it runs', () => {
    const { outcome, result } = fail('node05');
    const onNode05Storage = ['glpi', 'monitoring', 'pbs', 'k8s-worker1', 'k8s-worker2', 'k8s-worker3', 'postgres', 'app1', 'app2', 'gpu1', 'gpu2', 'hpc1'];
    for (const name of onNode05Storage) expect(outcome[name]).toBe('down:storage-lost');
    // Local NVMe VMs keep running: dns1, dns2, dc1, dc2, k8s-cp1..3 = 7.
    expect(result.counts).toMatchObject({ running: 7, restarted: 0, down: 12 });
    expect(result.counts.byReason['storage-lost']).toBe(12);
  });

  it('node01 + node02 fail: monitoring and app1 restart on node05, the worker is lost for capacity', () => {
    // 3 of 5 votes remain: quorate. Order: monitoring (100), app1 (80), k8s-worker3 (50).
    // monitoring 8 GiB, bottleneck after: node03 48/62 = .774, node04 112/126 = .889, node05 80/113.2 = .707 → node05.
    // app1 16 GiB: node03 56/62 = .903, node04 120/126 = .952, node05 96/113.2 = .848 → node05.
    // k8s-worker3 32 GiB: node04 and node05 run workers; node03 40+32 = 72 > 62 → no-capacity.
    const { outcome } = fail('node01', 'node02');
    expect(outcome).toMatchObject({
      monitoring: 'restarted:node05',
      app1: 'restarted:node05',
      'k8s-worker3': 'down:no-capacity',
      dns1: 'down:not-ha',
      dns2: 'down:not-ha',
      dc1: 'down:not-ha',
      'k8s-cp1': 'down:not-ha',
      'k8s-cp2': 'down:not-ha',
    });
  });

  it('node01 + node02 + node03 fail: 2 of 5 votes, no quorum, the survivors fence themselves', () => {
    const { outcome, result } = fail('node01', 'node02', 'node03');
    expect(result.quorate).toBe(false);
    // 3 + 5 + 4 = 12 VMs on the failed nodes.
    for (const name of ['dns1', 'k8s-worker3', 'monitoring', 'app1', 'glpi']) expect(outcome[name]).toBe('down:no-quorum');
    // node04 and node05 run HA VMs, so their watchdogs reset them: 4 + 3 = 7 fenced.
    for (const name of ['k8s-worker1', 'gpu1', 'hpc1', 'pbs', 'postgres']) expect(outcome[name]).toBe('down:fenced');
    expect(result.counts.byReason).toMatchObject({ 'no-quorum': 12, fenced: 7 });
    expect(result.counts).toMatchObject({ running: 0, restarted: 0, down: 19 });
  });

  it('leaves the placed state untouched', () => {
    const before = Array.from(placed.state.memUsed);
    fail('node04');
    expect(Array.from(placed.state.memUsed)).toEqual(before);
  });
});
