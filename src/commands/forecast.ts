import { Flags } from '@oclif/core';
import { HeadroomCommand } from '../io/cli/base-command.js';
import { parseDuration } from '../io/cli/duration.js';
import { scenarioFlag, strategyFlag } from '../io/cli/flags.js';
import { historyFlags, loadHistory } from '../io/cli/history-flags.js';
import { policyFlags, policyOptions } from '../io/cli/policy-flags.js';
import { loadScenario } from '../io/loaders/scenario.js';
import { capacityForecast, dayAheadTasks, dueWithin, type CapacityForecast } from '../engine/report/capacity-forecast.js';
import { dayAheadForecasts } from '../workers/forecast-runner.js';
import { threadCount, threadsFlag } from '../io/cli/threads.js';
import { renderForecast } from '../io/output/formatters/forecast.js';
import { withProgress } from '../io/cli/progress.js';
import { InputError } from '../errors.js';

const DAY = 86_400;

export default class Forecast extends HeadroomCommand {
  static summary = 'From utilisation history: when each node and resource crosses the threshold, and the date N+1 is lost. Exit 1 with --fail-within when either falls inside it.';
  static description =
    'Forecasts the sustained daily peak of every node and resource (and of the cluster) over the horizon with calibrated 80%/95% intervals, and gives the date the threshold is crossed (earliest, likely, latest). Grows every VM by its own forecast and judges the failover policy at every day: the first day it breaks, which failure and VM, and how many nodes like an existing one keep it to the horizon. History from --history DIR, --prometheus URL or the scenario\'s inputs.history.';
  static examples = ['<%= config.bin %> forecast', '<%= config.bin %> forecast --horizon 365d --json', '<%= config.bin %> forecast --fail-within 30d', '<%= config.bin %> forecast --prometheus http://127.0.0.1:9090 --lookback 30d'];
  static flags = {
    scenario: scenarioFlag,
    strategy: strategyFlag,
    ...historyFlags,
    horizon: Flags.string({ description: 'How far ahead, in whole days (e.g. 180d, 26w).', default: '180d' }),
    threshold: Flags.string({ description: 'One threshold for every resource, a fraction in (0, 1]. Default: the scenario\'s policy.threshold.' }),
    threads: threadsFlag,
    'fail-within': Flags.string({ description: 'Exit 1 when an earliest crossing or the N+1 loss falls within this duration (e.g. 30d): the gate a timer runs.' }),
    ...policyFlags,
  };

  async run(): Promise<CapacityForecast> {
    const { flags } = await this.parse(Forecast);
    const cluster = loadScenario(flags.scenario);
    const horizonDays = wholeDays(flags.horizon, '--horizon');
    const failWithin = flags['fail-within'] === undefined ? null : wholeDays(flags['fail-within'], '--fail-within');
    const threshold = flags.threshold === undefined ? null : fraction(flags.threshold);
    const history = await loadHistory(flags, cluster);
    const options = { horizonDays, threshold, strategy: flags.strategy ?? cluster.policy.strategy, policy: policyOptions(flags, cluster.policy.failover) };
    const dayAhead = await dayAheadForecasts(dayAheadTasks(cluster, history), threadCount(flags.threads));
    const result = withProgress('series forecast', 0, (progress) => capacityForecast(cluster, history, { ...options, dayAhead, onProgress: progress.report }));
    if (!this.printJson(flags.json, result)) this.log(renderForecast(result));
    if (failWithin !== null) {
      const due = dueWithin(result, failWithin);
      if (due.crossings.length > 0 || due.nPlusOneLoss) this.failGate();
    }
    return result;
  }
}

function wholeDays(text: string, flag: string): number {
  const seconds = parseDuration(text, flag);
  if (seconds % DAY !== 0) throw new InputError({ file: 'command line', field: flag, value: text, expected: 'whole days (d or w), e.g. 30d, 26w' });
  return seconds / DAY;
}

function fraction(text: string): number {
  const value = Number(text);
  if (!(value > 0 && value <= 1)) throw new InputError({ file: 'command line', field: '--threshold', value: text, expected: 'a fraction in (0, 1], e.g. 0.85' });
  return value;
}
