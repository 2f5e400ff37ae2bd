import { Flags } from '@oclif/core';
import { HeadroomCommand } from '../io/cli/base-command.js';
import { timeLimit } from '../io/cli/time-limit.js';
import { withProgress } from '../io/cli/progress.js';
import { scenarioFlag, strategyFlag } from '../io/cli/flags.js';
import { policyFlags, policyOptions } from '../io/cli/policy-flags.js';
import { loadScenario } from '../io/loaders/scenario.js';
import { firstRepeat } from '../io/loaders/cells.js';
import { sizeForModel, type SizeResult } from '../engine/policy/size.js';
import { EXACT_BUDGET, EXACT_MAX_VMS } from '../engine/policy/size-exact.js';
import { strategyNamed } from '../engine/placement/plan.js';
import { InputError } from '../errors.js';
import { renderSizes } from '../io/output/formatters/size.js';

export default class Size extends HeadroomCommand {
  static summary = 'How many nodes of a model does the inventory really need, with the failover policy?';
  static description =
    'For each node model (an existing node whose hardware and local pools are copied), the fewest such nodes that host every VM the model can host with the policy holding, as [lower bound, best found]; optimal when they meet. Lower bounds from capacity, packing, failover and anti-affinity; the search tries every strategy from the bound upward, then, for small inventories, an exact search decides each node count below the best found.';
  static examples = ['<%= config.bin %> size', '<%= config.bin %> size --node-model node01 --policy n+2', '<%= config.bin %> size --node-model node01 --node-model node04 --json'];
  static flags = {
    scenario: scenarioFlag,
    'node-model': Flags.string({ description: 'A node whose hardware is the model (repeatable). Default: one node of each distinct hardware.', multiple: true }),
    'time-limit': Flags.integer({ description: 'Safety net, in seconds per model: the searches stop early when it passes, and the result says so (timedOut). Budgets are counted in work units.', default: 60, min: 1 }),
    'max-nodes': Flags.integer({ description: 'Never try more nodes than this.', default: 1000, min: 1 }),
    strategy: { ...strategyFlag, description: "Strategy that restarts HA VMs in the failure scenarios (default: the scenario's policy.strategy)." },
    'exact-max-vms': Flags.integer({ description: 'Search exactly for inventories of at most this many VMs (0: never).', default: EXACT_MAX_VMS, min: 0 }),
    'exact-budget': Flags.integer({ description: 'Search nodes the exact search may spend per node count (deterministic, unlike the time limit).', default: EXACT_BUDGET, min: 1 }),
    ...policyFlags,
  };

  async run(): Promise<SizeResult[]> {
    const { flags } = await this.parse(Size);
    const cluster = loadScenario(flags.scenario);
    const policy = policyOptions(flags, cluster.policy.failover);
    if (policy.scenarios === 'domains') throw new InputError({ file: 'command line', field: '--policy', value: 'domains', expected: 'n+1 or n+2: copies of one model share its failure domains' });
    const restartStrategy = strategyNamed(flags.strategy ?? cluster.policy.strategy);
    const known = cluster.nodes.map((n) => n.name);
    for (const name of flags['node-model'] ?? []) {
      if (!known.includes(name)) throw new InputError({ file: 'command line', field: '--node-model', value: name, expected: `a node of the scenario (${known.join(', ')})` });
    }
    const repeated = firstRepeat(flags['node-model'] ?? []);
    if (repeated !== undefined) throw new InputError({ file: 'command line', field: '--node-model', value: repeated, expected: 'each model node once (it is given twice)' });
    const hardware = (name: string) => { const n = cluster.nodes.find((x) => x.name === name)!; return `${n.cpuModel}|${n.cpuThreads}|${n.memGiB}|${n.gpus}`; };
    const models = flags['node-model'] ?? known.filter((name, i) => known.findIndex((other) => hardware(other) === hardware(name)) === i);
    const results = models.map((model) =>
      withProgress(`${model}: exact search nodes`, 0, (progress) =>
        sizeForModel(cluster, model, {
          policy, restartStrategy, expired: timeLimit(flags['time-limit']), maxNodes: flags['max-nodes'],
          exactMaxVms: flags['exact-max-vms'], exactBudget: flags['exact-budget'], onProgress: progress.report,
        }),
      ),
    );
    if (!this.printJson(flags.json, results)) this.log(renderSizes(results, flags['time-limit']));
    return results;
  }
}
