/** Flags shared by several commands, defined once. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Flags } from '@oclif/core';
import { STRATEGY_NAMES } from '../../engine/placement/strategies/index.js';

/** The installed package's root (where package.json is), from src/ or from dist/src/. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('headroom: cannot find its package.json');
    dir = parent;
  }
  return dir;
}

export const DEFAULT_SCENARIO = join(packageRoot(), 'scenarios', 'lab.yaml');

export const scenarioFlag = Flags.string({
  char: 's',
  description: 'Scenario file (YAML naming the CSV inputs and the policy). Default: the bundled lab, scenarios/lab.yaml.',
  default: DEFAULT_SCENARIO,
  parse: async (input) => resolve(input),
});

export const strategyFlag = Flags.string({
  description: "Placement strategy (default: the scenario's policy.strategy).",
  options: [...STRATEGY_NAMES],
});
