/**
 * Reads one pve-ha-manager regression-test folder (`src/test/test-*` upstream) into an
 * HaScenario. Formats and defaults as docs/pve-ha-recovery.md §11 gives them: a service without
 * `state` is `disabled`, `enabled` means `started`, failback defaults on, max_restart and
 * max_relocate default to 1. Bad input throws one InputError listing every issue found.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { InputError, IssueCollector } from '../../../errors.js';
import { AUTO_REBALANCE_DEFAULTS, type AutoRebalanceOptions, REBALANCE_METHODS } from '../../../engine/proxmox/auto-rebalance.js';
import { parseCommand } from './cmdlist.js';
import type { SimCommand } from '../../../engine/ha-sim/sim-command.js';
import type { DatacenterHa, DynamicServiceStats, HaScenario, InitialManagerStatus, NodeHardware, StaticServiceStats } from '../../../engine/ha-sim/model.js';
import type { ConfiguredState, HaGroup, HaRule, NodePriority, ServiceConfig } from '../../../engine/proxmox/types.js';
import type { CrmServiceState, ServiceStatus } from '../../../engine/proxmox/service-status.js';
import { lineOfKey, readJsonFile } from './json-file.js';
import { parseSectionConfig } from '../section-config.js';

type Json = Record<string, unknown>;

const CONFIGURED_STATES = ['started', 'stopped', 'disabled', 'ignored'];
const CRM_STATES: readonly CrmServiceState[] = [
  'stopped', 'request_stop', 'request_start', 'request_start_balance', 'started', 'fence', 'recovery', 'migrate', 'relocate', 'freeze', 'error',
];
const SID_PATTERN = /^(vm|ct|fa):\d+$/;

export function loadHaTest(dir: string): HaScenario {
  const issues = new IssueCollector();
  const file = (name: string) => join(dir, name);
  const optionalJson = (name: string): unknown => (existsSync(file(name)) ? readJsonFile(file(name), name) : undefined);
  const optionalText = (name: string): string => (existsSync(file(name)) ? readFileSync(file(name), 'utf8') : '');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError({ file: dir, field: '(folder)', value: dir, expected: 'an existing test folder' });

  const nodes = readNodes(requiredJson(dir, 'hardware_status'), issues);
  const nodeNames = new Set(nodes.map((node) => node.name));
  const services = readServices(requiredJson(dir, 'service_config'), nodeNames, issues);
  const cmdlist = readCmdlist(requiredJson(dir, 'cmdlist'), nodeNames, issues);
  const knownSids = new Set([
    ...services.map((service) => service.sid),
    ...cmdlist.flat().flatMap((command) => (command.kind === 'service' && command.action === 'add' ? [command.sid] : [])),
  ]);
  const rules = existsSync(file('rules_config')) ? readRules(readFileSync(file('rules_config'), 'utf8'), nodeNames, knownSids, issues) : [];
  const groups = existsSync(file('groups')) ? readGroups(readFileSync(file('groups'), 'utf8'), nodeNames, issues) : [];
  const scenario: HaScenario = {
    name: basename(dir),
    nodes,
    services,
    rules,
    groups,
    datacenter: readDatacenter(optionalJson('datacenter.cfg'), optionalText('datacenter.cfg'), issues),
    staticStats: readStats(optionalJson('static_service_stats'), 'static_service_stats', ['maxcpu', 'maxmem'], issues, (v) => ({ maxCpu: v[0]!, maxMemBytes: v[1]! }) satisfies StaticServiceStats),
    dynamicStats: readStats(optionalJson('dynamic_service_stats'), 'dynamic_service_stats', ['cpu', 'mem'], issues, (v) => ({ cpu: v[0]!, memBytes: v[1]! }) satisfies DynamicServiceStats),
    managerStatus: readManagerStatus(optionalJson('manager_status') ?? {}, issues),
    runningAtStart: readRunning(dir, nodes, issues),
    cmdlist,
    unsupported: existsSync(file('fence.cfg')) ? ['hardware fencing (fence.cfg)'] : [],
  };
  issues.throwIfAny();
  return scenario;
}

function requiredJson(dir: string, name: string): unknown {
  const path = join(dir, name);
  if (!existsSync(path)) throw new InputError({ file: name, field: '(file)', value: undefined, expected: `the file ${name} in ${dir}` });
  return readJsonFile(path, name);
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readNodes(raw: unknown, issues: IssueCollector): NodeHardware[] {
  if (!isObject(raw) || Object.keys(raw).length === 0) {
    issues.add({ file: 'hardware_status', field: '(document)', value: raw, expected: 'an object of nodes, e.g. {"node1": {"power": "off", "network": "off"}}' });
    return [];
  }
  return Object.entries(raw).flatMap(([name, entry]) => {
    if (!isObject(entry)) {
      issues.add({ file: 'hardware_status', field: name, value: entry, expected: 'an object with power and network' });
      return [];
    }
    const onOff = (key: string): 'on' | 'off' => {
      const value = entry[key] ?? 'off';
      if (value === 'on' || value === 'off') return value;
      issues.add({ file: 'hardware_status', field: `${name}.${key}`, value, expected: "'on' or 'off'" });
      return 'off';
    };
    const node: NodeHardware = { name, power: onOff('power'), network: onOff('network') };
    const maxCpu = positiveNumber(entry.maxcpu, 'hardware_status', `${name}.maxcpu`, issues);
    const maxMem = positiveNumber(entry.maxmem, 'hardware_status', `${name}.maxmem`, issues);
    if (maxCpu !== undefined) node.maxCpu = maxCpu;
    if (maxMem !== undefined) node.maxMemBytes = maxMem;
    const version = entry['pve-manager-version'];
    if (typeof version === 'string') node.pveManagerVersion = version;
    else if (version !== undefined) issues.add({ file: 'hardware_status', field: `${name}.pve-manager-version`, value: version, expected: "a version string like '9.0.0'" });
    return [node];
  });
}

function positiveNumber(value: unknown, file: string, field: string, issues: IssueCollector): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  issues.add({ file, field, value, expected: 'a number >= 0' });
  return undefined;
}

function readServices(raw: unknown, nodes: ReadonlySet<string>, issues: IssueCollector): ServiceConfig[] {
  if (!isObject(raw)) {
    issues.add({ file: 'service_config', field: '(document)', value: raw, expected: 'an object of services, e.g. {"vm:101": {"node": "node1"}}' });
    return [];
  }
  return Object.entries(raw).flatMap(([sid, entry]) => {
    if (!SID_PATTERN.test(sid) || !isObject(entry)) {
      issues.add({ file: 'service_config', field: sid, value: entry, expected: 'a sid like vm:101, ct:102 or fa:1501 with an object value' });
      return [];
    }
    const node = entry.node;
    if (typeof node !== 'string' || !nodes.has(node)) {
      issues.add({ file: 'service_config', field: `${sid}.node`, value: node, expected: 'a node of hardware_status' });
      return [];
    }
    const rawState = entry.state === undefined ? 'disabled' : entry.state === 'enabled' ? 'started' : entry.state;
    if (typeof rawState !== 'string' || !CONFIGURED_STATES.includes(rawState)) {
      issues.add({ file: 'service_config', field: `${sid}.state`, value: entry.state, expected: `one of ${CONFIGURED_STATES.join(', ')} or enabled` });
    }
    const service: ServiceConfig = {
      sid,
      node,
      state: (CONFIGURED_STATES.includes(rawState as string) ? rawState : 'disabled') as ConfiguredState,
      failback: entry.failback === undefined ? true : Boolean(Number(entry.failback)),
      maxRestart: wholeNumber(entry.max_restart, `${sid}.max_restart`, issues),
      maxRelocate: wholeNumber(entry.max_relocate, `${sid}.max_relocate`, issues),
    };
    if (typeof entry.group === 'string') service.group = entry.group;
    if (typeof entry.lock === 'string') service.lock = entry.lock;
    return [service];
  });
}

/** A service_config count (max_restart, max_relocate): a whole number >= 0, 1 when absent. */
function wholeNumber(value: unknown, field: string, issues: IssueCollector): number {
  if (value === undefined) return 1;
  const number = Number(value);
  if (Number.isInteger(number) && number >= 0 && (typeof value === 'number' || typeof value === 'string')) return number;
  issues.add({ file: 'service_config', field, value, expected: 'a whole number >= 0 (default 1)' });
  return 1;
}

function readCmdlist(raw: unknown, nodes: ReadonlySet<string>, issues: IssueCollector): SimCommand[][] {
  if (!Array.isArray(raw)) {
    issues.add({ file: 'cmdlist', field: '(document)', value: raw, expected: 'an array of command batches (arrays of strings)' });
    return [];
  }
  return raw.map((batch: unknown, batchIndex) => {
    if (!Array.isArray(batch)) {
      issues.add({ file: 'cmdlist', field: `cmdlist[${batchIndex}]`, value: batch, expected: 'an array of command strings' });
      return [];
    }
    return batch.flatMap((text: unknown, index) => {
      const field = `cmdlist[${batchIndex}][${index}]`;
      if (typeof text !== 'string') {
        issues.add({ file: 'cmdlist', field, value: text, expected: 'a command string' });
        return [];
      }
      const parsed = parseCommand(text, nodes);
      if (parsed.ok) return [parsed.command];
      issues.add({ file: 'cmdlist', field, value: text, expected: parsed.expected });
      return [];
    });
  });
}

/** A rules or groups section, each key's last value with its line (the regression tests repeat none). */
interface Section {
  type: string;
  id: string;
  line: number;
  entries: Map<string, { value: string; line: number }>;
}

/** The shared SectionConfig reader; its refusal joins this folder's other issues. */
function readSections(text: string, file: string, issues: IssueCollector): Section[] {
  try {
    return parseSectionConfig(text, file).map(({ type, id, line, properties }) => ({ type, id, line, entries: new Map(properties.map(({ key, value, line: at }) => [key, { value, line: at }])) }));
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    for (const issue of error.issues) issues.add(issue);
    return [];
  }
}

function readNodeList(section: Section, file: string, nodes: ReadonlySet<string>, issues: IssueCollector): NodePriority[] {
  const entry = section.entries.get('nodes');
  if (entry === undefined) {
    issues.add({ file, line: section.line, field: `${section.id}.nodes`, value: undefined, expected: 'a nodes list like node1:2,node2' });
    return [];
  }
  return entry.value.split(',').flatMap((item) => {
    const match = /^([^:\s]+)(?::(\d+))?$/.exec(item.trim());
    if (match === null || !nodes.has(match[1]!)) {
      issues.add({ file, line: entry.line, field: `${section.id}.nodes`, value: item.trim(), expected: 'a node of hardware_status with an optional :priority (a whole number >= 0)' });
      return [];
    }
    return [{ node: match[1]!, priority: match[2] === undefined ? 0 : Number(match[2]) }];
  });
}

function readRules(text: string, nodes: ReadonlySet<string>, sids: ReadonlySet<string>, issues: IssueCollector): HaRule[] {
  const file = 'rules_config';
  return readSections(text, file, issues).flatMap((section): HaRule[] => {
    const resourcesEntry = section.entries.get('resources');
    const resources = (resourcesEntry?.value ?? '').split(',').map((sid) => sid.trim()).filter((sid) => sid !== '');
    for (const sid of resources) {
      if (!sids.has(sid)) issues.add({ file, line: resourcesEntry!.line, field: `${section.id}.resources`, value: sid, expected: 'a service of service_config' });
    }
    if (resourcesEntry === undefined) issues.add({ file, line: section.line, field: `${section.id}.resources`, value: undefined, expected: 'a resources list like vm:101,vm:102' });
    const disabled = section.entries.has('disable');
    if (section.type === 'node-affinity') {
      const strict = section.entries.get('strict')?.value ?? '0';
      return [{ type: 'node-affinity', id: section.id, resources, nodes: readNodeList(section, file, nodes, issues), strict: strict === '1', disabled }];
    }
    if (section.type === 'resource-affinity') {
      const affinity = section.entries.get('affinity');
      if (affinity?.value !== 'positive' && affinity?.value !== 'negative') {
        issues.add({ file, line: affinity?.line ?? section.line, field: `${section.id}.affinity`, value: affinity?.value, expected: "'positive' or 'negative'" });
        return [];
      }
      return [{ type: 'resource-affinity', id: section.id, resources, affinity: affinity.value, disabled }];
    }
    issues.add({ file, line: section.line, field: section.id, value: section.type, expected: "a rule type 'node-affinity' or 'resource-affinity'" });
    return [];
  });
}

function readGroups(text: string, nodes: ReadonlySet<string>, issues: IssueCollector): HaGroup[] {
  const file = 'groups';
  return readSections(text, file, issues).flatMap((section) => {
    if (section.type !== 'group') {
      issues.add({ file, line: section.line, field: section.id, value: section.type, expected: "a section 'group: <name>'" });
      return [];
    }
    const flag = (key: string) => section.entries.get(key)?.value === '1';
    return [{ id: section.id, nodes: readNodeList(section, file, nodes, issues), restricted: flag('restricted'), nofailback: flag('nofailback') }];
  });
}

function readDatacenter(raw: unknown, text: string, issues: IssueCollector): DatacenterHa {
  const config = raw ?? {};
  if (!isObject(config)) {
    issues.add({ file: 'datacenter.cfg', field: '(document)', value: raw, expected: 'a JSON object like {"crs": {"ha": "static"}}' });
    return { scheduler: 'basic', rebalanceOnStart: false, autoRebalance: false, shutdownPolicy: 'conditional' };
  }
  const crs = isObject(config.crs) ? config.crs : {};
  const ha = isObject(config.ha) ? config.ha : {};
  const options = readAutoRebalanceOptions(crs, text, issues);
  return {
    scheduler: typeof crs.ha === 'string' ? crs.ha : 'basic',
    rebalanceOnStart: Boolean(Number(crs['ha-rebalance-on-start'] ?? 0)),
    autoRebalance: Boolean(Number(crs['ha-auto-rebalance'] ?? 0)) && options,
    shutdownPolicy: typeof ha.shutdown_policy === 'string' ? ha.shutdown_policy : 'conditional',
  };
}

/** The `ha-auto-rebalance-*` options of `crs`, defaults for the missing ones; checked even while off. */
function readAutoRebalanceOptions(crs: Json, text: string, issues: IssueCollector): AutoRebalanceOptions {
  const option = <T>(key: string, fallback: T, parse: (value: unknown) => T | undefined, expected: string): T => {
    const value = crs[key];
    if (value === undefined) return fallback;
    const parsed = parse(value);
    if (parsed !== undefined) return parsed;
    const line = lineOfKey(text, key);
    issues.add({ file: 'datacenter.cfg', ...(line === undefined ? {} : { line }), field: `crs.${key}`, value, expected });
    return fallback;
  };
  // The doc (pve-ha-recovery.md §9.5) states fractions (0.3); the released API schema states
  // percent (30, 0-100). A value above 1 can only be percent, so both spellings load.
  const fraction = (value: unknown) => {
    const number = numberWithin(value, 0, 100);
    return number === undefined ? undefined : number > 1 ? number / 100 : number;
  };
  const wholeRounds = (value: unknown) => {
    const rounds = numberWithin(value, 0, Infinity);
    return rounds !== undefined && Number.isInteger(rounds) ? rounds : undefined;
  };
  const method = (value: unknown) => REBALANCE_METHODS.find((name) => name === value);
  const defaults = AUTO_REBALANCE_DEFAULTS;
  return {
    threshold: option('ha-auto-rebalance-threshold', defaults.threshold, fraction, 'a fraction from 0 to 1 or a percentage up to 100 (imbalance; default 0.3)'),
    method: option('ha-auto-rebalance-method', defaults.method, method, `one of ${REBALANCE_METHODS.join(', ')} (default bruteforce)`),
    holdRounds: option('ha-auto-rebalance-hold-duration', defaults.holdRounds, wholeRounds, 'a whole number of rounds >= 0 (default 3)'),
    margin: option('ha-auto-rebalance-margin', defaults.margin, fraction, 'a fraction from 0 to 1 or a percentage up to 100 (relative improvement; default 0.1)'),
  };
}

/** A JSON number, or a string holding one (the real file is a property string), in [low, high]. */
function numberWithin(value: unknown, low: number, high: number): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(number) && number >= low && number <= high ? number : undefined;
}

function readStats<T>(raw: unknown, file: string, keys: [string, string], issues: IssueCollector, build: (values: number[]) => T): Record<string, T> {
  if (raw === undefined) return {};
  if (!isObject(raw)) {
    issues.add({ file, field: '(document)', value: raw, expected: `an object of services with ${keys.join(' and ')}` });
    return {};
  }
  const stats: Record<string, T> = {};
  for (const [sid, entry] of Object.entries(raw)) {
    const values = keys.map((key) => (isObject(entry) ? entry[key] : undefined));
    if (values.every((value) => typeof value === 'number' && Number.isFinite(value) && value >= 0)) {
      stats[sid] = build(values as number[]);
    } else {
      issues.add({ file, field: sid, value: entry, expected: `numbers >= 0 for ${keys.join(' and ')}` });
    }
  }
  return stats;
}

function readManagerStatus(raw: unknown, issues: IssueCollector): InitialManagerStatus {
  const status: InitialManagerStatus = { nodeStatus: {}, serviceStatus: {}, nodeRequest: {} };
  if (!isObject(raw)) {
    issues.add({ file: 'manager_status', field: '(document)', value: raw, expected: 'a JSON object (usually {})' });
    return status;
  }
  if (typeof raw.master_node === 'string') status.masterNode = raw.master_node;
  if (isObject(raw.node_status)) {
    for (const [node, state] of Object.entries(raw.node_status)) if (typeof state === 'string') status.nodeStatus[node] = state;
  }
  if (isObject(raw.node_request)) {
    for (const [node, request] of Object.entries(raw.node_request)) {
      if (isObject(request)) status.nodeRequest[node] = { maintenance: Boolean(request.maintenance) };
    }
  }
  if (isObject(raw.service_status)) {
    for (const [sid, entry] of Object.entries(raw.service_status)) {
      const parsed = serviceStatusOf(entry);
      if (parsed === undefined) issues.add({ file: 'manager_status', field: `service_status.${sid}`, value: entry, expected: `an object with node and state (${CRM_STATES.join(', ')})` });
      else status.serviceStatus[sid] = parsed;
    }
  }
  return status;
}

function serviceStatusOf(entry: unknown): ServiceStatus | undefined {
  if (!isObject(entry) || typeof entry.node !== 'string' || !CRM_STATES.includes(entry.state as CrmServiceState)) return undefined;
  const status: ServiceStatus = { state: entry.state as CrmServiceState, node: entry.node };
  if (typeof entry.target === 'string') status.target = entry.target;
  if (typeof entry.uid === 'string') status.uid = entry.uid;
  if (entry.running !== undefined) status.running = Boolean(entry.running);
  if (Array.isArray(entry.failed_nodes)) status.failedNodes = entry.failed_nodes.map(String);
  if (typeof entry.maintenance_node === 'string') status.maintenanceNode = entry.maintenance_node;
  return status;
}

function readRunning(dir: string, nodes: readonly NodeHardware[], issues: IssueCollector): Record<string, string[]> {
  const running: Record<string, string[]> = {};
  const present = new Set(readdirSync(dir));
  for (const { name } of nodes) {
    const fileName = `service_status_${name}`;
    if (!present.has(fileName)) continue;
    const raw = readJsonFile(join(dir, fileName), fileName);
    if (!isObject(raw)) {
      issues.add({ file: fileName, field: '(document)', value: raw, expected: 'an object of sid → 0|1' });
      continue;
    }
    running[name] = Object.entries(raw).filter(([, value]) => Boolean(Number(value))).map(([sid]) => sid);
  }
  return running;
}
