import { HeadroomCommand } from '../io/cli/base-command.js';
import { availabilityFlags, seedOf, targetOf, yearsOf } from '../io/cli/availability-flags.js';
import { scenarioFlag, strategyFlag } from '../io/cli/flags.js';
import { threadCount, threadsFlag } from '../io/cli/threads.js';
import { loadScenario } from '../io/loaders/scenario.js';
import { renderAvailability } from '../io/output/formatters/availability.js';
import type { AvailabilityResult } from '../engine/availability/availability.js';
import { planPlacement } from '../engine/placement/plan.js';
import { runAvailability } from '../workers/availability-runner.js';

export default class Availability extends HeadroomCommand {
  static summary = 'Expected downtime per service per year, analytic and Monte Carlo, from where the VMs run and what HA does.';
  static description =
    "Node, failure-domain and maintenance outages through the failure engine (quorum, storage served by a node, local disks, GPUs, capacity, HA restarts with detection, fencing and boot time), per service (the scenario's services:, each VM in none a service of its own). Two methods that must agree: state enumeration and a seeded event simulation with its 95% interval. Exit 1 when --target is given and a service falls short.";
  static examples = [
    '<%= config.bin %> availability',
    '<%= config.bin %> availability --years 1000000 --threads 2 --json',
    '<%= config.bin %> availability --target 99.9',
  ];
  static flags = {
    scenario: scenarioFlag,
    strategy: strategyFlag,
    ...availabilityFlags,
    threads: threadsFlag,
  };

  async run(): Promise<AvailabilityResult> {
    const { flags } = await this.parse(Availability);
    const options = { years: yearsOf(flags.years), seed: seedOf(flags.seed), targetPercent: targetOf(flags.target), threads: threadCount(flags.threads) };
    const cluster = loadScenario(flags.scenario);
    const strategy = flags.strategy ?? cluster.policy.strategy;
    const result = await runAvailability(planPlacement(cluster, strategy), strategy, options);
    if (!this.printJson(flags.json, result)) this.log(renderAvailability(result));
    if (!result.holds) this.failGate();
    return result;
  }
}
