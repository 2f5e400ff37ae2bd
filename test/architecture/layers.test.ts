/**
 * The layering of src/: a folder imports only folders below it, and no import cycle exists
 * between files outside the HA simulator (whose daemons call each other by design). Ranks, low
 * to high; folders of equal rank never import each other:
 *   errors.ts < engine/numeric < engine/proxmox < engine/model, engine/packing, engine/forecast
 *   < engine/placement < engine/failure < engine/availability < engine/policy < engine/operations < engine/report, engine/ha-sim < io < workers < commands
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../src');
const RANK: Record<string, number> = {
  'errors.ts': 0,
  'engine/numeric': 1,
  'engine/proxmox': 2,
  'engine/model': 3,
  'engine/packing': 3,
  'engine/forecast': 3,
  'engine/placement': 4,
  'engine/failure': 5,
  'engine/availability': 5.5,
  'engine/policy': 6,
  'engine/operations': 6.5,
  'engine/report': 7,
  'engine/ha-sim': 7,
  io: 8,
  workers: 9,
  commands: 10,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [relative(SRC, path)] : [];
  });
}

function layerOf(file: string): string {
  const parts = file.split('/');
  return parts[0] === 'engine' ? `engine/${parts[1]}` : parts[0]!;
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(SRC, file), 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)\.js'/g)].map((match) => normalize(join(dirname(file), `${match[1]}.ts`)));
}

const files = sourceFiles(SRC).sort();
const graph = new Map(files.map((file) => [file, importsOf(file)]));

describe('src layering', () => {
  it('ranks every folder', () => {
    expect(files.map(layerOf).filter((layer) => RANK[layer] === undefined)).toEqual([]);
  });

  it('imports only point down', () => {
    const upward = [...graph].flatMap(([file, targets]) =>
      targets
        .filter((target) => layerOf(target) !== layerOf(file) && RANK[layerOf(target)]! >= RANK[layerOf(file)]!)
        .map((target) => `${file} -> ${target}`),
    );
    expect(upward).toEqual([]);
  });

  it('has no import cycle outside the HA simulator', () => {
    const outside = files.filter((file) => layerOf(file) !== 'engine/ha-sim');
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]): void => {
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) {
        if (layerOf(next) === 'engine/ha-sim') continue;
        if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next].join(' -> '));
        else if (state.get(next) === undefined) visit(next, [...path, next]);
      }
      state.set(file, 'done');
    };
    for (const file of outside) if (state.get(file) === undefined) visit(file, [file]);
    expect(cycles).toEqual([]);
  });
});
