import { Flags } from '@oclif/core';
import { HeadroomCommand } from '../io/cli/base-command.js';
import { scenarioFlag, strategyFlag } from '../io/cli/flags.js';
import { inlineChange } from '../io/cli/inline-change.js';
import { policyFlags, policyOptions } from '../io/cli/policy-flags.js';
import { checkKeepRunning, loadChange } from '../io/loaders/change.js';
import { loadScenario } from '../io/loaders/scenario.js';
import { mergeChanges, NO_CHANGE } from '../engine/policy/change.js';
import { checkChange, type ChangeCheck } from '../engine/policy/check.js';
import { planPlacement } from '../engine/placement/plan.js';
import { renderCheck } from '../io/output/formatters/check.js';

export default class Check extends HeadroomCommand {
  static summary = 'The change gate: does the failover policy still hold after this change? Exit 0 yes, 1 no, 2 bad input, 3 internal error.';
  static description =
    'Applies a change (a YAML file and/or inline flags) to the scenario: add or remove VMs or classes, add, remove or resize nodes, update VM rules, change the policy, add, remove, disable or enable HA rules, change the CRS mode. Places both sides and evaluates the policy on each; prints the verdict, the scenarios and VMs that break it, and the before/after difference (HA rules included).';
  static examples = [
    '<%= config.bin %> check --add k8s-worker:3',
    '<%= config.bin %> check --remove-node node02 --policy n+1',
    '<%= config.bin %> check --add-node node06=node01',
    '<%= config.bin %> check --change change.yaml --json',
  ];
  static flags = {
    scenario: scenarioFlag,
    strategy: strategyFlag,
    change: Flags.string({ description: 'A change file (YAML: add, remove, resize, update, policy, ha).' }),
    add: Flags.string({ description: 'Add VMs of a class: CLASS[:COUNT]. Repeatable.', multiple: true }),
    'remove-vm': Flags.string({ description: 'Remove a VM. Repeatable.', multiple: true }),
    'remove-node': Flags.string({ description: 'Remove a node (its VMs are placed elsewhere). Repeatable.', multiple: true }),
    'add-node': Flags.string({ description: 'Add a node like an existing one: NEW=LIKE. Repeatable.', multiple: true }),
    ...policyFlags,
  };

  async run(): Promise<ChangeCheck> {
    const { flags } = await this.parse(Check);
    const cluster = loadScenario(flags.scenario);
    const strategy = flags.strategy ?? cluster.policy.strategy;
    const fromFile = flags.change === undefined ? null : loadChange(flags.change, cluster);
    if (fromFile !== null) checkKeepRunning(fromFile, cluster, planPlacement(cluster, strategy).result);
    const fileChange = fromFile?.change ?? NO_CHANGE;
    const change = mergeChanges(fileChange, inlineChange(cluster, flags, fileChange));
    const policy = policyOptions(flags, change.policy.failover ?? cluster.policy.failover);
    const result = checkChange(cluster, change, strategy, policy);
    if (!this.printJson(flags.json, result)) this.log(renderCheck(result));
    if (!result.holds) this.failGate();
    return result;
  }
}
