/**
 * Writes a copy of a lab scenario into a temporary folder, with edits, for loader and command
 * tests: by default the frozen proposal (test/fixtures/lab-proposed, the lab before it had a
 * current layout) that the hand-worked tests were worked on; `labCopy('current')` copies the
 * real lab as it ships (scenarios/lab.yaml).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** The lab as it ships: the default scenario of every command. */
export const LAB_SCENARIO = resolve('scenarios/lab.yaml');
/** The frozen proposal of the hand-worked tests (its README says why). */
export const PROPOSED_LAB = resolve('test/fixtures/lab-proposed/lab.yaml');

export interface LabCopy {
  dir: string;
  scenario: string;
  file(name: string): string;
  /** Replaces text in one of the copied files (nodes.csv, vms.csv, lab.yaml, ...). */
  edit(name: string, from: string | RegExp, to: string): LabCopy;
  /** 1-based line number of the first line containing `text`. */
  lineOf(name: string, text: string): number;
}

export function labCopy(which: 'proposed' | 'current' = 'proposed'): LabCopy {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-lab-'));
  const scenario = join(dir, 'lab.yaml');
  if (which === 'current') {
    cpSync(resolve('data/lab'), dir, { recursive: true });
    writeFileSync(scenario, readFileSync(LAB_SCENARIO, 'utf8').replaceAll('../data/lab/', './'));
  } else {
    cpSync(dirname(PROPOSED_LAB), dir, { recursive: true });
  }
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

/** A lab with a sixth node like node01 (62 GiB for VMs, its own local-nvme), empty. */
export function sixNodeLab(which: 'proposed' | 'current' = 'proposed'): LabCopy {
  return labCopy(which)
    .edit('nodes.csv', 'node05,', 'node06,Ryzen 7 5700U,16,64,2,0,,2.5,rack-a,ups-a,compute,1\nnode05,')
    .edit('storage.csv', 'local-nvme,local,nvme,node04', 'local-nvme,local,nvme,node06,1758,,\nlocal-nvme,local,nvme,node04');
}
