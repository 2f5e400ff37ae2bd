/**
 * An imported cluster as scenario files, in the layout of `scenarios/lab.yaml` + `data/lab/`, all
 * in one folder: `<cluster>.yaml` naming `nodes.csv`, `storage.csv`, `classes.csv` and `vms.csv`
 * beside it. Every value the loader reads back is written, so `loadScenario` of the files gives
 * the imported Cluster again (a test holds it to that). The YAML opens with every assumption as a
 * comment, worded by explain.ts. Pure: the caller writes the files (atomically).
 */
import { stringify } from 'csv-stringify/sync';
import { Document } from 'yaml';
import type { Cluster } from '../../../engine/model/cluster.js';
import type { HaRule } from '../../../engine/proxmox/types.js';
import { importNoteText } from '../../../engine/report/explain.js';
import { CLASS_COLUMNS, NODE_COLUMNS, STORAGE_COLUMNS } from '../../loaders/tables.js';
import { ruleFailbackOff } from './ha.js';
import type { ProxmoxImport } from './map-dump.js';

export interface ScenarioFile {
  name: string;
  content: string;
}

export function scenarioFileName(cluster: Pick<Cluster, 'name'>): string {
  return `${cluster.name}.yaml`;
}

export function scenarioFiles(result: ProxmoxImport): ScenarioFile[] {
  const { cluster } = result;
  return [
    { name: scenarioFileName(cluster), content: scenarioYaml(result) },
    { name: 'nodes.csv', content: csv(Object.keys(NODE_COLUMNS), cluster.nodes.map((node) => ({ ...node, netGbps: node.netGbps === 0 ? '' : node.netGbps, rack: node.domains['rack'], power: node.domains['power'], tags: node.tags.join(';') }))) },
    {
      name: 'storage.csv',
      content: csv(
        Object.keys(STORAGE_COLUMNS),
        cluster.pools.flatMap((pool): Record<string, unknown>[] =>
          pool.kind === 'local'
            ? Object.entries(pool.capacityGiBByNode).map(([node, capacityGiB]) => ({ pool: pool.name, kind: 'local', media: pool.media, node, capacityGiB }))
            : [{ pool: pool.name, kind: 'shared', media: pool.media, capacityGiB: pool.capacityGiB, servedBy: pool.servedBy ?? '', reachableFrom: sameList(pool.reachableFrom, cluster.nodes.map((node) => node.name)) ? '*' : pool.reachableFrom.join(';') }],
        ),
      ),
    },
    {
      name: 'classes.csv',
      content: csv(Object.keys(CLASS_COLUMNS), cluster.classes.map((vmClass) => ({ ...vmClass, affinity: vmClass.affinity?.nodes.join(';') ?? '', affinityMode: vmClass.affinity === null ? '' : vmClass.affinity.strict ? 'strict' : 'preferred' }))),
    },
    { name: 'vms.csv', content: csv(['name', 'class', 'node'], cluster.vms.map((vm) => ({ name: vm.name, class: vm.className, node: vm.currentNode ?? '' }))) },
  ];
}

function scenarioYaml(result: ProxmoxImport): string {
  const { cluster } = result;
  const { threshold, cpuOvercommit, memOvercommit, failover } = cluster.policy;
  const ha = cluster.ha!;
  const document = new Document({
    name: cluster.name,
    description: `Proxmox VE cluster ${cluster.name}, imported`,
    inputs: { nodes: 'nodes.csv', storage: 'storage.csv', classes: 'classes.csv', vms: 'vms.csv' },
    // No strategy: the loader takes the one matching ha.crs, as this cluster's HA manager places.
    policy: { threshold: { ...threshold }, cpuOvercommit, memOvercommit, failover },
    ha: { crs: ha.crs, rules: ha.rules.map((rule) => ruleEntry(rule, ruleFailbackOff(ha, rule))) },
    ...(cluster.qdevice === undefined ? {} : { qdevice: { votes: cluster.qdevice.votes } }),
  });
  document.commentBefore = [
    ` Imported from a Proxmox VE cluster by \`headroom import proxmox\` (README: "Importing a Proxmox VE cluster").`,
    ' Assumptions:',
    ...result.notes.map((note) => ` - ${importNoteText(note)}`),
  ].join('\n');
  return document.toString({ lineWidth: 0 });
}

function ruleEntry(rule: HaRule, failbackOff: boolean): Record<string, unknown> {
  const common = { id: rule.id, type: rule.type, resources: rule.resources, ...(rule.disabled ? { disable: true } : {}) };
  if (rule.type === 'resource-affinity') return { ...common, affinity: rule.affinity };
  return { ...common, strict: rule.strict, nodes: rule.nodes.map((entry) => (entry.priority === 0 ? entry.node : `${entry.node}:${entry.priority}`)), ...(failbackOff ? { failback: false } : {}) };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

function csv(columns: string[], rows: ReadonlyArray<Record<string, unknown>>): string {
  return stringify(rows as Record<string, unknown>[], { header: true, columns, cast: { boolean: (value) => String(value) } });
}
