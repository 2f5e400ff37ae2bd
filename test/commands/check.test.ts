import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Check from '../../src/commands/check.js';
import Fit from '../../src/commands/fit.js';
import type { ChangeCheck } from '../../src/engine/policy/check.js';
import type { FitResult } from '../../src/engine/policy/fit.js';
import { runCommand } from '../support/run-command.js';
import { labCopy, PROPOSED_LAB, sixNodeLab } from '../support/scenario-files.js';

function changeFile(content: string): string {
  const path = join(labCopy().dir, 'change.yaml');
  writeFileSync(path, content);
  return path;
}

async function checkJson(argv: string[]): Promise<{ exitCode: number; json: ChangeCheck }> {
  const run = await runCommand<ChangeCheck>(Check, [...(argv.includes('--scenario') ? [] : PROPOSED), ...argv, '--json']);
  return { exitCode: run.exitCode, json: JSON.parse(run.stdout) as ChangeCheck };
}

const breachesOf = (side: ChangeCheck['before']): string[] => side.policy.breaches.map((b) => b.scenario);

// The hand-worked cases run on the frozen proposal of the lab (test/fixtures/lab-proposed).
const PROPOSED = ['--scenario', PROPOSED_LAB];

describe('headroom check', () => {
  it('a sixth node like node01 makes the lab N+1: exit 0, the node01 and node04 breaches fixed', async () => {
    // Before: node01 failing loses k8s-worker3, node04 failing loses k8s-worker1 (no room their
    // anti-affinity allows). node06 (62 GiB, no worker) takes either.
    const run = await runCommand<ChangeCheck>(Check, [...PROPOSED, '--add-node', 'node06=node01', '--json']);
    expect(run.exitCode).toBe(0);
    const json = JSON.parse(run.stdout) as ChangeCheck;
    expect([json.before.holds, json.after.holds]).toEqual([false, true]);
    expect(json.difference.fixedBreaches).toEqual(['node01', 'node04']);
    expect(json.difference.moved).toEqual([]);
  });

  it('removing node02: exit 1, a new breach and a VM that no longer fits', async () => {
    const run = await runCommand<ChangeCheck>(Check, [...PROPOSED, '--remove-node', 'node02']);
    expect(run.exitCode).toBe(1);
    // k8s-cp2 is pinned to node01-03 with anti-affinity: node01 and node03 hold cp1 and cp3.
    expect(run.stdout).toContain('No longer placeable: k8s-cp2.');
    expect(run.stdout).toMatch(/- node03 \(new\): app2 down \(no-capacity/);
    expect(run.stdout).toContain('After the change, before any failure:\n- no node can run k8s-cp2');
    // k8s-cp2 is pinned to node01 and node03, which run cp1 and cp3 (group k8s-control): no room
    // would help, only a relaxed rule; each was checked by placing the changed cluster again.
    expect(run.stdout).toContain('Fixes for k8s-cp2 (each checked by re-running the engine), cheapest first: relax anti-affinity group k8s-control; relax affinity node01, node03.');
  });

  it('a change file adds VMs and changes the policy', async () => {
    const file = changeFile('add:\n  vms:\n    - { class: infra-small, count: 2 }\npolicy:\n  failover: n+2\n');
    const run = await runCommand<ChangeCheck>(Check, [...PROPOSED, '--change', file, '--json']);
    const json = JSON.parse(run.stdout) as ChangeCheck;
    expect(json.policy).toBe('n+2');
    // C(5,1) + C(5,2) = 15 scenarios; 19 + 2 VMs.
    expect([json.after.policy.scenarioCount, json.after.vms]).toEqual([15, 21]);
    expect(run.exitCode).toBe(1);
  });

  it('a change file and inline flags combine, with distinct names for the added VMs', async () => {
    const file = changeFile('add:\n  vms:\n    - { class: infra-small }\n');
    const run = await runCommand<ChangeCheck>(Check, [...PROPOSED, '--change', file, '--add', 'infra-small:1', '--json']);
    const json = JSON.parse(run.stdout) as ChangeCheck;
    expect(json.after.vms).toBe(21);
    expect(json.after.load.length).toBe(5);
    expect(json.difference.moved).toEqual([]);
  });

  const badChanges: Array<[string, string, RegExp]> = [
    ['removes a node that does not exist', 'remove:\n  nodes: [node09]\n', /change\.yaml:2: field 'remove\.nodes\[0\]' has value 'node09': expected the name of a node in the scenario/],
    ['adds a VM of an unknown class', 'add:\n  vms:\n    - class: webserver\n', /change\.yaml:3: field 'add\.vms\[0\]\.class' has value 'webserver': expected the name of a class in the scenario/],
    // node01 runs dns1 4 + k8s-cp1 8 + k8s-worker3 32 = 44 GiB, so it needs 44 + 2 reserved = 46 GiB.
    ['resizes a node below what it runs while it must keep running', 'resize:\n  nodes:\n    - { name: node01, memGiB: 32, keepRunning: true }\n', /change\.yaml:3: field 'resize\.nodes\[node01\]\.memGiB' has value 32: expected at least 46 GiB: node01 runs 44 GiB of VMs/],
    ['misspells a key', 'ad:\n  vms: []\n', /change\.yaml:1: field 'change\.ad' has value 'ad': expected one of the keys add, remove, resize, update, policy/],
    ['adds a class without its memory', 'add:\n  classes:\n    - { name: analytics, vcpus: 4, diskGiB: 100, pool: zfs-shared }\n', /change\.yaml:3: field 'add\.classes\[0\]\.memGiB' has value '\(missing\)': expected a value: a new class needs vcpus, memGiB, diskGiB and pool/],
    ['adds a class under a name the scenario has', 'add:\n  classes:\n    - { name: infra, vcpus: 4, memGiB: 8, diskGiB: 64, pool: zfs-shared }\n', /change\.yaml:3: field 'add\.classes\[0\]\.name' has value 'infra': expected a name no class has yet/],
  ];
  for (const [name, content, message] of badChanges) {
    it(`rejects a change file that ${name}: exit 2`, async () => {
      const run = await runCommand(Check, [...PROPOSED, '--change', changeFile(content)]);
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toMatch(message);
    });
  }

  it('rejects two new nodes of one name: exit 2, one located message, no stack', async () => {
    const run = await runCommand(Check, ['--add-node', 'node06=node01', '--add-node', 'node06=node02']);
    expect([run.exitCode, run.stdout]).toEqual([2, '']);
    expect(run.stderr).toBe("headroom: command line: field '--add-node' has value 'node06=node02': expected a node that no earlier --add-node names (node06 is given twice)\n");
  });

  it('rejects a flag that repeats the change file: a VM removed by both', async () => {
    const run = await runCommand(Check, ['--change', changeFile('remove:\n  vms: [dns1]\n'), '--remove-vm', 'dns1']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("field '--remove-vm' has value 'dns1': expected a VM that the change file does not name already");
  });

  it('rejects an inline add of an unknown class', async () => {
    const run = await runCommand(Check, [...PROPOSED, '--add', 'nosuch:2']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("field '--add' has value 'nosuch:2'");
  });
});

describe('headroom check: new classes', () => {
  it('two VMs of a new class fill the sixth node that would have made the lab N+1: exit 1', async () => {
    // --add-node alone fixes both breaches (first test above): node06 (64 - 2 = 62 GiB for VMs)
    // is empty and takes the 32 GiB worker of node01 or node04. The balanced strategy places
    // the two new 16 GiB VMs on node06, the emptiest node: 32 / 62 = 51.6% memory, 30 GiB
    // left, less than a worker's 32, so both breaches stay.
    const file = changeFile('add:\n  classes: [{ name: analytics, vcpus: 4, memGiB: 16, diskGiB: 100, pool: zfs-shared, ha: true }]\n  vms: [{ class: analytics, count: 2 }]\n');
    const { exitCode, json } = await checkJson(['--change', file, '--add-node', 'node06=node01']);
    expect(exitCode).toBe(1);
    expect(breachesOf(json.after)).toEqual(['node01', 'node04']);
    expect(json.after.vms).toBe(21);
    expect(json.after.load.find((node) => node.name === 'node06')?.used.memGiB).toBe(32);
    expect(json.difference.load.find((node) => node.node === 'node06')?.memPercent).toEqual([null, 51.6]);
  });
});

describe('headroom check: HA rules and thresholds in change files', () => {
  it("removing the workers' rule alone changes nothing on the lab: the k8s-worker class's anti-affinity group says the same", async () => {
    // failover --fail node01 names the binding constraint "anti-affinity (k8s-workers)": the CSV
    // group of classes.csv, which keeps working beside the rules. So both breaches stay.
    const file = changeFile('ha:\n  remove: [k8s-workers-apart]\n');
    const { exitCode, json } = await checkJson(['--change', file]);
    expect(exitCode).toBe(1);
    expect([breachesOf(json.before), breachesOf(json.after)]).toEqual([['node01', 'node04'], ['node01', 'node04']]);
    expect(json.difference.ha).toEqual({ crs: ['static', 'static'], added: [], removed: ['k8s-workers-apart'], disabled: [], enabled: [], changed: [], newlyDropped: [] });
    expect((await runCommand(Check, [...PROPOSED, '--change', file])).stdout).toContain('HA: rules removed k8s-workers-apart.');
  });

  it("clearing the workers' group (antiAffinity: null) as well as the rule frees them: node01 fixed, node04 still loses hpc1", async () => {
    // The change file does on the stock lab what proxmoxOnly() below does to the CSV, so the
    // verdicts are those of its "rule removed" case (worked out in the comment below).
    const workers = ['k8s-worker1', 'k8s-worker2', 'k8s-worker3'].map((vm) => `    - { name: ${vm}, antiAffinity: null }\n`).join('');
    const { exitCode, json } = await checkJson(['--change', changeFile(`update:\n  vms:\n${workers}ha:\n  remove: [k8s-workers-apart]\n`)]);
    expect([exitCode, breachesOf(json.after), json.difference.fixedBreaches]).toEqual([1, ['node04'], ['node01']]);
  });

  // The lab with the rule as the only thing keeping the workers apart (as a cluster configured in
  // Proxmox alone would state it). Memory free before any failure (GiB for VMs - used):
  // node01 62-44 = 18 (runs worker3), node02 62-44 = 18, node03 62-40 = 22, node04 126-104 = 22
  // (worker1, hpc1 24), node05 113.2-72 = 41.2 (worker2). A worker needs 32.
  // - node01 fails: worker3 fits only on node05 (or node04 once hpc1 is gone), both running a worker.
  // - node04 fails: worker1 (HA priority 50) fits only on node05, which runs worker2; hpc1 (40, 24 GiB)
  //   comes next and, once worker1 took node05 (9.2 left), fits nowhere (22 at most).
  // So the rule breaks both scenarios; without it node04 still loses hpc1; without both, N+1 holds.
  const proxmoxOnly = () => labCopy().edit('classes.csv', ',k8s-workers,,,true,50', ',,,,true,50');
  const ruleCases: Array<[string, string, number, string[], string[]]> = [
    ['hpc1 removed: the rule still breaks node01 and node04', 'remove:\n  vms: [hpc1]\n', 1, ['node01', 'node04'], []],
    ['the rule removed: node01 fixed, node04 now loses hpc1', 'ha:\n  remove: [k8s-workers-apart]\n', 1, ['node04'], ['node01']],
    ['hpc1 and the rule removed: N+1 holds', 'remove:\n  vms: [hpc1]\nha:\n  remove: [k8s-workers-apart]\n', 0, [], ['node01', 'node04']],
  ];
  it.each(ruleCases)('with the workers kept apart by the HA rule only, %s', async (_, content, exit, breaches, fixed) => {
    const { exitCode, json } = await checkJson(['--scenario', proxmoxOnly().scenario, '--change', changeFile(content)]);
    expect(breachesOf(json.before)).toEqual(['node01', 'node04']);
    expect([exitCode, breachesOf(json.after), json.difference.fixedBreaches]).toEqual([exit, breaches, fixed]);
  });

  it('adding a rule that pins hpc1 to node04 or node03 breaks a six-node lab that held: exit 1', async () => {
    // Six nodes, placed from scratch: worker1 on node06, worker3 on node05, worker2, hpc1 and the
    // GPU VMs on node04; node03 uses 28 of 62 GiB. node04 fails: worker2 (HA priority 50) goes
    // first, to node03, the only node without a worker that has 32 GiB free (node01 26, node02 30),
    // leaving 2 GiB. hpc1 (24 GiB) went to node05 before (72 + 24 = 96 of 113.2); the rule allows
    // only node03 now, so hpc1 is lost for capacity.
    const rule = '{ id: hpc-on-node04-or-03, type: node-affinity, strict: true, nodes: [node04, node03], resources: [hpc1] }';
    const { exitCode, json } = await checkJson(['--scenario', sixNodeLab().scenario, '--change', changeFile(`ha:\n  add:\n    - ${rule}\n`)]);
    expect(exitCode).toBe(1);
    expect([json.before.holds, json.difference.newBreaches]).toEqual([true, ['node04']]);
    expect(json.after.policy.breaches[0]!.vmsDown).toEqual([{ vm: 'hpc1', reason: 'no-capacity' }]);
    expect(json.difference.ha.added).toEqual(['hpc-on-node04-or-03']);
  });

  it('a rule may name a VM and a node the same change adds', async () => {
    // web3 (app-server, 16 GiB) is pinned to the new node06: 16 of its 62 GiB is 25.8%.
    const content = 'add:\n  vms: [{ name: web3, class: app-server }]\n  nodes: [{ name: node06, like: node01 }]\nha:\n  add:\n    - { id: web3-on-node06, type: node-affinity, strict: true, nodes: [node06], resources: [web3] }\n';
    const { json } = await checkJson(['--change', changeFile(content)]);
    expect(json.difference.load.find((n) => n.node === 'node06')!.memPercent).toEqual([null, 25.8]);
    expect(json.difference.ha.added).toEqual(['web3-on-node06']);
  });

  const purges: Array<[string, string[], Partial<ChangeCheck['difference']['ha']>]> = [
    // Proxmox's resource delete (purge) takes the VMs out of gpu-on-node04, which is left empty and deleted.
    ['both GPU VMs: their node-affinity rule goes', ['gpu1', 'gpu2'], { removed: ['gpu-on-node04'] }],
    // The rule keeps worker1 and worker2.
    ['one worker: the rule keeps the other two', ['k8s-worker3'], { changed: ['k8s-workers-apart'], newlyDropped: [] }],
    // One member left: still configured, but the HA manager drops it when compiling.
    ['two workers: the rule is left with one and Proxmox drops it', ['k8s-worker2', 'k8s-worker3'], { changed: ['k8s-workers-apart'], newlyDropped: [{ id: 'k8s-workers-apart', reason: 'rule must specify at least two resources' }] }],
  ];
  it.each(purges)('removing %s', async (_, vms, ha) => {
    const { json } = await checkJson(vms.flatMap((name) => ['--remove-vm', name]));
    expect(json.difference.ha).toMatchObject(ha);
  });

  it('a change of CRS mode switches the Proxmox strategy: basic sends postgres to the node with the fewest guests', async () => {
    // Placed by pve-static, node03 runs dc1, k8s-cp3 (not HA) and postgres (32 GiB). When node03
    // fails, basic CRS counts guests: node01 4, node02 3 (dns2, k8s-cp2, k8s-worker3; 44 of 62
    // GiB), node04 5, node05 4. postgres goes to node02: 76 GiB of 62, over capacity. Static CRS
    // weighs the load and did not break node03.
    const { exitCode, json } = await checkJson(['--strategy', 'pve-static', '--change', changeFile('ha:\n  crs: basic\n')]);
    expect(exitCode).toBe(1);
    expect([json.before.strategy, json.after.strategy, json.difference.ha.crs]).toEqual(['pve-static', 'pve-basic', ['static', 'basic']]);
    expect(json.difference.newBreaches).toEqual(['node03']);
    expect(json.after.policy.breaches.find((b) => b.scenario === 'node03')!.nodesOverCapacity).toEqual(['node02']);
    const text = await runCommand(Check, [...PROPOSED, '--strategy', 'pve-static', '--change', changeFile('ha:\n  crs: basic\n')]);
    expect(text.stdout).toContain('(strategy pve-static -> pve-basic)');
    expect(text.stdout).toContain('HA: crs static -> basic.');
  });

  it('a threshold per resource replaces only the resources it names', async () => {
    // node04 runs 104 of 126 GiB, 82.5%: under 0.85, at or over 0.8. Its GPUs (2 of 2) keep the
    // scenario's threshold of 1, and its CPU (31.3%) is under 0.9.
    const { json } = await checkJson(['--change', changeFile('policy:\n  threshold: { cpu: 0.9, memGiB: 0.8 }\n')]);
    const node04 = (side: ChangeCheck['before']) => side.load.find((n) => n.name === 'node04')!.overThreshold;
    expect([node04(json.before), node04(json.after)]).toEqual([['gpus'], ['memGiB', 'gpus']]);
  });

  const badHa: Array<[string, string, RegExp]> = [
    ['removes a rule id the scenario does not have', 'ha:\n  remove: [workers-apart]\n', /change\.yaml:2: field 'ha\.remove\[0\]' has value 'workers-apart': expected the id of a rule in the scenario \(k8s-workers-apart, gpu-on-node04\)/],
    ['names one rule twice', 'ha:\n  remove: [k8s-workers-apart]\n  disable: [k8s-workers-apart]\n', /change\.yaml:3: field 'ha\.disable\[0\]' has value 'k8s-workers-apart': expected a rule that no other entry/],
    ['sets an unknown CRS mode', 'ha:\n  crs: dynamic\n', /change\.yaml:2: field 'ha\.crs' has value 'dynamic': expected one of basic, static/],
    ['adds a rule naming an unknown VM', 'ha:\n  add:\n    - { id: x, type: resource-affinity, affinity: negative, resources: [app1, web9] }\n', /change\.yaml:3: field 'ha\.add\[0\]\.resources\[1\]' has value 'web9': expected the name of a VM in the scenario or added by this change, and not removed by it/],
    ['adds a rule naming a VM it removes', 'remove:\n  vms: [hpc1]\nha:\n  add:\n    - { id: x, type: node-affinity, nodes: [node03], resources: [hpc1] }\n', /change\.yaml:5: field 'ha\.add\[0\]\.resources\[0\]' has value 'hpc1'/],
    ['adds a rule naming a node it removes', 'remove:\n  nodes: [node03]\nha:\n  add:\n    - { id: x, type: node-affinity, nodes: [node03], resources: [hpc1] }\n', /change\.yaml:5: field 'ha\.add\[0\]\.nodes\[0\]' has value 'node03': expected a node of the scenario or added by this change/],
    ['adds a rule without an id', 'ha:\n  add:\n    - { type: node-affinity, nodes: [node03], resources: [hpc1] }\n', /change\.yaml:3: field 'ha\.add\[0\]\.id' has value \(missing\): expected an id for the rule/],
    ['adds a rule under the id of one the scenario keeps', 'ha:\n  add:\n    - { id: gpu-on-node04, type: node-affinity, nodes: [node03], resources: [hpc1] }\n', /change\.yaml:3: field 'ha\.add\[0\]\.id' has value 'gpu-on-node04': expected an id no other rule has/],
    ['names an unknown resource in a threshold', 'policy:\n  threshold: { cpu: 0.9, mem: 0.8 }\n', /change\.yaml:2: field 'policy\.threshold\.mem' has value 'mem': expected one of the keys cpu, memGiB, diskGiB, gpus/],
  ];
  it.each(badHa)('rejects a change file that %s: exit 2', async (_, content, message) => {
    const run = await runCommand(Check, [...PROPOSED, '--change', changeFile(content)]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("addresses a scenario rule without an id as rule-N, N its position in ha.rules", async () => {
    const lab = labCopy().edit('lab.yaml', /(resources: \[gpu1, gpu2\] \})\n/, '$1\n    - { type: node-affinity, nodes: [node02:2, node03], resources: [hpc1] }\n');
    const { json } = await checkJson(['--scenario', lab.scenario, '--change', changeFile('ha:\n  disable: [rule-3]\n')]);
    expect(json.difference.ha.disabled).toEqual(['rule-3']);
  });

  it('replaces a rule under its own id when the same change removes it', async () => {
    const content = 'ha:\n  remove: [gpu-on-node04]\n  add:\n    - { id: gpu-on-node04, type: node-affinity, strict: false, nodes: [node04], resources: [gpu1, gpu2] }\n';
    const { json } = await checkJson(['--change', changeFile(content)]);
    expect(json.difference.ha).toMatchObject({ added: [], removed: [], changed: ['gpu-on-node04'] });
  });
});

describe('headroom fit', () => {
  it('rejects a mix that names a class twice with exit 2', async () => {
    const run = await runCommand(Fit, ['--mix', 'infra:2,app-server:1,infra:1']);
    expect([run.exitCode, run.stderr]).toEqual([2, "headroom: command line: field '--mix' has value 'infra:2,app-server:1,infra:1': expected class:count pairs naming each class once (infra is given twice; add up its counts)\n"]);
  });

  it('the lab is not N+1 today: nothing fits, and it says which failure binds', async () => {
    const run = await runCommand<FitResult>(Fit, [...PROPOSED, '--class', 'k8s-worker', '--json']);
    const json = JSON.parse(run.stdout) as FitResult;
    expect([json.holdsToday, json.count]).toEqual([false, 0]);
    expect(json.proof.binding).toMatchObject({ kind: 'failover', scenario: 'node01', vm: 'k8s-worker3', reason: 'no-capacity', resource: 'memGiB' });
  });

  it('with a sixth node the lab has headroom: one table row per class', async () => {
    const lab = sixNodeLab();
    const run = await runCommand<FitResult[]>(Fit, ['--scenario', lab.scenario, '--json']);
    const rows = JSON.parse(run.stdout) as FitResult[];
    expect(rows.map((r) => r.unit)).toEqual(['infra-small', 'infra', 'k8s-control', 'k8s-worker', 'app-server', 'database', 'gpu-compute', 'hpc']);
    for (const row of rows) {
      expect(row.holdsToday).toBe(true);
      expect(row.proof.failsAt).toBe(row.count + 1);
    }
    // Both GPUs are taken: no gpu-compute fits, and the GPU count binds.
    expect(rows.find((r) => r.unit === 'gpu-compute')).toMatchObject({ count: 0, proof: { binding: { kind: 'placement', resource: 'gpus' } } });
  });
});

describe('check: expected downtime per service', () => {
  it('--remove-vm dns2 leaves dns on dns1 alone: its monthly window now takes DNS down', async () => {
    const { json } = await checkJson(['--scenario', 'scenarios/lab.yaml', '--remove-vm', 'dns2']);
    const dns = json.difference.downtime.find((d) => d.service === 'dns')!;
    // dns1 is not HA and sits on node01's local NVMe: every one of node01's 12 windows a year takes
    // it down for 30 minutes and a 1-minute boot, 12 × 31 = 372 minutes a year at least. With dns2
    // beside it (another node), no single window did: the lab's failures and windows gave less.
    expect(dns.afterMinutesPerYear).toBeGreaterThan(372);
    expect(dns.beforeMinutesPerYear).toBeLessThan(372);
    expect(dns.changeMinutesPerYear).toBeCloseTo(dns.afterMinutesPerYear! - dns.beforeMinutesPerYear!, 3);
    // The largest change comes first.
    expect(json.difference.downtime[0]!.service).toBe('dns');
  });
});
