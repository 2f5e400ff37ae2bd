/**
 * The command surface (commands and their flags) is an interface scripts depend on: a change to
 * it must be deliberate. On purpose, update test/commands/command-surface.json with the change.
 */
import { readFileSync } from 'node:fs';
import { Config } from '@oclif/core';
import { describe, expect, it } from 'vitest';

describe('command surface', () => {
  it('matches the recorded commands and flags', async () => {
    const config = await Config.load({ root: process.cwd() });
    const surface = Object.fromEntries(
      [...config.commands]
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map((command) => [command.id, Object.keys(command.flags).sort()]),
    );
    const recorded = JSON.parse(readFileSync('test/commands/command-surface.json', 'utf8')) as unknown;
    expect(surface).toEqual(recorded);
  });
});
