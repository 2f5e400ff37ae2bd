import { Flags } from '@oclif/core';
import { HeadroomCommand } from '../io/cli/base-command.js';
import { selectFailures } from '../io/cli/failure-selection.js';
import { policyFlags, policyOptions } from '../io/cli/policy-flags.js';
import { scenarioFlag, strategyFlag } from '../io/cli/flags.js';
import { threadCount, threadsFlag } from '../io/cli/threads.js';
import { loadScenario } from '../io/loaders/scenario.js';
import { runFailover, type FailoverResult } from '../engine/policy/failover.js';
import type { SweepResult } from '../engine/policy/sweep.js';
import { planPlacement } from '../engine/placement/plan.js';
import { renderFailover, renderSweep } from '../io/output/formatters/failover.js';
import { sweepWithProgress } from '../workers/sweep-runner.js';

export default class Failover extends HeadroomCommand {
  static summary = 'Fail nodes, a domain, or every combination of up to k nodes: what restarts where, what is lost and why.';
  static description =
    'Places the inventory, then fails the chosen nodes on a copy of the cluster and decides every VM as Proxmox VE would: quorum and self-fencing, storage served by a failed node, local disks (and their replicas), GPUs, HA restarts in priority order through the placement filters. Exit 1 when the policy breaks: before the failure (a VM with no node, a node over capacity or its alert threshold, a rule broken) or in some scenario (quorum lost, an HA VM lost for capacity, a surviving node over capacity).';
  static examples = [
    '<%= config.bin %> failover --fail node04',
    '<%= config.bin %> failover --fail node01,node02 --json',
    '<%= config.bin %> failover --domain rack-a',
    '<%= config.bin %> failover --sweep 2 --threads 2',
    '<%= config.bin %> failover --sweep domains',
  ];
  static flags = {
    scenario: scenarioFlag,
    strategy: strategyFlag,
    fail: Flags.string({ description: 'Nodes that fail, separated by commas.' }),
    domain: Flags.string({ description: 'A failure domain that fails: rack-a, or kind:name such as power:ups-a.' }),
    sweep: Flags.string({ description: "Every combination of up to k failed nodes (a number), or 'domains' for every failure domain." }),
    threads: threadsFlag,
    yes: Flags.boolean({ description: 'Run a sweep larger than the scenario limit.', default: false }),
    'strict-spof': policyFlags['strict-spof'],
    'ignore-threshold': policyFlags['ignore-threshold'],
    'max-util-after-failover': policyFlags['max-util-after-failover'],
  };

  async run(): Promise<FailoverResult | SweepResult> {
    const { flags } = await this.parse(Failover);
    const cluster = loadScenario(flags.scenario);
    const strategy = flags.strategy ?? cluster.policy.strategy;
    const placed = planPlacement(cluster, strategy);
    const threads = threadCount(flags.threads);
    const selection = selectFailures(placed.index, flags);
    const policy = policyOptions(flags, cluster.policy.failover);
    const result = selection.kind === 'single' ? runFailover(placed, strategy, selection.scenario, policy) : await sweepWithProgress(placed, strategy, selection, threads, policy);
    if (!this.printJson(flags.json, result)) this.log('verdict' in result ? renderFailover(result, cluster.policy) : renderSweep(result));
    if (!('verdict' in result ? result.verdict.holds : result.holds)) this.failGate();
    return result;
  }
}

