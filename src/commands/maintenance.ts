import { Flags } from '@oclif/core';
import { HeadroomCommand } from '../io/cli/base-command.js';
import { scenarioFlag, strategyFlag } from '../io/cli/flags.js';
import { choiceFlag, wholeNumberFlag } from '../io/cli/operation-flags.js';
import { loadScenario } from '../io/loaders/scenario.js';
import { planMaintenance, type MaintenancePlan } from '../engine/operations/maintenance.js';
import { KEEP_POLICIES } from '../engine/operations/wave.js';
import { ansibleInventory } from '../io/output/ansible-inventory.js';
import { renderMaintenance } from '../io/output/formatters/maintenance.js';

const FORMATS = ['text', 'json', 'ansible'] as const;

export default class Maintenance extends HeadroomCommand {
  static summary = 'Rolling maintenance: which nodes go down together, where their VMs go and in what order, with the guarantee kept at every step. Exit 1 when no plan keeps it.';
  static description =
    'Plans waves of at most --max-parallel nodes, fewest waves first, then fewest GiB moved. Each wave empties its nodes one migration at a time, every state in between within capacity and rules (a parking move when a direct one is blocked): live for shared storage, offline copy of a local disk, shutdown for a passthrough GPU. While a wave is down, --keep n+1 asks that no HA VM stops, quorum holds and every HA VM survives one more node failure; --keep none asks for capacity and rules only. Duration: memory (or disk) over the slower link, plus --reboot-seconds, plus the guests returning. When a wave breaks the guarantee, its blockers say which VMs or rules and what would unblock them.';
  static examples = [
    '<%= config.bin %> maintenance',
    '<%= config.bin %> maintenance --max-parallel 2 --keep none',
    '<%= config.bin %> maintenance --format ansible > waves.yml',
  ];
  static flags = {
    scenario: scenarioFlag,
    strategy: strategyFlag,
    'max-parallel': Flags.string({ description: 'Most nodes down at once in a wave (a whole number >= 1).', default: '1' }),
    keep: Flags.string({ description: 'The guarantee while a wave is down: n+1 (every HA VM survives one more failure, quorum kept) or none (capacity and rules only).', default: 'n+1' }),
    'reboot-seconds': Flags.string({ description: 'Time a node takes to patch, reboot and rejoin, in seconds.', default: '300' }),
    format: Flags.string({ description: 'text, json, or ansible (an inventory of wave groups for a serial play).', default: 'text' }),
  };

  async run(): Promise<MaintenancePlan> {
    const { flags } = await this.parse(Maintenance);
    const maxParallel = wholeNumberFlag('--max-parallel', flags['max-parallel'], 1);
    const keep = choiceFlag('--keep', flags.keep, KEEP_POLICIES);
    const rebootSeconds = wholeNumberFlag('--reboot-seconds', flags['reboot-seconds'], 0, 86_400);
    const format = flags.json ? 'json' : choiceFlag('--format', flags.format, FORMATS);
    const cluster = loadScenario(flags.scenario);
    const plan = planMaintenance(cluster, flags.strategy ?? cluster.policy.strategy, { maxParallel, keep, rebootSeconds });
    if (format === 'json') this.printJson(true, plan);
    else this.log(format === 'ansible' ? ansibleInventory(plan).trimEnd() : renderMaintenance(plan));
    if (!plan.holds) this.failGate();
    return plan;
  }
}
