/**
 * Replays one HA scenario through the simulated cluster and returns the manager's placement
 * decisions in order, with the simulated log. Pure: the scenario is copied, the clock is
 * simulated, nothing is random. Every placement path of ha-manager 5.2.0 is modelled: recovery,
 * failback, maintenance, start-failure relocation, CRM commands, rebalance on start and
 * auto-rebalance, with the logs of disarm, idle daemons, cfs faults and the group migration.
 * Refused, with the reason: a feature outside that (hardware fencing, `fence.cfg`), more nodes
 * than a round allows (MAX_NODES) and a timeline past the simulator's hard stop.
 * Observed: docs/pve-ha-recovery.md (in ../shared, all sections), and the 124 upstream
 * regression tests in ../shared/bench/pve-ha (`npm run conformance:pve-ha -- --full-log`).
 */
import type { HaDecision, HaScenario } from './model.js';
import { DaemonEnv } from './env.js';
import { type LogLine, SimHardware, type SimNode } from './hardware.js';
import { MAX_NODES, MAX_SIMULATION_SECONDS, runTimeline } from './timeline.js';

/** A scenario the simulator cannot run to its end: too many nodes, or a timeline too long. */
export type SimulatorLimit = { limit: 'nodes' | 'seconds'; value: number; max: number };

export type HaReplay =
  | { status: 'ok'; decisions: HaDecision[]; log: LogLine[]; endTime: number }
  | { status: 'unsupported'; features: string[] }
  | { status: 'beyond-limits'; limit: SimulatorLimit };

export function replayScenario(scenario: HaScenario): HaReplay {
  const features = [...scenario.unsupported];
  if (features.length > 0) return { status: 'unsupported', features };
  if (scenario.nodes.length > MAX_NODES) return { status: 'beyond-limits', limit: { limit: 'nodes', value: scenario.nodes.length, max: MAX_NODES } };

  const initial = structuredClone(scenario.managerStatus);
  const hardware = new SimHardware(
    structuredClone(scenario.rules),
    structuredClone(scenario.groups),
    structuredClone(scenario.datacenter),
    new Map(Object.entries(structuredClone(scenario.staticStats))),
    new Map(Object.entries(structuredClone(scenario.dynamicStats))),
    { masterNode: initial.masterNode, nodeStatus: initial.nodeStatus, serviceStatus: initial.serviceStatus, nodeRequest: initial.nodeRequest },
  );
  for (const node of scenario.nodes) {
    const simNode: SimNode = {
      name: node.name,
      power: node.power,
      network: node.network,
      cfs: { rw: true, update: true },
      crmEnv: new DaemonEnv(hardware, node.name, 'crm'),
      lrmEnv: new DaemonEnv(hardware, node.name, 'lrm'),
      lrmRestart: false,
    };
    if (node.maxCpu !== undefined) simNode.maxCpu = node.maxCpu;
    if (node.maxMemBytes !== undefined) simNode.maxMemBytes = node.maxMemBytes;
    if (node.pveManagerVersion !== undefined) simNode.pveManagerVersion = node.pveManagerVersion;
    hardware.nodes.set(node.name, simNode);
    hardware.running.set(node.name, new Map((scenario.runningAtStart[node.name] ?? []).map((sid) => [sid, true])));
  }
  for (const service of scenario.services) hardware.services.set(service.sid, { ...service });

  hardware.hardwareLog('info', 'starting simulation');
  if (runTimeline(hardware, scenario.cmdlist) === 'time-limit') {
    return { status: 'beyond-limits', limit: { limit: 'seconds', value: hardware.time, max: MAX_SIMULATION_SECONDS } };
  }
  return { status: 'ok', decisions: hardware.decisions, log: hardware.log, endTime: hardware.time };
}

/** A log line in upstream's `log.expect` layout, for comparing runs by eye. */
export function formatLogLine(line: LogLine): string {
  const level = line.level.slice(0, 4).padEnd(5);
  return `${level} ${String(line.time).padStart(5)} ${line.origin.padStart(12)}: ${line.message}`;
}
