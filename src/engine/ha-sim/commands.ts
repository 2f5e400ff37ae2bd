/**
 * What one cmdlist command does to the simulated cluster. Power off kills the node's CRM and LRM
 * at once and forgets its watchdogs and running guests; power on starts both daemons and turns
 * the network on. reboot/shutdown ask the LRM to shut down under the shutdown policy; the
 * timeline powers the node off once the daemons exit. Service commands change the service
 * config or queue a CRM command, as `ha-manager` would; a manual migrate moves a guest offline.
 * Observed: docs/pve-ha-recovery.md §2 (the command list), test-shutdown*, test-reboot1, test-manual-migrate-ignored1.
 */
import type { SimCommand } from './sim-command.js';
import { Crm } from './crm.js';
import type { SimHardware, SimNode } from './hardware.js';
import { Lrm } from './lrm.js';

const MIB = 1024 * 1024;

export function executeCommand(hardware: SimHardware, command: SimCommand, origin: string): void {
  hardware.hardwareLog('info', `execute ${command.text}`, origin);
  switch (command.kind) {
    case 'power':
      return setPower(hardware, hardware.nodes.get(command.node)!, command.on);
    case 'network':
      hardware.nodes.get(command.node)!.network = command.on ? 'on' : 'off';
      return;
    case 'cfs':
      hardware.nodes.get(command.node)!.cfs[command.what] = command.works;
      return;
    case 'reboot':
    case 'shutdown': {
      const node = hardware.nodes.get(command.node)!;
      node.shutdown = command.kind;
      node.lrm?.shutdownRequest();
      return;
    }
    case 'restart-lrm': {
      const node = hardware.nodes.get(command.node)!;
      if (node.lrm === undefined) return;
      node.lrmRestart = true;
      node.lrm.shutdownRequest();
      return;
    }
    case 'crm':
      return crmCommand(hardware, hardware.nodes.get(command.node)!, command.action, command.mode);
    case 'service':
      return serviceCommand(hardware, command.sid, command.action, command.args);
    case 'pve-manager-version':
      hardware.nodes.get(command.node)!.pveManagerVersion = command.version;
      return;
    default:
      // delay and skip-round act on the timeline.
      return;
  }
}

export function setPower(hardware: SimHardware, node: SimNode, on: boolean): void {
  if (on && node.power !== 'on') {
    node.crm ??= new Crm(node.crmEnv);
    node.lrm ??= new Lrm(node.lrmEnv);
    node.lrmRestart = false;
    node.cfs = { rw: true, update: true };
  } else if (!on && node.power !== 'off') {
    if (node.crm !== undefined) {
      node.crmEnv.log('info', 'killed by poweroff');
      node.crm = undefined;
    }
    if (node.lrm !== undefined) {
      node.lrmEnv.log('info', 'killed by poweroff');
      node.lrm = undefined;
      node.lrmRestart = false;
    }
    hardware.watchdogReset(node.name);
    hardware.running.set(node.name, new Map());
  }
  node.power = on ? 'on' : 'off';
  node.network = on ? 'on' : 'off';
  delete node.shutdown;
}

function crmCommand(hardware: SimHardware, node: SimNode, action: string, mode: string | undefined): void {
  if (action === 'stop') {
    node.crm?.shutdownRequest();
  } else if (action === 'start') {
    node.crm ??= new Crm(node.crmEnv);
  } else if (action === 'disarm-ha') {
    hardware.crmCommands.push(`disarm-ha ${mode}`);
  } else if (action === 'arm-ha') {
    hardware.crmCommands.push('arm-ha');
  } else {
    hardware.crmCommands.push(`${action} ${node.name}`);
  }
}

function serviceCommand(hardware: SimHardware, sid: string, action: string, args: readonly string[]): void {
  const config = hardware.services.get(sid);
  const missing = () => hardware.hardwareLog('err', `no such service '${sid}'`);
  switch (action) {
    case 'started':
    case 'stopped':
    case 'disabled':
    case 'ignored':
      if (config === undefined) return missing();
      config.state = action;
      return;
    case 'migrate':
    case 'relocate':
    case 'stop':
      hardware.crmCommands.push(`${action} ${sid} ${args[0]}`);
      return;
    case 'add': {
      if (config !== undefined) return hardware.hardwareLog('err', `resource ID '${sid}' already defined`);
      const node = args[0]!;
      const state = (args[1] ?? 'started') as 'started' | 'stopped' | 'disabled' | 'ignored';
      hardware.services.set(sid, { sid, node, state, failback: true, maxRestart: 1, maxRelocate: 1 });
      hardware.runningOn(node).set(sid, (args[2] ?? '0') !== '0');
      return;
    }
    case 'delete':
      if (config === undefined) return missing();
      hardware.services.delete(sid);
      return;
    case 'lock':
      if (config === undefined) return missing();
      config.lock = args[0] ?? 'backup';
      return;
    case 'unlock':
      if (config === undefined) return missing();
      if (args[0] === undefined || config.lock === args[0]) delete config.lock;
      return;
    case 'set-static-stats':
      hardware.staticStats.set(sid, { ...statsOf(hardware.staticStats.get(sid), args, 'maxcpu', 'maxmem', 'maxCpu', 'maxMemBytes') });
      return;
    case 'set-dynamic-stats':
      hardware.dynamicStats.set(sid, { ...statsOf(hardware.dynamicStats.get(sid), args, 'cpu', 'mem', 'cpu', 'memBytes') });
      return;
    case 'manual-migrate':
      // An offline move behind the HA stack's back: the guest arrives stopped
      // (test-manual-migrate-ignored1, test-disarm-ignored2: the target's LRM starts it).
      if (config === undefined) return missing();
      hardware.runningOn(config.node).delete(sid);
      config.node = args[0]!;
      return;
    default:
      return;
  }
}

/** Reads `key value` pairs (memory in MiB) over the previous stats. */
function statsOf<T extends object>(previous: T | undefined, args: readonly string[], cpuKey: string, memKey: string, cpuField: string, memField: string): T {
  const stats: Record<string, number> = { ...(previous as Record<string, number> | undefined) };
  for (let index = 0; index + 1 < args.length; index += 2) {
    const value = Number(args[index + 1]);
    if (args[index] === cpuKey) stats[cpuField] = value;
    if (args[index] === memKey) stats[memField] = value * MIB;
  }
  return stats as T;
}
