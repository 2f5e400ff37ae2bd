/**
 * Writes an imported scenario into `--out`, all files or none (io/output/atomic-write.ts). The
 * import never replaces anything: `--out` must be new or an empty folder, checked before the dump
 * is read so a refused run costs nothing.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../../errors.js';
import { writeFolderAtomically } from '../../output/atomic-write.js';
import type { ProxmoxImport } from './map-dump.js';
import { scenarioFileName, scenarioFiles } from './scenario-files.js';

export function checkNewFolder(out: string): void {
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory() || readdirSync(out).length > 0) {
    throw new InputError({ file: out, field: '--out', value: out, expected: 'a new or empty folder (an import never overwrites files)' });
  }
}

/** Writes the scenario files; returns the scenario YAML's path, under `out` as given. */
export function writeImportedScenario(out: string, result: ProxmoxImport): string {
  checkNewFolder(out);
  writeFolderAtomically({ field: '--out', path: out }, scenarioFiles(result));
  return join(out, scenarioFileName(result.cluster));
}

/** A scenario YAML given as itself, or as the folder an import wrote (its one `*.yaml`). */
export function scenarioInFolder(path: string): string {
  if (!existsSync(path) || !statSync(path).isDirectory()) return path;
  const yamls = readdirSync(path).filter((name) => name.endsWith('.yaml')).sort();
  if (yamls.length !== 1) throw new InputError({ file: path, field: '(folder)', value: yamls.join(', ') || '(none)', expected: 'a scenario YAML, or a folder holding exactly one (as import proxmox writes)' });
  return join(path, yamls[0]!);
}
