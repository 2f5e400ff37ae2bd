/**
 * `--from DUMP` or `--from DUMP.tar.gz`: a dump folder is read where it is; an archive (what
 * scripts/proxmox-dump.sh writes) is unpacked with node-tar into a temporary folder, read, and
 * the folder removed whatever happens. The archive may hold the dump's files at its top or in one
 * folder (`tar -C parent -czf x.tar.gz DUMP`). `priv/` is never unpacked.
 *
 * `use` runs while the files exist, so an InputError it throws about an unpacked file is renamed
 * to `ARCHIVE:relative/path`: the temporary folder means nothing to the user.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { x as extract } from 'tar';
import { InputError } from '../../../errors.js';

const EXPECTED = 'a dump folder or a .tar.gz of one, as scripts/proxmox-dump.sh writes (README: "Importing a Proxmox VE cluster")';

export function withDumpFolder<T>(from: string, use: (folder: string) => T): T {
  if (!existsSync(from)) throw new InputError({ file: from, field: '--from', value: from, expected: `${EXPECTED}; nothing is there` });
  if (statSync(from).isDirectory()) return use(from);
  const scratch = mkdtempSync(join(tmpdir(), 'headroom-dump-'));
  try {
    try {
      extract({ file: from, cwd: scratch, sync: true, strict: true, filter: (path) => !path.split('/').includes('priv') });
    } catch (error) {
      throw new InputError({ file: from, field: '--from', value: from, expected: `${EXPECTED} (${(error as Error).message})` });
    }
    const root = dumpRoot(scratch);
    try {
      return use(root);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      throw new InputError(error.issues.map((issue) => (issue.file.startsWith(root) ? { ...issue, file: `${from}:${relative(root, issue.file) || '.'}` } : issue)));
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The folder holding `api/` and `etc-pve/`: the archive's top, or its one folder. */
function dumpRoot(scratch: string): string {
  const entries = readdirSync(scratch, { withFileTypes: true });
  const single = entries.length === 1 && entries[0]!.isDirectory() ? join(scratch, entries[0]!.name) : undefined;
  return single !== undefined && !existsSync(join(scratch, 'api')) ? single : scratch;
}
