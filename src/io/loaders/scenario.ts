/**
 * Loads a scenario: the YAML file that names the CSV inputs and states the policy (and, in an
 * optional `ha:` section, the Proxmox CRS mode and HA rules: ha-section.ts), then the CSVs, into
 * one checked Cluster. Paths in the YAML are relative to the YAML file.
 *
 * `ha.crs` and `policy.strategy`: a scenario that states a CRS mode but no strategy gets the
 * matching Proxmox strategy (`crs: static` → `pve-static`); one that states neither gets
 * `balanced`; a Proxmox strategy of the other mode contradicts the CRS mode and is an error.
 */
import { dirname, resolve } from 'node:path';
import { RESOURCES, type Cluster, type CrsMode, type Policy, type QDevice, type Resource } from '../../engine/model/cluster.js';
import { ALL_STRATEGY_NAMES } from '../../engine/placement/strategies/index.js';
import { InputError } from '../../errors.js';
import { boolean, fraction, number, oneOf, text } from './cells.js';
import { loadCluster, type InputFiles } from './cluster-files.js';
import { readTextFile } from './csv-table.js';
import { readCrs, readHaMapping, readHaSection } from './ha-section.js';
import { YamlFile } from './yaml-doc.js';
import { isMap, type Node as YamlNode, type YAMLMap } from 'yaml';

export const FAILOVER_POLICIES = ['n+1', 'n+2', 'domains'] as const;

export const DEFAULT_POLICY: Policy = {
  threshold: { cpu: 0.85, memGiB: 0.85, diskGiB: 0.85, gpus: 1 },
  cpuOvercommit: 4,
  memOvercommit: 1,
  strategy: 'balanced',
  failover: 'n+1',
};

export function loadScenario(file: string): Cluster {
  const yaml = new YamlFile(file, readTextFile(file, 'scenario'));
  const top = yaml.mapping(yaml.root, 'scenario', ['name', 'description', 'inputs', 'policy', 'ha', 'qdevice']);
  const inputsMap = yaml.mapping(yaml.child(top, 'inputs'), 'inputs', ['nodes', 'storage', 'classes', 'vms', 'history']);
  const base = dirname(file);
  const inputPath = (key: keyof InputFiles): string => {
    const value = yaml.scalar(inputsMap, key, `inputs.${key}`, text);
    if (value === undefined) throw new InputError({ file, line: yaml.lineOf(inputsMap), field: `inputs.${key}`, value: undefined, expected: 'the path of a CSV file' });
    return resolve(base, value);
  };
  const inputs: InputFiles = { nodes: inputPath('nodes'), storage: inputPath('storage'), classes: inputPath('classes'), vms: inputPath('vms') };
  const name = yaml.scalar(top, 'name', 'name', text) ?? 'scenario';
  const haNode = yaml.child(top, 'ha');
  const ha = haNode === undefined ? undefined : readHaMapping(yaml, haNode);
  const loaded = loadCluster(name, inputs, readPolicy(yaml, yaml.child(top, 'policy'), readCrs(yaml, ha)));
  const qdevice = readQDevice(yaml, top, loaded.nodes.length);
  const cluster = qdevice === null ? loaded : { ...loaded, qdevice };
  return ha === undefined ? cluster : { ...cluster, ha: readHaSection(yaml, ha, cluster) };
}

/** The folder `inputs.history` names (relative to the scenario), or null: where `forecast` reads utilisation history. */
export function scenarioHistoryDir(file: string): string | null {
  const yaml = new YamlFile(file, readTextFile(file, 'scenario'));
  const inputs = yaml.child(yaml.mapping(yaml.root, 'scenario', ['name', 'description', 'inputs', 'policy', 'ha', 'qdevice']), 'inputs');
  const value = inputs === undefined ? undefined : yaml.scalar(yaml.mapping(inputs, 'inputs', ['nodes', 'storage', 'classes', 'vms', 'history']), 'history', 'inputs.history', text);
  return value === undefined ? null : resolve(dirname(file), value);
}

/** `qdevice: true` (one vote, corosync's ffsplit) or `qdevice: { votes: N }`; absent or false: none. */
function readQDevice(yaml: YamlFile, top: YAMLMap<unknown, unknown>, nodeCount: number): QDevice | null {
  const node = yaml.child(top, 'qdevice');
  if (node === undefined) return null;
  if (!isMap(node)) return yaml.scalar(top, 'qdevice', 'qdevice', boolean) === true ? { votes: 1 } : null;
  const map = yaml.mapping(node, 'qdevice', ['votes']);
  const votes = yaml.scalar(map, 'votes', 'qdevice.votes', number({ integer: true, min: 1 })) ?? 1;
  if (votes > Math.max(1, nodeCount - 1)) {
    throw new InputError({ file: yaml.file, line: yaml.lineOf(yaml.child(map, 'votes')), field: 'qdevice.votes', value: votes, expected: `at most ${Math.max(1, nodeCount - 1)} (corosync's lms mode gives node count - 1)` });
  }
  return { votes };
}

function readPolicy(yaml: YamlFile, node: YamlNode | undefined, crs: CrsMode | null): Policy {
  const crsStrategy = crs === null ? DEFAULT_POLICY.strategy : `pve-${crs}`;
  if (node === undefined) return { ...DEFAULT_POLICY, strategy: crsStrategy };
  const map = yaml.mapping(node, 'policy', ['threshold', 'cpuOvercommit', 'memOvercommit', 'strategy', 'failover']);
  return {
    threshold: readThreshold(yaml, map, DEFAULT_POLICY.threshold),
    cpuOvercommit: yaml.scalar(map, 'cpuOvercommit', 'policy.cpuOvercommit', number({ minExclusive: 0 })) ?? DEFAULT_POLICY.cpuOvercommit,
    memOvercommit: yaml.scalar(map, 'memOvercommit', 'policy.memOvercommit', number({ min: 1 })) ?? DEFAULT_POLICY.memOvercommit,
    strategy: readStrategy(yaml, map, crs) ?? crsStrategy,
    failover: yaml.scalar(map, 'failover', 'policy.failover', oneOf(FAILOVER_POLICIES)) ?? DEFAULT_POLICY.failover,
  };
}

/**
 * `threshold: 0.8` sets CPU, memory and disk (GPUs keep `base`: a GPU is used whole);
 * `threshold: { cpu: 0.9, memGiB: 0.8 }` sets the resources it names, the others keep `base`.
 * A threshold is a fraction of capacity, in (0, 1]: 1.5 would alert only past 150%, once
 * the node is already over its capacity.
 */
export function readThreshold(yaml: YamlFile, policy: YAMLMap<unknown, unknown>, base: Policy['threshold']): Policy['threshold'] {
  const node = yaml.child(policy, 'threshold');
  if (node === undefined) return base;
  if (!isMap(node)) {
    const value = yaml.scalar(policy, 'threshold', 'policy.threshold', fraction)!;
    return { ...base, cpu: value, memGiB: value, diskGiB: value };
  }
  const perResource = yaml.mapping(node, 'policy.threshold', RESOURCES);
  const read = (resource: Resource): number => yaml.scalar(perResource, resource, `policy.threshold.${resource}`, fraction) ?? base[resource];
  return { cpu: read('cpu'), memGiB: read('memGiB'), diskGiB: read('diskGiB'), gpus: read('gpus') };
}

function readStrategy(yaml: YamlFile, map: YAMLMap<unknown, unknown>, crs: CrsMode | null): string | undefined {
  const strategy = yaml.scalar(map, 'strategy', 'policy.strategy', oneOf(ALL_STRATEGY_NAMES));
  const other = crs === 'basic' ? 'pve-static' : crs === 'static' ? 'pve-basic' : null;
  if (strategy !== undefined && strategy === other) {
    throw new InputError({ file: yaml.file, line: yaml.lineOf(yaml.child(map, 'strategy')), field: 'policy.strategy', value: strategy, expected: `a strategy other than ${other}: ha.crs is ${crs}` });
  }
  return strategy;
}
