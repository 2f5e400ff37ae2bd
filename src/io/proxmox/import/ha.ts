/**
 * The cluster's HA configuration as the scenario's `ha:` section.
 *
 * - resources.cfg: `vm: <vmid>` / `ct: <vmid>`; `state` started (also written `enabled`, and the
 *   default) makes the guest HA; stopped, disabled and ignored do not. `failback` (default 1),
 *   `max_restart`, `max_relocate` (default 1; not modelled, said when set), `group`.
 * - rules.cfg: node-affinity (`nodes` as `node[:prio]`, `strict`) and resource-affinity
 *   (`affinity` positive|negative), `disable` and `comment`, by their ids.
 * - groups.cfg becomes node-affinity rules as Proxmox VE 9 migrates it (engine/proxmox/groups.ts):
 *   rule `ha-group-<group>` for each group some resource uses, strict when `restricted`, and the
 *   members' failback off when `nofailback`.
 * - Rules name guests by their scenario names. A resource that is not imported or not HA, or a
 *   node that is not in the cluster, is dropped from its rule, and a rule left without resources
 *   (a resource-affinity rule: with fewer than two) or nodes is dropped, each said.
 * - failback: the scenario states it per node-affinity rule, so a rule has failback off when all
 *   its guests have it off; a guest with it off in a rule with other guests keeps it on (said).
 * - crs from datacenter.cfg; `dynamic` is written as `static`: the scenario's Proxmox strategies
 *   are basic and static, and dynamic ranks by static sizes whatever it does not measure.
 */
import { sourceFile } from '../source-file.js';
import type { CrsMode, HaSettings } from '../../../engine/model/cluster.js';
import type { ImportNote } from '../../../engine/model/import-notes.js';
import { applyGroupFailback, groupsAsNodeAffinityRules } from '../../../engine/proxmox/groups.js';
import type { HaGroup, HaRule, NodePriority, ServiceConfig } from '../../../engine/proxmox/types.js';
import { InputError } from '../../../errors.js';
import type { ProxmoxDump } from '../dump/read-dump.js';
import { flag, single, splitList, type Section } from '../section-config.js';
import type { GuestDraft } from './guests.js';

export interface HaMapping {
  settings: HaSettings;
  /** Scenario names of the HA guests. */
  haGuests: ReadonlySet<string>;
  /** Per scenario name, the ids of the rules that name it. */
  rulesOf: ReadonlyMap<string, string[]>;
}

const MANAGED_STATES = ['started', 'enabled'];
const SERVICE_STATES = ['started', 'enabled', 'stopped', 'disabled', 'ignored'];

export function mapHa(dump: ProxmoxDump, guests: ReadonlyArray<{ draft: GuestDraft; name: string }>, nodeNames: readonly string[], notes: ImportNote[]): HaMapping {
  // A dump folder's file, or the API call that answered it (source-file.ts).
  const file = (relative: string): string => sourceFile(dump.source, relative);
  const sidOf = (kind: 'qemu' | 'lxc', vmid: number): string => `${kind === 'qemu' ? 'vm' : 'ct'}:${vmid}`;
  /** The counted guests by sid; `inDump` also holds the guests not counted (templates, stopped). */
  const bySid = new Map(guests.map((guest) => [sidOf(guest.draft.kind, guest.draft.vmid), guest]));
  const inDump = new Set([...dump.guests, ...dump.resources.guests].map((guest) => sidOf(guest.kind, guest.vmid)));
  const services = dump.haResources.map((section) => service(section, file('etc-pve/ha/resources.cfg')));
  const haGuests = new Set<string>();
  const unmanaged: GuestDraft[] = [];
  const restarts: GuestDraft[] = [];
  for (const entry of services) {
    const guest = bySid.get(entry.config.sid);
    if (guest === undefined) {
      // A guest not counted is said once, with the guests left out.
      if (!inDump.has(entry.config.sid)) notes.push({ code: 'ha-resource-unknown', sid: entry.config.sid });
      continue;
    }
    if (MANAGED_STATES.includes(entry.rawState)) haGuests.add(guest.name);
    else unmanaged.push(guest.draft);
    if (entry.config.maxRestart !== 1 || entry.config.maxRelocate !== 1) restarts.push(guest.draft);
  }
  const refs = (drafts: GuestDraft[]) => drafts.map((draft) => ({ vmid: draft.vmid, name: draft.proxmoxName }));
  if (unmanaged.length > 0) notes.push({ code: 'ha-not-managed', guests: refs(unmanaged) });
  if (restarts.length > 0) notes.push({ code: 'ha-restarts-not-modelled', guests: refs(restarts) });

  const configs = services.map((entry) => entry.config);
  const groups = dump.haGroups.map((section) => group(section, file('etc-pve/ha/groups.cfg')));
  applyGroupFailback(groups, configs);
  const groupRules = groupsAsNodeAffinityRules(groups, configs);
  for (const rule of groupRules) {
    const source = groups.find((candidate) => `ha-group-${candidate.id}` === rule.id)!;
    notes.push({ code: 'group-converted', group: source.id, rule: rule.id, strict: rule.strict, failback: !source.nofailback });
  }
  const rawRules = [...dump.haRules.map((section) => rule(section, file('etc-pve/ha/rules.cfg'))), ...groupRules];
  const rules = rawRules.flatMap((raw) => resolveRule(raw, bySid, inDump, haGuests, nodeNames, notes));
  const noFailbackSids = new Set(configs.filter((config) => !config.failback).map((config) => config.sid));
  const noFailbackNames = new Set([...noFailbackSids].flatMap((sid) => (bySid.has(sid) && haGuests.has(bySid.get(sid)!.name) ? [bySid.get(sid)!.name] : [])));
  const failbackOff = (candidate: HaRule): boolean => candidate.type === 'node-affinity' && candidate.resources.every((name) => noFailbackNames.has(name));
  const noFailback = rules.filter(failbackOff).flatMap((candidate) => candidate.resources);
  noteFailback(rules, noFailbackNames, new Set(noFailback), guests, notes);

  const rulesOf = new Map<string, string[]>();
  for (const candidate of rules) for (const name of candidate.resources) rulesOf.set(name, [...(rulesOf.get(name) ?? []), candidate.id]);
  return { settings: { crs: crsOf(dump, notes), rules, noFailback }, haGuests, rulesOf };
}

/** Rules whose failback is off, for the scenario writer: the scenario's `failback: false`. */
export function ruleFailbackOff(settings: HaSettings, rule: HaRule): boolean {
  return rule.type === 'node-affinity' && rule.resources.length > 0 && rule.resources.every((name) => settings.noFailback.includes(name));
}

function service(section: Section, file: string): { config: ServiceConfig; rawState: string } {
  if (section.type !== 'vm' && section.type !== 'ct') throw new InputError({ file, line: section.line, field: `${section.id}.type`, value: section.type, expected: "a resource type 'vm' or 'ct'" });
  const state = single(section, 'state', file);
  const rawState = state?.value ?? 'started';
  if (!SERVICE_STATES.includes(rawState)) throw new InputError({ file, line: state!.line, field: `${section.type}:${section.id}.state`, value: rawState, expected: `one of ${SERVICE_STATES.join(', ')}` });
  const count = (key: string): number => {
    const property = single(section, key, file);
    if (property === undefined) return 1;
    if (!/^\d+$/.test(property.value)) throw new InputError({ file, line: property.line, field: `${section.type}:${section.id}.${key}`, value: property.value, expected: 'a whole number >= 0' });
    return Number(property.value);
  };
  const sid = `${section.type}:${section.id}`;
  const groupName = single(section, 'group', file)?.value;
  return {
    rawState,
    config: {
      sid,
      node: '',
      state: rawState === 'enabled' ? 'started' : (rawState as ServiceConfig['state']),
      failback: flag(single(section, 'failback', file), section.id, file) ?? true,
      maxRestart: count('max_restart'),
      maxRelocate: count('max_relocate'),
      ...(groupName === undefined ? {} : { group: groupName }),
    },
  };
}

function nodeList(section: Section, file: string): NodePriority[] {
  const property = single(section, 'nodes', file);
  if (property === undefined) throw new InputError({ file, line: section.line, field: `${section.id}.nodes`, value: undefined, expected: 'a nodes list like pve1:2,pve2' });
  return splitList(property.value).map((item) => {
    const match = /^([^:\s]+)(?::(\d+))?$/.exec(item);
    if (match === null) throw new InputError({ file, line: property.line, field: `${section.id}.nodes`, value: item, expected: 'a node name with an optional :priority (a whole number >= 0)' });
    return { node: match[1]!, priority: match[2] === undefined ? 0 : Number(match[2]) };
  });
}

function group(section: Section, file: string): HaGroup {
  if (section.type !== 'group') throw new InputError({ file, line: section.line, field: `${section.id}.type`, value: section.type, expected: "a section 'group: <name>'" });
  return { id: section.id, nodes: nodeList(section, file), restricted: flag(single(section, 'restricted', file), section.id, file) ?? false, nofailback: flag(single(section, 'nofailback', file), section.id, file) ?? false };
}

function rule(section: Section, file: string): HaRule {
  const resources = single(section, 'resources', file);
  if (resources === undefined) throw new InputError({ file, line: section.line, field: `${section.id}.resources`, value: undefined, expected: 'a resources list like vm:101,ct:102' });
  const sids = splitList(resources.value);
  const disabled = flag(single(section, 'disable', file), section.id, file) ?? false;
  if (section.type === 'node-affinity') {
    return { type: 'node-affinity', id: section.id, resources: sids, nodes: nodeList(section, file), strict: flag(single(section, 'strict', file), section.id, file) ?? false, disabled };
  }
  if (section.type === 'resource-affinity') {
    const affinity = single(section, 'affinity', file);
    if (affinity?.value !== 'positive' && affinity?.value !== 'negative') {
      throw new InputError({ file, line: affinity?.line ?? section.line, field: `${section.id}.affinity`, value: affinity?.value, expected: "'positive' or 'negative'" });
    }
    return { type: 'resource-affinity', id: section.id, resources: sids, affinity: affinity.value, disabled };
  }
  throw new InputError({ file, line: section.line, field: `${section.id}.type`, value: section.type, expected: "a rule type 'node-affinity' or 'resource-affinity'" });
}

/** The rule with scenario names, unresolvable entries dropped; none when nothing is left. */
function resolveRule(raw: HaRule, bySid: ReadonlyMap<string, { draft: GuestDraft; name: string }>, inDump: ReadonlySet<string>, haGuests: ReadonlySet<string>, nodeNames: readonly string[], notes: ImportNote[]): HaRule[] {
  const resources = raw.resources.flatMap((sid) => {
    const guest = bySid.get(sid);
    const why = guest !== undefined ? (haGuests.has(guest.name) ? null : 'not-ha') : inDump.has(sid) ? 'not-imported' : 'unknown';
    if (why !== null) notes.push({ code: 'rule-resource-dropped', rule: raw.id, sid, why });
    return why === null ? [guest!.name] : [];
  });
  if (resources.length === 0 || (raw.type === 'resource-affinity' && resources.length < 2)) {
    notes.push({ code: 'rule-dropped', rule: raw.id, why: resources.length === 0 ? 'no-resources' : 'one-resource' });
    return [];
  }
  if (raw.type === 'resource-affinity') return [{ ...raw, resources }];
  const nodes = raw.nodes.filter((entry) => {
    const known = nodeNames.includes(entry.node);
    if (!known) notes.push({ code: 'rule-node-dropped', rule: raw.id, node: entry.node });
    return known;
  });
  if (nodes.length === 0) {
    notes.push({ code: 'rule-dropped', rule: raw.id, why: 'no-nodes' });
    return [];
  }
  return [{ ...raw, resources, nodes }];
}

function noteFailback(rules: readonly HaRule[], off: ReadonlySet<string>, written: ReadonlySet<string>, guests: ReadonlyArray<{ draft: GuestDraft; name: string }>, notes: ImportNote[]): void {
  const inNodeRule = new Set(rules.flatMap((candidate) => (candidate.type === 'node-affinity' ? candidate.resources : [])));
  const refsOf = (names: string[]) => guests.filter((guest) => names.includes(guest.name)).map((guest) => ({ vmid: guest.draft.vmid, name: guest.draft.proxmoxName }));
  const lost = [...off].filter((name) => inNodeRule.has(name) && !written.has(name));
  const idle = [...off].filter((name) => !inNodeRule.has(name));
  if (lost.length > 0) notes.push({ code: 'failback-not-expressible', guests: refsOf(lost) });
  if (idle.length > 0) notes.push({ code: 'failback-without-rule', guests: refsOf(idle) });
}

function crsOf(dump: ProxmoxDump, notes: ImportNote[]): CrsMode {
  const config = dump.datacenter;
  const { onStart, auto } = { onStart: config?.rebalanceOnStart ?? false, auto: config?.autoRebalance ?? false };
  if (onStart || auto) notes.push({ code: 'crs-rebalance-not-modelled', onStart, auto });
  if (config === null || config.defaulted) {
    notes.push({ code: 'crs', mode: 'basic', source: 'default' });
    return 'basic';
  }
  if (config.crs === 'dynamic') {
    notes.push({ code: 'crs', mode: 'static', source: 'dynamic-as-static' });
    return 'static';
  }
  notes.push({ code: 'crs', mode: config.crs, source: 'datacenter' });
  return config.crs;
}
