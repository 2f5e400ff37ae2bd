/** Writes a copy of the lab scenario into a temporary folder, with edits, for loader and command tests. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const LAB_DATA = resolve('data/lab');
export const LAB_SCENARIO = resolve('scenarios/lab.yaml');

export interface LabCopy {
  dir: string;
  scenario: string;
  file(name: string): string;
  /** Replaces text in one of the copied files (nodes.csv, vms.csv, lab.yaml, ...). */
  edit(name: string, from: string | RegExp, to: string): LabCopy;
  /** 1-based line number of the first line containing `text`. */
  lineOf(name: string, text: string): number;
}

export function labCopy(): LabCopy {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-lab-'));
  cpSync(LAB_DATA, dir, { recursive: true });
  const scenario = join(dir, 'lab.yaml');
  writeFileSync(scenario, readFileSync(LAB_SCENARIO, 'utf8').replaceAll('../data/lab/', './'));
  const copy: LabCopy = {
    dir,
    scenario,
    file: (name) => join(dir, name),
    edit(name, from, to) {
      const path = join(dir, name);
      const before = readFileSync(path, 'utf8');
      const after = before.replace(from, to);
      if (after === before) throw new Error(`test edit did not apply to ${name}: ${String(from)}`);
      writeFileSync(path, after);
      return copy;
    },
    lineOf(name, text) {
      return readFileSync(join(dir, name), 'utf8').split('\n').findIndex((line) => line.includes(text)) + 1;
    },
  };
  return copy;
}
