/**
 * The simulator's clock. A round lasts max(20, 2 × nodes) seconds; in it every node, in name
 * order, runs one CRM then one LRM iteration (one second each), and all watchdogs are checked
 * after each node. A command batch runs every 5 rounds (t = 20, 120, 220, ...); `delay N` holds
 * the round counter until now + N; the run ends 500 s after the last command, and stops at
 * 10000 s. Daemons that exit on shutdown power their node off (or cycle it on reboot).
 * Observed: docs/pve-ha-recovery.md §2, the batch times of every log.expect (cmdlist lines at 20, 120, 220, ...).
 */
import type { SimCommand } from './sim-command.js';
import { executeCommand } from './commands.js';
import { type SimHardware, type SimNode, WATCHDOG_TIMEOUT_SECONDS } from './hardware.js';
import { Lrm } from './lrm.js';

const ROUNDS_PER_BATCH = 5;
const END_AFTER_LAST_COMMAND_SECONDS = 500;
const SECONDS_PER_NODE = 2;
const MIN_ROUND_SECONDS = 20;
/** The simulator's hard stop (a longer run is refused). */
export const MAX_SIMULATION_SECONDS = 10_000;
/** The most nodes whose round (2 s a node) stays under the 60 s watchdog timeout. */
export const MAX_NODES = Math.ceil(WATCHDOG_TIMEOUT_SECONDS / SECONDS_PER_NODE) - 1;

/** Runs the timeline to its end; 'time-limit' when it would run past MAX_SIMULATION_SECONDS. */
export function runTimeline(hardware: SimHardware, cmdlist: readonly SimCommand[][]): 'done' | 'time-limit' {
  const batches = [...cmdlist];
  const nodes = hardware.nodeNames();
  const roundSeconds = Math.max(MIN_ROUND_SECONDS, nodes.length * SECONDS_PER_NODE);
  let lastCommandTime = 0;
  let nextCommandAt = 0;
  let loopCount = 0;
  const skip = { crm: 0, lrm: 0 };

  for (;;) {
    const start = hardware.time;
    nodes.forEach((name, index) => runNode(hardware, hardware.nodes.get(name)!, skip, index === 0));
    if (skip.crm > 0) skip.crm--;
    if (skip.lrm > 0) skip.lrm--;
    if (hardware.time - start < roundSeconds) hardware.time = start + roundSeconds;
    if (hardware.time > MAX_SIMULATION_SECONDS) return 'time-limit';
    for (const name of nodes) {
      const node = hardware.nodes.get(name)!;
      node.crmEnv.loopStart();
      node.lrmEnv.loopStart();
    }

    if (hardware.time < nextCommandAt) continue;
    if (loopCount % ROUNDS_PER_BATCH === 0) {
      const batch = batches.shift();
      if (batch === undefined && hardware.time - lastCommandTime > END_AFTER_LAST_COMMAND_SECONDS) {
        hardware.hardwareLog('info', 'exit simulation - done');
        return 'done';
      }
      for (const command of batch ?? []) {
        lastCommandTime = hardware.time;
        if (command.kind === 'delay') {
          hardware.hardwareLog('info', `execute ${command.text}`, 'cmdlist');
          nextCommandAt = hardware.time + command.seconds;
        } else if (command.kind === 'skip-round') {
          hardware.hardwareLog('info', `execute ${command.text}`, 'cmdlist');
          skip[command.daemon] += command.rounds;
        } else {
          executeCommand(hardware, command, 'cmdlist');
        }
      }
    }
    loopCount++;
  }
}

function runNode(hardware: SimHardware, node: SimNode, skip: { crm: number; lrm: number }, firstNode: boolean): void {
  if (node.crm !== undefined) {
    let exited = false;
    if (skip.crm === 0) exited = !node.crm.doOneIteration();
    else if (firstNode) hardware.hardwareLog('info', 'skipping CRM round', 'run-loop');
    hardware.time = Math.max(hardware.time, node.crmEnv.time);
    if (exited) {
      node.crmEnv.log('info', 'exit (loop end)');
      node.crm = undefined;
      if (node.shutdown === 'reboot') {
        executeCommand(hardware, powerCommand(node.name, false), 'reboot');
        executeCommand(hardware, powerCommand(node.name, true), 'reboot');
      } else if (node.shutdown === 'shutdown') {
        executeCommand(hardware, powerCommand(node.name, false), 'shutdown');
      }
    }
  }
  if (node.lrm !== undefined) {
    let exited = false;
    if (skip.lrm === 0) exited = !node.lrm.doOneIteration();
    else if (firstNode) hardware.hardwareLog('info', 'skipping LRM round', 'run-loop');
    hardware.time = Math.max(hardware.time, node.lrmEnv.time);
    if (exited) {
      node.lrmEnv.log('info', 'exit (loop end)');
      node.lrm = undefined;
      if (node.lrmRestart) {
        node.lrmRestart = false;
        node.lrm = new Lrm(node.lrmEnv);
      } else if (node.shutdown !== undefined) {
        // The LRM exits before the CRM, as on a real node.
        executeCommand(hardware, { kind: 'crm', text: `crm ${node.name} stop`, node: node.name, action: 'stop' }, node.shutdown);
      }
    }
  }
  for (const name of hardware.nodeNames()) {
    if (hardware.watchdogCheck(name)) continue;
    executeCommand(hardware, powerCommand(name, false), 'watchdog');
    hardware.hardwareLog('info', `server '${name}' stopped by poweroff (watchdog)`);
  }
}

function powerCommand(node: string, on: boolean): SimCommand {
  return { kind: 'power', text: `power ${node} ${on ? 'on' : 'off'}`, node, on };
}
