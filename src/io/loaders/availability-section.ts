/**
 * The scenario's `availability:` and `services:` sections (engine/availability/defaults.ts has
 * the defaults and their sources; anything left out keeps its default):
 *
 *   availability:
 *     node: { mtbf: 15000h, mttr: 8h }            # every node
 *     nodes: { node05: { mttr: 24h } }            # one node's own figures
 *     domain: { mtbf: 2y, mttr: 4h }              # every failure domain (rack, power, ...)
 *     domains: { power:ups-a: { mtbf: 5y } }      # one domain, as kind:name
 *     maintenance: { perYear: 12, duration: 30m } # rounds a year, one window per node; perYear 0: none
 *     haRecovery: 2m                              # HA detection and fencing
 *     boot: { default: 1m, database: 3m }         # boot time by VM class
 *   services:
 *     - { name: dns, vms: [dns1, dns2], rule: any }     # any | all | K-of-N (N = the VMs listed)
 *
 * Durations are a number and a unit (s, m, h, d, w, y). Every bad value is an InputError with its
 * line: a duration that is not one (or not positive where it must be), an unknown node, domain,
 * class or VM, a k larger than the service's VM count, a maintenance round longer than its period.
 */
import { isMap, type Node as YamlNode, type YAMLMap } from 'yaml';
import type { AvailabilitySettings, Cluster, Reliability, ServiceSpec } from '../../engine/model/cluster.js';
import { DEFAULT_AVAILABILITY } from '../../engine/availability/defaults.js';
import { MINUTES_PER_YEAR } from '../../engine/availability/model.js';
import { InputError } from '../../errors.js';
import { duration, name, number, type CellParser } from './cells.js';
import type { YamlFile } from './yaml-doc.js';

const positive = duration({ positive: true });
const nonNegative = duration({ positive: false });

export function readAvailability(yaml: YamlFile, node: YamlNode, cluster: Pick<Cluster, 'nodes' | 'classes'>): AvailabilitySettings {
  const map = yaml.mapping(node, 'availability', ['node', 'nodes', 'domain', 'domains', 'maintenance', 'haRecovery', 'boot']);
  const defaults = DEFAULT_AVAILABILITY;
  const nodeFigures = { ...defaults.node, ...reliability(yaml, yaml.child(map, 'node'), 'availability.node') };
  const domainFigures = { ...defaults.domain, ...reliability(yaml, yaml.child(map, 'domain'), 'availability.domain') };
  const domainNames = [...new Set(cluster.nodes.flatMap((n) => Object.entries(n.domains).map(([kind, value]) => `${kind}:${value}`)))].sort();
  return {
    node: nodeFigures,
    nodeOverrides: overrides(yaml, map, 'nodes', cluster.nodes.map((n) => n.name), 'a node of the nodes file'),
    domain: domainFigures,
    domainOverrides: overrides(yaml, map, 'domains', domainNames, `a failure domain as kind:name (${domainNames.join(', ') || 'the nodes file names none'})`),
    maintenance: readMaintenance(yaml, yaml.child(map, 'maintenance'), cluster.nodes.length),
    haRecoveryMinutes: yaml.scalar(map, 'haRecovery', 'availability.haRecovery', nonNegative) ?? defaults.haRecoveryMinutes,
    bootMinutes: readBoot(yaml, yaml.child(map, 'boot'), cluster.classes.map((c) => c.name)),
  };
}

function reliability(yaml: YamlFile, node: YamlNode | undefined, field: string): Partial<Reliability> {
  if (node === undefined) return {};
  const map = yaml.mapping(node, field, ['mtbf', 'mttr']);
  const mtbf = yaml.scalar(map, 'mtbf', `${field}.mtbf`, positive);
  const mttr = yaml.scalar(map, 'mttr', `${field}.mttr`, positive);
  return { ...(mtbf === undefined ? {} : { mtbfMinutes: mtbf }), ...(mttr === undefined ? {} : { mttrMinutes: mttr }) };
}

function overrides(yaml: YamlFile, map: YAMLMap<unknown, unknown>, key: string, known: readonly string[], expected: string): Record<string, Partial<Reliability>> {
  const node = yaml.child(map, key);
  if (node === undefined) return {};
  if (!isMap(node)) throw new InputError({ file: yaml.file, line: yaml.lineOf(node), field: `availability.${key}`, value: String(node), expected: 'a mapping (name: { mtbf: ..., mttr: ... } lines)' });
  const result: Record<string, Partial<Reliability>> = {};
  for (const item of node.items) {
    const itemName = String((item.key as { value?: unknown }).value ?? item.key);
    if (!known.includes(itemName)) throw new InputError({ file: yaml.file, line: yaml.lineOf(item.key as YamlNode), field: `availability.${key}`, value: itemName, expected });
    result[itemName] = reliability(yaml, item.value as YamlNode, `availability.${key}.${itemName}`);
  }
  return result;
}

function readMaintenance(yaml: YamlFile, node: YamlNode | undefined, nodeCount: number): AvailabilitySettings['maintenance'] {
  const defaults = DEFAULT_AVAILABILITY.maintenance;
  if (node === undefined) return defaults;
  const map = yaml.mapping(node, 'availability.maintenance', ['perYear', 'duration']);
  const perYear = yaml.scalar(map, 'perYear', 'availability.maintenance.perYear', number({ integer: true, min: 0, max: 365 })) ?? defaults.perYear;
  const durationMinutes = yaml.scalar(map, 'duration', 'availability.maintenance.duration', positive) ?? defaults.durationMinutes;
  if (perYear > 0 && nodeCount * durationMinutes >= MINUTES_PER_YEAR / perYear) {
    throw new InputError({
      file: yaml.file,
      line: yaml.lineOf(yaml.child(map, 'duration') ?? map),
      field: 'availability.maintenance.duration',
      value: `${durationMinutes} minutes`,
      expected: `less than ${(MINUTES_PER_YEAR / perYear / nodeCount).toFixed(1)} minutes per node: ${nodeCount} nodes one after another must fit in the ${(MINUTES_PER_YEAR / perYear).toFixed(0)} minutes between rounds`,
    });
  }
  return { perYear, durationMinutes };
}

function readBoot(yaml: YamlFile, node: YamlNode | undefined, classes: readonly string[]): AvailabilitySettings['bootMinutes'] {
  const defaults = DEFAULT_AVAILABILITY.bootMinutes;
  if (node === undefined) return defaults;
  const map = yaml.mapping(node, 'availability.boot', ['default', ...classes]);
  const byClass: Record<string, number> = {};
  for (const className of classes) {
    const minutes = yaml.scalar(map, className, `availability.boot.${className}`, nonNegative);
    if (minutes !== undefined) byClass[className] = minutes;
  }
  return { default: yaml.scalar(map, 'default', 'availability.boot.default', nonNegative) ?? defaults.default, byClass };
}

const RULE = /^(\d+)-of-(\d+)$/;

export function readServices(yaml: YamlFile, node: YamlNode, cluster: Pick<Cluster, 'vms'>): ServiceSpec[] {
  const entries = yaml.sequence(node, 'services', 'a list of services (lines starting with "- ")');
  const vmNames = new Set(cluster.vms.map((vm) => vm.name));
  const serviceNames = new Set<string>();
  const services = entries.map((entry, i): ServiceSpec => {
    const field = `services[${i}]`;
    const map = yaml.mapping(entry, field, ['name', 'vms', 'rule']);
    const serviceName = required(yaml, map, 'name', `${field}.name`, name);
    if (serviceNames.has(serviceName)) throw new InputError({ file: yaml.file, line: yaml.lineOf(yaml.child(map, 'name')), field: `${field}.name`, value: serviceName, expected: 'a name no other service has' });
    serviceNames.add(serviceName);
    const vmsNode = yaml.child(map, 'vms');
    if (vmsNode === undefined) throw new InputError({ file: yaml.file, line: yaml.lineOf(entry), field: `${field}.vms`, value: undefined, expected: 'a list of VM names, e.g. [dns1, dns2]' });
    const vms: string[] = [];
    yaml.sequence(vmsNode, `${field}.vms`, 'a list of VM names, e.g. [dns1, dns2]').forEach((item, j) => {
      const vm = yaml.item(item, `${field}.vms[${j}]`, name);
      if (!vmNames.has(vm) || vms.includes(vm)) {
        throw new InputError({ file: yaml.file, line: yaml.lineOf(item), field: `${field}.vms[${j}]`, value: vm, expected: vms.includes(vm) ? `a VM the service does not already list (${vm} is given twice)` : 'the name of a VM in the vms file' });
      }
      vms.push(vm);
    });
    if (vms.length === 0) throw new InputError({ file: yaml.file, line: yaml.lineOf(vmsNode), field: `${field}.vms`, value: [], expected: 'at least one VM' });
    return { name: serviceName, vms, ...readRule(yaml, map, `${field}.rule`, vms.length) };
  });
  const inService = new Set(services.flatMap((s) => s.vms));
  services.forEach((service, i) => {
    // A VM in no service is a service of its own, under the VM's name: a declared service may not take that name.
    if (vmNames.has(service.name) && !inService.has(service.name)) {
      throw new InputError({ file: yaml.file, line: yaml.lineOf(entries[i]), field: `services[${i}].name`, value: service.name, expected: `a name other than that of VM ${service.name}, which is in no service and so a service of its own` });
    }
  });
  return services;
}

function readRule(yaml: YamlFile, map: YAMLMap<unknown, unknown>, field: string, count: number): Pick<ServiceSpec, 'rule' | 'k'> {
  const raw = yaml.scalar(map, 'rule', field, (text) => ({ ok: true, value: text })) ?? 'all';
  const line = yaml.lineOf(yaml.child(map, 'rule'));
  if (raw === 'all') return { rule: 'all', k: count };
  if (raw === 'any') return { rule: 'any', k: 1 };
  const match = RULE.exec(raw);
  if (match === null) throw new InputError({ file: yaml.file, line, field, value: raw, expected: `any, all, or K-of-${count} (K of the ${count} VMs listed up)` });
  const [k, n] = [Number(match[1]), Number(match[2])];
  if (n !== count) throw new InputError({ file: yaml.file, line, field, value: raw, expected: `K-of-${count}: the service lists ${count} VMs` });
  if (k < 1 || k > n) throw new InputError({ file: yaml.file, line, field, value: raw, expected: `a k from 1 to ${count}, the service's VM count` });
  return { rule: 'k-of-n', k };
}

function required<T>(yaml: YamlFile, map: YAMLMap<unknown, unknown>, key: string, field: string, parse: CellParser<T>): T {
  const value = yaml.scalar(map, key, field, parse);
  if (value === undefined) throw new InputError({ file: yaml.file, line: yaml.lineOf(map), field, value: undefined, expected: 'a value' });
  return value;
}
