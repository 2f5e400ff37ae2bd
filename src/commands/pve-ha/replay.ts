import { Args } from '@oclif/core';
import { InputError } from '../../errors.js';
import type { HaDecision } from '../../engine/ha-sim/model.js';
import { replayScenario } from '../../engine/ha-sim/simulate.js';
import { HeadroomCommand } from '../../io/cli/base-command.js';
import { formatDecisions } from '../../io/proxmox/pve-ha-test/format.js';
import { loadHaTest } from '../../io/proxmox/pve-ha-test/load.js';
import { replayRefusal } from '../../io/proxmox/pve-ha-test/refusal.js';

export interface PveHaReplayResult {
  test: string;
  /** Simulated end of the run, in seconds. */
  endTime: number;
  decisions: HaDecision[];
}

export default class PveHaReplay extends HeadroomCommand {
  static summary = 'Replay a Proxmox HA test folder: every recovery, migration and relocation the HA manager decides, in order.';
  static description =
    'Replay a Proxmox VE HA regression-test folder (hardware_status, service_config, cmdlist, rules, ...) ' +
    'through a faithful simulation of the HA manager and print its placement decisions: every recovery ' +
    'of a fenced node\'s services, and every migration, relocation, rebalance-on-start or auto-rebalance move it chose.';

  static examples = [
    '<%= config.bin %> pve-ha replay ../shared/bench/pve-ha/test-basic1',
    '<%= config.bin %> pve-ha replay ../shared/bench/pve-ha/test-crs-static2 --json',
  ];

  static args = {
    dir: Args.string({ description: 'Test folder in the pve-ha-manager src/test format', required: true }),
  };

  async run(): Promise<PveHaReplayResult> {
    const { args, flags } = await this.parse(PveHaReplay);
    const scenario = loadHaTest(args.dir);
    const replay = replayScenario(scenario);
    if (replay.status !== 'ok') throw new InputError(replayRefusal(replay, args.dir));
    const result: PveHaReplayResult = { test: scenario.name, endTime: replay.endTime, decisions: replay.decisions };
    if (!this.printJson(flags.json, result)) process.stdout.write(formatDecisions(result.decisions));
    return result;
  }
}
