import { describe, expect, it } from 'vitest';
import { failureContext } from '../../../../src/engine/failure/context.js';
import { describeScenario } from '../../../../src/engine/failure/describe.js';
import { simulateFailure } from '../../../../src/engine/failure/simulate.js';
import { planPlacement, strategyNamed } from '../../../../src/engine/placement/plan.js';
import { loadScenario } from '../../../../src/io/loaders/scenario.js';

/**
 * The lab (data/lab, strategy balanced), failed by hand. The placement every case starts from:
 *   node01 (62 GiB usable): glpi 8, k8s-cp1 8, k8s-worker2 32            = 48 GiB, 16 vCPU
 *   node02 (62):            dns1 4, k8s-cp2 8, k8s-worker3 32            = 44 GiB, 14 vCPU
 *   node03 (62):            dns2 4, dc1 8, monitoring 8, k8s-cp3 8, app1 16 = 44 GiB, 18 vCPU
 *   node04 (126, 2 GPUs):   dc2 8, gpu1 32, gpu2 32, hpc1 24             = 96 GiB, 36 vCPU
 *   node05 (113.2):         pbs 8, k8s-worker1 32, postgres 32, app2 16   = 88 GiB, 24 vCPU
 * zfs-shared and iscsi-db are served by node05; local-nvme lives on node01-04.
 */
const lab = loadScenario('scenarios/lab.yaml');
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
      node01: ['glpi', 'k8s-cp1', 'k8s-worker2'],
      node02: ['dns1', 'k8s-cp2', 'k8s-worker3'],
      node03: ['dns2', 'dc1', 'monitoring', 'k8s-cp3', 'app1'],
      node04: ['dc2', 'gpu1', 'gpu2', 'hpc1'],
      node05: ['pbs', 'k8s-worker1', 'postgres', 'app2'],
    });
  });

  it('node04 fails: GPU VMs no-gpu, hpc1 restarts where memory allows, dc2 is not HA', () => {
    // hpc1 needs 24 GiB: node01 48+24=72 > 62, node02 and node03 44+24=68 > 62, node05 88+24=112 <= 113.2.
    const { outcome, result } = fail('node04');
    expect(outcome).toMatchObject({ gpu1: 'down:no-gpu', gpu2: 'down:no-gpu', hpc1: 'restarted:node05', dc2: 'down:not-ha', glpi: 'running:node01' });
    // node05 after: 88 + 24 = 112 GiB of 113.2 = 98.9%, over the 85% threshold.
    const node05 = result.nodesAfter.find((n) => n.name === 'node05')!;
    expect(node05.used.memGiB).toBe(112);
    expect(node05.percent.memGiB).toBe(98.9);
    expect(node05.overThreshold).toContain('memGiB');
    expect(result.counts).toMatchObject({ running: 15, restarted: 1, down: 3 });
  });

  it('node05 fails: every VM on its ZFS pool or iSCSI LUN stops, wherever it runs', () => {
    const { outcome, result } = fail('node05');
    const onNode05Storage = ['glpi', 'monitoring', 'pbs', 'k8s-worker1', 'k8s-worker2', 'k8s-worker3', 'postgres', 'app1', 'app2', 'gpu1', 'gpu2', 'hpc1'];
    for (const name of onNode05Storage) expect(outcome[name]).toBe('down:storage-lost');
    // Local NVMe VMs keep running: dns1, dns2, dc1, dc2, k8s-cp1..3 = 7.
    expect(result.counts).toMatchObject({ running: 7, restarted: 0, down: 12 });
    expect(result.counts.byReason['storage-lost']).toBe(12);
  });

  it('node01 + node02 fail: glpi restarts, both workers are lost for capacity', () => {
    // 3 of 5 votes remain: quorate. Restart order by HA priority: glpi (100), then the workers (50).
    // glpi 8 GiB, bottleneck after: node03 52/62=.839, node04 104/126=.825, node05 96/113.2=.848 → node04.
    // k8s-worker2/3 need 32 GiB off node05 (anti-affinity with k8s-worker1, and 88+32 > 113.2):
    // node03 44+32=76 > 62, node04 104+32=136 > 126 → no-capacity (node05 is not blocked by the rule alone).
    const { outcome } = fail('node01', 'node02');
    expect(outcome).toMatchObject({
      glpi: 'restarted:node04',
      'k8s-worker2': 'down:no-capacity',
      'k8s-worker3': 'down:no-capacity',
      'k8s-cp1': 'down:not-ha',
      'k8s-cp2': 'down:not-ha',
      dns1: 'down:not-ha',
    });
  });

  it('node01 + node02 + node03 fail: 2 of 5 votes, no quorum, the survivors fence themselves', () => {
    const { outcome, result } = fail('node01', 'node02', 'node03');
    expect(result.quorate).toBe(false);
    for (const name of ['glpi', 'k8s-worker2', 'dns1', 'monitoring', 'app1']) expect(outcome[name]).toBe('down:no-quorum');
    // node04 and node05 run HA VMs, so their watchdogs reset them and everything on them stops.
    for (const name of ['dc2', 'gpu1', 'hpc1', 'pbs', 'postgres']) expect(outcome[name]).toBe('down:fenced');
    expect(result.counts).toMatchObject({ running: 0, restarted: 0, down: 19 });
  });

  it('leaves the placed state untouched', () => {
    const before = Array.from(placed.state.memUsed);
    fail('node04');
    expect(Array.from(placed.state.memUsed)).toEqual(before);
  });
});
