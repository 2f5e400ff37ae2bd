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
