import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';

/**
 * Writes every file to a temporary sibling first and renames them into place only when all
 * writes succeeded, so a failure never leaves a half-written report behind.
 */
export function writeFilesAtomically(files: ReadonlyArray<{ path: string; content: string | Uint8Array }>): void {
  const staged: Array<{ tmp: string; path: string }> = [];
  try {
    for (const file of files) {
      mkdirSync(dirname(file.path), { recursive: true });
      const tmp = join(dirname(file.path), `.${basename(file.path)}.${process.pid}.tmp`);
      writeFileSync(tmp, file.content);
      staged.push({ tmp, path: file.path });
    }
  } catch (error) {
    for (const { tmp } of staged) rmSync(tmp, { force: true });
    throw error;
  }
  for (const { tmp, path } of staged) renameSync(tmp, path);
}
