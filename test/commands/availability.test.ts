import { describe, expect, it } from 'vitest';
import Availability from '../../src/commands/availability.js';
import type { AvailabilityResult } from '../../src/engine/availability/availability.js';
import { runCommand } from '../support/run-command.js';
import { labCopy } from '../support/scenario-files.js';

const QUICK = ['--years', '400', '--threads', '1'];

describe('headroom availability', () => {
  it('--json: per service name, vms, rule, analytic and monteCarlo with downtime, interval, nines, contributors', async () => {
    const run = await runCommand<AvailabilityResult>(Availability, [...QUICK, '--json']);
    expect(run.exitCode).toBe(0);
    const json = JSON.parse(run.stdout) as AvailabilityResult;
    // The lab's six declared services, then its six VMs in no service, in vms.csv order.
    expect(json.services.map((s) => s.name)).toEqual([
      'dns', 'domain-controllers', 'kubernetes-control-plane', 'kubernetes-workers', 'database', 'applications',
      'monitoring', 'glpi', 'pbs', 'gpu1', 'hpc1',
    ]);
    const workers = json.services.find((s) => s.name === 'kubernetes-workers')!;
    expect(Object.keys(workers)).toEqual(['name', 'vms', 'rule', 'analytic', 'monteCarlo', 'meetsTarget']);
    expect(workers).toMatchObject({ vms: ['k8s-worker1', 'k8s-worker2', 'k8s-worker3'], rule: '2-of-3', meetsTarget: null });
    expect(Object.keys(workers.analytic)).toEqual(['downtimeMinutesPerYear', 'nines', 'contributors']);
    expect(Object.keys(workers.monteCarlo)).toEqual(['downtimeMinutesPerYear', 'nines', 'contributors', 'interval95']);
    const [low, high] = workers.monteCarlo.interval95;
    expect(low).toBeLessThanOrEqual(workers.monteCarlo.downtimeMinutesPerYear);
    expect(high).toBeGreaterThanOrEqual(workers.monteCarlo.downtimeMinutesPerYear);
    // Nines = -log10(downtime / 525,960), to 3 decimals.
    expect(workers.analytic.nines).toBeCloseTo(-Math.log10(workers.analytic.downtimeMinutesPerYear / 525_960), 3);
    // node05 serves zfs-shared, where all three workers keep their disks: its monthly patching
    // window (12 × 30 min = 360 min a year, plus the boots) is the largest single cause.
    expect(workers.analytic.contributors[0]).toMatchObject({ kind: 'maintenance', name: 'node05' });
    expect(workers.analytic.contributors[0]!.minutesPerYear).toBeGreaterThan(360);
  });

  it('prints a table, the model and the target verdict', async () => {
    const run = await runCommand<AvailabilityResult>(Availability, [...QUICK, '--target', '90']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('Expected downtime per service per year on lab');
    expect(run.stdout).toMatch(/kubernetes-workers\s+2-of-3/);
    expect(run.stdout).toContain('Target 90% (at most 52596 minutes a year): every service meets it.');
  });

  it('--target exits 1 when a service falls short (99.99%: at most 52.596 minutes a year)', async () => {
    const run = await runCommand<AvailabilityResult>(Availability, [...QUICK, '--target', '99.99', '--json']);
    expect(run.exitCode).toBe(1);
    const json = JSON.parse(run.stdout) as AvailabilityResult;
    expect(json.target).toEqual({ percent: 99.99, allowedMinutesPerYear: 52.596 });
    expect(json.holds).toBe(false);
    expect(json.services.find((s) => s.name === 'database')!.meetsTarget).toBe(false);
  });

  it('gives the same bytes at --threads 1 and 2', async () => {
    const one = await runCommand(Availability, ['--years', '2000', '--seed', '7', '--threads', '1', '--json']);
    const two = await runCommand(Availability, ['--years', '2000', '--seed', '7', '--threads', '2', '--json']);
    expect(one.exitCode).toBe(0);
    expect(two.stdout).toBe(one.stdout);
  });

  const badFlags: Array<[string, string[], string]> = [
    ['--years 0', ['--years', '0'], "command line: field '--years' has value '0'"],
    ['negative --years', ['--years=-5'], "command line: field '--years' has value '-5'"],
    ['a non-integer seed', ['--seed', '1.5'], "command line: field '--seed' has value '1.5'"],
    ['--target 0', ['--target', '0'], "command line: field '--target' has value '0'"],
    ['--target 100', ['--target', '100'], "command line: field '--target' has value '100'"],
    ['--target 150', ['--target', '150'], "command line: field '--target' has value '150'"],
  ];
  for (const [name, argv, message] of badFlags) {
    it(`exits 2 on ${name}, with one message`, async () => {
      const run = await runCommand(Availability, argv);
      expect(run.exitCode).toBe(2);
      expect(run.stderr.trim().split('\n')).toEqual([expect.stringContaining(message)]);
      expect(run.stdout).toBe('');
    });
  }

  const badScenarios: Array<[string, string, string]> = [
    ['an unknown VM in a service', '  - { name: dns, vms: [dns1, dns2], rule: any }', '  - { name: dns, vms: [dns1, dns3], rule: any }'],
    ['k larger than n', '[k8s-worker1, k8s-worker2, k8s-worker3], rule: 2-of-3', '[k8s-worker1, k8s-worker2, k8s-worker3], rule: 4-of-3'],
    ['an MTBF of zero', 'maintenance: { perYear: 12, duration: 30m }', 'maintenance: { perYear: 12, duration: 30m }\n  node: { mtbf: 0h }'],
  ];
  for (const [name, from, to] of badScenarios) {
    it(`exits 2 on ${name} in the scenario, naming file and line`, async () => {
      const lab = labCopy('current').edit('lab.yaml', from, to);
      const run = await runCommand(Availability, ['--scenario', lab.scenario, ...QUICK]);
      expect(run.exitCode).toBe(2);
      expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^headroom: ${lab.scenario.replaceAll('/', '\\/')}:\\d+: field 'services\\[|^headroom: ${lab.scenario.replaceAll('/', '\\/')}:\\d+: field 'availability`))]);
    });
  }
});
