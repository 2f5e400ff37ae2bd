/**
 * Loads a scenario: the YAML file that names the CSV inputs and states the policy, then the
 * CSVs, into one checked Cluster. Paths in the YAML are relative to the YAML file.
 */
import { dirname, resolve } from 'node:path';
import type { Cluster, Policy, Resource } from '../../engine/model/cluster.js';
import { STRATEGY_NAMES } from '../../engine/placement/strategies/index.js';
import { InputError } from '../../errors.js';
import { number, oneOf, text } from './cells.js';
import { loadCluster, type InputFiles } from './cluster-files.js';
import { readTextFile } from './csv-table.js';
import { YamlFile } from './yaml-doc.js';
import { isMap, type Node as YamlNode } from 'yaml';

export const FAILOVER_POLICIES = ['n+1', 'n+2', 'domains'] as const;

const DEFAULT_POLICY: Policy = {
  threshold: { cpu: 0.85, memGiB: 0.85, diskGiB: 0.85, gpus: 1 },
  cpuOvercommit: 4,
  memOvercommit: 1,
  strategy: 'balanced',
  failover: 'n+1',
};

export function loadScenario(file: string): Cluster {
  const yaml = new YamlFile(file, readTextFile(file, 'scenario'));
  const top = yaml.mapping(yaml.root, 'scenario', ['name', 'description', 'inputs', 'policy']);
  const inputsMap = yaml.mapping(yaml.child(top, 'inputs'), 'inputs', ['nodes', 'storage', 'classes', 'vms']);
  const base = dirname(file);
  const inputPath = (key: keyof InputFiles): string => {
    const value = yaml.scalar(inputsMap, key, `inputs.${key}`, text);
    if (value === undefined) throw new InputError({ file, line: yaml.lineOf(inputsMap), field: `inputs.${key}`, value: undefined, expected: 'the path of a CSV file' });
    return resolve(base, value);
  };
  const inputs: InputFiles = { nodes: inputPath('nodes'), storage: inputPath('storage'), classes: inputPath('classes'), vms: inputPath('vms') };
  const name = yaml.scalar(top, 'name', 'name', text) ?? 'scenario';
  return loadCluster(name, inputs, readPolicy(yaml, yaml.child(top, 'policy')));
}

function readPolicy(yaml: YamlFile, node: YamlNode | undefined): Policy {
  if (node === undefined) return DEFAULT_POLICY;
  const map = yaml.mapping(node, 'policy', ['threshold', 'cpuOvercommit', 'memOvercommit', 'strategy', 'failover']);
  const fraction = number({ minExclusive: 0 });
  const thresholdNode = yaml.child(map, 'threshold');
  let threshold = DEFAULT_POLICY.threshold;
  if (thresholdNode !== undefined) {
    if (!isMap(thresholdNode)) {
      const value = yaml.scalar(map, 'threshold', 'policy.threshold', fraction)!;
      threshold = { cpu: value, memGiB: value, diskGiB: value, gpus: DEFAULT_POLICY.threshold.gpus };
    } else {
      const perResource = yaml.mapping(thresholdNode, 'policy.threshold', ['cpu', 'memGiB', 'diskGiB', 'gpus']);
      const read = (resource: Resource): number => yaml.scalar(perResource, resource, `policy.threshold.${resource}`, fraction) ?? DEFAULT_POLICY.threshold[resource];
      threshold = { cpu: read('cpu'), memGiB: read('memGiB'), diskGiB: read('diskGiB'), gpus: read('gpus') };
    }
  }
  return {
    threshold,
    cpuOvercommit: yaml.scalar(map, 'cpuOvercommit', 'policy.cpuOvercommit', number({ minExclusive: 0 })) ?? DEFAULT_POLICY.cpuOvercommit,
    memOvercommit: yaml.scalar(map, 'memOvercommit', 'policy.memOvercommit', number({ min: 1 })) ?? DEFAULT_POLICY.memOvercommit,
    strategy: yaml.scalar(map, 'strategy', 'policy.strategy', oneOf(STRATEGY_NAMES)) ?? DEFAULT_POLICY.strategy,
    failover: yaml.scalar(map, 'failover', 'policy.failover', oneOf(FAILOVER_POLICIES)) ?? DEFAULT_POLICY.failover,
  };
}
