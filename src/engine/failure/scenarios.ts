/**
 * Which nodes fail, scenario by scenario: a named set, a failure domain, every combination of
 * up to k nodes (Σ_{i=1..k} C(n, i) scenarios, in lexicographic order of node positions), or
 * every failure domain. Node lists are in natural name order, so labels are stable.
 */
import type { ClusterIndex } from '../model/cluster-index.js';
import type { FailureScenario } from './outcome.js';

export interface IndexedScenario extends FailureScenario {
  nodes: number[];
}

export function scenarioOf(index: ClusterIndex, nodes: readonly number[], label?: string): IndexedScenario {
  const sorted = [...new Set(nodes)].sort((a, b) => a - b);
  const failed = sorted.map((n) => index.nodes[n]!.name);
  return { failed, label: label ?? failed.join('+'), nodes: sorted };
}

/** C(n, 1) + ... + C(n, k), as a float so that huge sweeps report their size instead of overflowing. */
export function combinationCount(n: number, k: number): number {
  let total = 0;
  let term = 1;
  for (let i = 1; i <= Math.min(k, n); i++) {
    term = (term * (n - i + 1)) / i;
    total += term;
  }
  return Math.round(total);
}

/** Every set of 1..k nodes, smaller sets first, each size in lexicographic order. */
export function combinationScenarios(index: ClusterIndex, k: number): IndexedScenario[] {
  const scenarios: IndexedScenario[] = [];
  const chosen: number[] = [];
  const extend = (start: number, size: number): void => {
    if (chosen.length === size) {
      scenarios.push(scenarioOf(index, chosen));
      return;
    }
    for (let node = start; node < index.nodeCount; node++) {
      chosen.push(node);
      extend(node + 1, size);
      chosen.pop();
    }
  };
  for (let size = 1; size <= Math.min(k, index.nodeCount); size++) extend(0, size);
  return scenarios;
}

/** Failure domains as `kind:name` → nodes, sorted by kind then name. */
export function failureDomains(index: ClusterIndex): Map<string, number[]> {
  const domains = new Map<string, number[]>();
  index.nodes.forEach((node, n) => {
    for (const [kind, name] of Object.entries(node.domains)) {
      const key = `${kind}:${name}`;
      domains.set(key, [...(domains.get(key) ?? []), n]);
    }
  });
  return new Map([...domains].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function domainScenarios(index: ClusterIndex): IndexedScenario[] {
  return [...failureDomains(index)].map(([key, nodes]) => scenarioOf(index, nodes, key));
}
