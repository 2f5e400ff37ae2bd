/**
 * Turns the failover command's flags into failure scenarios, rejecting unknown or repeated nodes,
 * unknown domains, impossible sweeps, and sweeps larger than the limit without --yes.
 */
import type { ClusterIndex } from '../../engine/model/cluster-index.js';
import { combinationCount, combinationScenarios, domainScenarios, failureDomains, scenarioOf, type IndexedScenario } from '../../engine/failure/scenarios.js';
import { InputError } from '../../errors.js';
import { firstRepeat } from '../loaders/cells.js';

export const SWEEP_LIMIT = 100_000;

export type FailureSelection =
  | { kind: 'single'; scenario: IndexedScenario }
  | { kind: 'sweep'; label: string; scenarios: IndexedScenario[] };

export interface FailureFlags {
  fail?: string;
  domain?: string;
  sweep?: string;
  yes: boolean;
}

export function selectFailures(index: ClusterIndex, flags: FailureFlags): FailureSelection {
  const given = (['fail', 'domain', 'sweep'] as const).filter((flag) => flags[flag] !== undefined);
  if (given.length !== 1) {
    throw new InputError({ file: 'command line', field: given.length === 0 ? '--fail' : `--${given[1]}`, value: given.map((f) => `--${f}`).join(' '), expected: 'exactly one of --fail, --domain, --sweep' });
  }
  if (flags.fail !== undefined) return { kind: 'single', scenario: scenarioOf(index, failedNodes(index, flags.fail)) };
  if (flags.domain !== undefined) return { kind: 'single', scenario: domainNamed(index, flags.domain) };
  return sweepOf(index, flags.sweep!, flags.yes);
}

/** `node01,node02`: each a node of the cluster, each once. */
function failedNodes(index: ClusterIndex, fail: string): number[] {
  const names = fail.split(',').map((name) => name.trim());
  const repeated = firstRepeat(names);
  if (repeated !== undefined) throw new InputError({ file: 'command line', field: '--fail', value: fail, expected: `node names separated by commas, each once (${repeated} is given twice)` });
  return names.map((name) => nodeNamed(index, name));
}

function nodeNamed(index: ClusterIndex, name: string): number {
  const node = index.nodeIndex.get(name);
  if (node === undefined) throw new InputError({ file: 'command line', field: '--fail', value: name, expected: `node names separated by commas, from ${index.nodes.map((n) => n.name).join(', ')}` });
  return node;
}

/** `rack:rack-a`, or a bare `rack-a` when only one kind of domain has that name. */
function domainNamed(index: ClusterIndex, wanted: string): IndexedScenario {
  const domains = failureDomains(index);
  const matches = [...domains.keys()].filter((key) => key === wanted || key.slice(key.indexOf(':') + 1) === wanted);
  if (matches.length !== 1) {
    const expected = matches.length === 0 ? `a failure domain: ${[...domains.keys()].join(', ') || '(the nodes file names none)'}` : `one domain; qualify it: ${matches.join(' or ')}`;
    throw new InputError({ file: 'command line', field: '--domain', value: wanted, expected });
  }
  return scenarioOf(index, domains.get(matches[0]!)!, matches[0]);
}

function sweepOf(index: ClusterIndex, sweep: string, yes: boolean): FailureSelection {
  if (sweep === 'domains') {
    const scenarios = domainScenarios(index);
    if (scenarios.length === 0) throw new InputError({ file: 'command line', field: '--sweep', value: sweep, expected: 'a cluster whose nodes file gives failure domains (rack, power)' });
    return { kind: 'sweep', label: 'domains', scenarios };
  }
  const k = Number(sweep);
  if (!Number.isInteger(k) || k < 1 || k > index.nodeCount) {
    throw new InputError({ file: 'command line', field: '--sweep', value: sweep, expected: `'domains' or a whole number of failed nodes from 1 to ${index.nodeCount} (the node count)` });
  }
  const count = combinationCount(index.nodeCount, k);
  if (count > SWEEP_LIMIT && !yes) {
    throw new InputError({ file: 'command line', field: '--sweep', value: sweep, expected: `a sweep of at most ${SWEEP_LIMIT.toLocaleString('en-US')} scenarios, or --yes: this one has ${count.toLocaleString('en-US')}` });
  }
  return { kind: 'sweep', label: `up to ${k} failed node${k === 1 ? '' : 's'}`, scenarios: combinationScenarios(index, k) };
}
