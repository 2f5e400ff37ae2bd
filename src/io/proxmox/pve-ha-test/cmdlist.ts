/**
 * The cmdlist command language of the HA regression tests (docs/pve-ha-recovery.md §2), with
 * the arguments checked: nodes of hardware_status, whole-second timeouts, numeric stats. Parsing
 * is pure: it returns the command or, for a bad one, what was expected, so the loader can report
 * it with a location.
 */

import type { CrmAction, ServiceAction, SimCommand } from '../../../engine/ha-sim/sim-command.js';

const CRM_ACTIONS: readonly CrmAction[] = ['stop', 'start', 'enable-node-maintenance', 'disable-node-maintenance', 'disarm-ha', 'arm-ha'];
const SERVICE_ACTIONS: readonly ServiceAction[] = [
  'started', 'stopped', 'disabled', 'ignored', 'migrate', 'relocate', 'stop', 'lock', 'unlock', 'add', 'delete',
  'set-static-stats', 'set-dynamic-stats', 'manual-migrate',
];
/** Actions whose first argument is mandatory (a node, a timeout, or a stats key). */
const SERVICE_ACTIONS_WITH_ARGUMENT: ReadonlySet<ServiceAction> = new Set([
  'migrate', 'relocate', 'stop', 'add', 'set-static-stats', 'set-dynamic-stats', 'manual-migrate',
]);

export type ParsedCommand = { ok: true; command: SimCommand } | { ok: false; expected: string };

const EXPECTED =
  "a command 'power|network <node> on|off', 'delay <s>', 'skip-round crm|lrm [n]', 'cfs <node> rw|update work|fail', " +
  "'reboot|shutdown|restart-lrm <node>', 'crm <node> <action>', 'pve-manager-version <node> set <v>' or 'service <sid> <action> ...'";

export function parseCommand(text: string, knownNodes: ReadonlySet<string>): ParsedCommand {
  const words = text.trim().split(/\s+/);
  const [verb, subject, action, ...rest] = words;
  const fail = (expected: string): ParsedCommand => ({ ok: false, expected });
  if (verb === 'delay') {
    return subject !== undefined && /^\d+$/.test(subject) && action === undefined
      ? { ok: true, command: { kind: 'delay', text, seconds: Number(subject) } }
      : fail("'delay <seconds>' with a whole number of seconds");
  }
  if (verb === 'skip-round') {
    if ((subject === 'crm' || subject === 'lrm') && (action === undefined || /^\d+$/.test(action))) {
      return { ok: true, command: { kind: 'skip-round', text, daemon: subject, rounds: action === undefined ? 1 : Number(action) } };
    }
    return fail("'skip-round crm|lrm [rounds]'");
  }
  if (verb === 'service') {
    if (subject === undefined || !/^(vm|ct|fa):\d+$/.test(subject)) return fail("'service <sid> ...' with a sid like vm:101, ct:102 or fa:1501");
    if (!SERVICE_ACTIONS.includes(action as ServiceAction)) return fail(`a service action, one of ${SERVICE_ACTIONS.join(', ')}`);
    const serviceAction = action as ServiceAction;
    if (SERVICE_ACTIONS_WITH_ARGUMENT.has(serviceAction) && rest.length === 0) return fail(`an argument after 'service <sid> ${serviceAction}'`);
    const wrongArguments = serviceArgumentsProblem(serviceAction, rest, knownNodes);
    if (wrongArguments !== undefined) return fail(wrongArguments);
    return { ok: true, command: { kind: 'service', text, sid: subject, action: serviceAction, args: rest } };
  }
  const nodeVerbs = ['power', 'network', 'cfs', 'reboot', 'shutdown', 'restart-lrm', 'crm', 'pve-manager-version'];
  if (verb === undefined || !nodeVerbs.includes(verb)) return fail(EXPECTED);
  if (subject === undefined || !knownNodes.has(subject)) {
    return fail(`a node of hardware_status (${[...knownNodes].join(', ')}) after '${verb}'`);
  }
  const node = subject;
  switch (verb) {
    case 'power':
    case 'network':
      return action === 'on' || action === 'off'
        ? { ok: true, command: { kind: verb, text, node, on: action === 'on' } }
        : fail(`'${verb} <node> on|off'`);
    case 'cfs':
      return (action === 'rw' || action === 'update') && (rest[0] === 'work' || rest[0] === 'fail')
        ? { ok: true, command: { kind: 'cfs', text, node, what: action, works: rest[0] === 'work' } }
        : fail("'cfs <node> rw|update work|fail'");
    case 'reboot':
    case 'shutdown':
    case 'restart-lrm':
      return action === undefined ? { ok: true, command: { kind: verb, text, node } } : fail(`'${verb} <node>'`);
    case 'pve-manager-version':
      return action === 'set' && rest.length === 1
        ? { ok: true, command: { kind: 'pve-manager-version', text, node, version: rest[0]! } }
        : fail("'pve-manager-version <node> set <version>'");
    default: {
      if (!CRM_ACTIONS.includes(action as CrmAction)) return fail(`a crm action, one of ${CRM_ACTIONS.join(', ')}`);
      if (action === 'disarm-ha') {
        return rest[0] === 'freeze' || rest[0] === 'ignore'
          ? { ok: true, command: { kind: 'crm', text, node, action, mode: rest[0] } }
          : fail("'crm <node> disarm-ha freeze|ignore'");
      }
      return { ok: true, command: { kind: 'crm', text, node, action: action as CrmAction } };
    }
  }
}

/** Stats keys per action; values are numbers >= 0 (cores, MiB). */
const STATS_KEYS: Partial<Record<ServiceAction, readonly string[]>> = { 'set-static-stats': ['maxcpu', 'maxmem'], 'set-dynamic-stats': ['cpu', 'mem'] };

/** What the arguments of a service command should have been, or undefined when they are right. */
function serviceArgumentsProblem(action: ServiceAction, args: readonly string[], knownNodes: ReadonlySet<string>): string | undefined {
  const [first] = args;
  if ((action === 'add' || action === 'manual-migrate') && !knownNodes.has(first!)) {
    return `a node of hardware_status (${[...knownNodes].join(', ')}) after 'service <sid> ${action}'`;
  }
  if (action === 'stop' && !/^\d+$/.test(first!)) return "'service <sid> stop <timeout>' with a whole number of seconds";
  const keys = STATS_KEYS[action];
  if (keys === undefined) return undefined;
  const pairsValid = args.length % 2 === 0 && args.every((word, index) => (index % 2 === 0 ? keys.includes(word) : /^\d+(\.\d+)?$/.test(word)));
  return pairsValid ? undefined : `'service <sid> ${action}' followed by pairs '${keys.join('|')} <number >= 0>' (cores, MiB)`;
}
