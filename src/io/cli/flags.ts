/** Flags shared by several commands, defined once. */
import { join, resolve } from 'node:path';
import { Flags } from '@oclif/core';
import { ALL_STRATEGY_NAMES } from '../../engine/placement/strategies/index.js';
import { packageRoot } from '../package-root.js';

export const DEFAULT_SCENARIO = join(packageRoot(), 'scenarios', 'lab.yaml');

export const scenarioFlag = Flags.string({
  char: 's',
  description: 'Scenario file (YAML naming the CSV inputs and the policy). Default: the bundled lab, scenarios/lab.yaml.',
  default: DEFAULT_SCENARIO,
  parse: async (input) => resolve(input),
});

export const strategyFlag = Flags.string({
  description: "Placement strategy (default: the scenario's policy.strategy).",
  options: [...ALL_STRATEGY_NAMES],
});
