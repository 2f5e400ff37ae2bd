/**
 * Where `forecast` reads utilisation history: `--prometheus URL` (with its lookback, step and
 * credentials, read from files and never printed), else `--history DIR`, else the folder the
 * scenario names in `inputs.history`. Neither: bad input (exit 2).
 */
import { Flags } from '@oclif/core';
import type { Cluster } from '../../engine/model/cluster.js';
import type { History } from '../../engine/model/history.js';
import { InputError } from '../../errors.js';
import { loadHistoryDirectory } from '../history/directory.js';
import { readPrometheusHistory } from '../history/prometheus.js';
import { scenarioHistoryDir } from '../loaders/scenario.js';
import { parseDuration } from './duration.js';

export const historyFlags = {
  history: Flags.string({ description: 'A folder of history CSV files (long or wide; README "History inputs"). Default: the scenario\'s inputs.history.' }),
  prometheus: Flags.string({ description: 'Read the history from this Prometheus (prometheus-pve-exporter metrics), e.g. http://127.0.0.1:9090.' }),
  lookback: Flags.string({ description: 'With --prometheus: how far back to read.', default: '30d' }),
  step: Flags.string({ description: 'With --prometheus: the step of the series.', default: '5m' }),
  'bearer-token-file': Flags.string({ description: 'With --prometheus: a file holding a bearer token.' }),
  'basic-auth-file': Flags.string({ description: 'With --prometheus: a file holding user:password.' }),
};

interface HistoryFlagValues {
  scenario: string;
  history?: string;
  prometheus?: string;
  lookback: string;
  step: string;
  'bearer-token-file'?: string;
  'basic-auth-file'?: string;
}

/** The history when one is named (a flag or the scenario's inputs.history), else null: `report` runs without. */
export async function loadHistoryIfNamed(flags: HistoryFlagValues, cluster: Cluster): Promise<History | null> {
  const named = flags.prometheus !== undefined || flags.history !== undefined || scenarioHistoryDir(flags.scenario) !== null;
  return named ? loadHistory(flags, cluster) : null;
}

export async function loadHistory(flags: HistoryFlagValues, cluster: Cluster): Promise<History> {
  if (flags.prometheus !== undefined) {
    const bearer = flags['bearer-token-file'];
    const basic = flags['basic-auth-file'];
    if (bearer !== undefined && basic !== undefined) throw new InputError({ file: 'command line', field: '--basic-auth-file', value: basic, expected: 'one of --bearer-token-file and --basic-auth-file, not both' });
    const auth = bearer !== undefined ? { bearerTokenFile: bearer } : basic !== undefined ? { basicAuthFile: basic } : undefined;
    return readPrometheusHistory(cluster, { url: flags.prometheus, lookbackSeconds: parseDuration(flags.lookback, '--lookback'), stepSeconds: parseDuration(flags.step, '--step'), ...(auth === undefined ? {} : { auth }) });
  }
  const dir = flags.history ?? scenarioHistoryDir(flags.scenario);
  if (dir === null) throw new InputError({ file: flags.scenario, field: 'inputs.history', value: undefined, expected: 'a history folder: --history DIR, --prometheus URL, or inputs.history in the scenario' });
  return loadHistoryDirectory(dir, cluster);
}
