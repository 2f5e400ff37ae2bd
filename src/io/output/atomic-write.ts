/**
 * Writes a folder of files all at once or not at all: every file goes into a temporary sibling
 * folder (`.NAME.tmp-XXXXXX`, beside the target, so on the same file system), which is renamed
 * to the target only when every write succeeded. Nothing half-written is ever visible under the
 * target's name, and no temporary folder is left behind, whatever fails.
 *
 * An existing target is replaced only when it is a folder holding nothing but files this
 * writer would write (a previous report): it is renamed aside, the new folder renamed in, and
 * the old one deleted; if the second rename fails the old one is put back. Anything else there
 * (a file, a subfolder, another file) is refused before anything is written, so `--out .` or
 * `--out ~` can never delete a folder of the user's.
 *
 * Every refusal and every file system error is an InputError naming the path and what was
 * expected (exit 2), never a raw Node message.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, type Dirent } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { InputError } from '../../errors.js';

export interface OutputFolder {
  /** The flag or setting that named the folder, for messages, e.g. `--out`. */
  readonly field: string;
  /** The folder as the user gave it. */
  readonly path: string;
}

/** File system error codes in words, for the messages (Node's own text names syscalls). */
const FS_PROBLEMS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENAMETOOLONG: 'the name is too long',
  EISDIR: 'a folder stands where a file should be',
  EBUSY: 'the folder is in use',
  ENOENT: 'no such folder, or one that cannot hold files',
};

export function writeFolderAtomically(target: OutputFolder, files: ReadonlyArray<{ name: string; content: string | Uint8Array }>): void {
  if (target.path.trim() === '') refuse(target, 'a folder path to write the report into');
  const dir = resolve(target.path);
  let createdParent: string | undefined;
  let staging: string | undefined;
  try {
    const replacing = checkReplaceable(target, dir, files.map((file) => file.name));
    createdParent = mkdirSync(dirname(dir), { recursive: true });
    staging = mkdtempSync(join(dirname(dir), `.${basename(dir)}.tmp-`));
    for (const file of files) {
      mkdirSync(dirname(join(staging, file.name)), { recursive: true });
      writeFileSync(join(staging, file.name), file.content);
    }
    if (replacing) swapIn(staging, dir);
    else renameSync(staging, dir);
  } catch (error) {
    if (staging !== undefined) rmSync(staging, { recursive: true, force: true });
    if (createdParent !== undefined) rmSync(createdParent, { recursive: true, force: true });
    const { code, path } = error as NodeJS.ErrnoException;
    if (code === undefined) throw error;
    // The temporary folder's name means nothing to the user: name the folder it sits in.
    const where = path === undefined || path.startsWith(join(dirname(dir), `.${basename(dir)}.tmp-`)) ? dirname(dir) : path;
    refuse(target, `a folder headroom can create and write (${where}: ${FS_PROBLEMS[code] ?? code})`);
  }
}

/** Refuses (exit 2) a folder target that writeFolderAtomically would refuse, before any work is done; `names` as it will be given. */
export function checkFolderTarget(target: OutputFolder, names: readonly string[]): void {
  if (target.path.trim() === '') refuse(target, 'a folder path to write the report into');
  checkReplaceable(target, resolve(target.path), names);
}

/**
 * Writes one file all at once: a temporary file beside it, renamed over the target (node_exporter's
 * textfile collector reads `*.prom` files only, and never sees the temporary `.NAME.tmp-XXXXXX`).
 * The folder must exist: a missing one is refused (exit 2), as is a folder in the file's place.
 */
export function writeFileAtomically(target: OutputFolder, content: string): void {
  const file = checkFileTarget(target);
  let staging: string | undefined;
  try {
    staging = join(mkdtempSync(join(dirname(file), `.${basename(file)}.tmp-`)), basename(file));
    writeFileSync(staging, content);
    renameSync(staging, file);
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    if (code === undefined) throw error;
    refuse(target, `a file headroom can write (${dirname(file)}: ${FS_PROBLEMS[code] ?? code})`);
  } finally {
    if (staging !== undefined) rmSync(dirname(staging), { recursive: true, force: true });
  }
}

/** Refuses (exit 2) a file target that cannot be written; returns its absolute path. Call it before writing anything else. */
export function checkFileTarget(target: OutputFolder): string {
  if (target.path.trim() === '') refuse(target, 'a file path');
  const file = resolve(target.path);
  if (!existsSync(dirname(file)) || !statSync(dirname(file)).isDirectory()) refuse(target, `a file in an existing folder (${dirname(file)} does not exist)`);
  if (existsSync(file) && statSync(file).isDirectory()) refuse(target, `a file, not a folder (${file})`);
  return file;
}

/**
 * Whether `dir` exists and may be replaced; refuses one that holds anything but `names` as files,
 * and, for a name in a subfolder (`charts/load-cpu.png`), that subfolder holding only files of
 * the kinds written there (a previous report drew charts of other nodes).
 */
function checkReplaceable(target: OutputFolder, dir: string, names: readonly string[]): boolean {
  if (!existsSync(dir)) return false;
  if (!statSync(dir).isDirectory()) refuse(target, `a folder, not an existing file (${dir})`);
  const kindsIn = (folder: string) => new Set(names.filter((name) => dirname(name) === folder).map((name) => extname(name)));
  const ours = (entry: Dirent): boolean => {
    if (entry.isFile()) return names.includes(entry.name);
    if (!entry.isDirectory() || kindsIn(entry.name).size === 0) return false;
    return readdirSync(join(dir, entry.name), { withFileTypes: true }).every((inner) => inner.isFile() && kindsIn(entry.name).has(extname(inner.name)));
  };
  const foreign = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !ours(entry))
    .map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name))
    .sort();
  if (foreign.length > 0) {
    const shown = foreign.length > 5 ? [...foreign.slice(0, 5), `and ${foreign.length - 5} more`] : foreign;
    refuse(target, `a new folder or one holding only a previous report (${[...new Set(names.map((name) => name.split('/')[0]! + (name.includes('/') ? '/' : '')))].join(', ')}); ${dir} also holds ${shown.join(', ')}`);
  }
  return true;
}

/** Replaces `dir` by `staging`: the old folder is renamed aside first and put back if the new one cannot take its place. */
function swapIn(staging: string, dir: string): void {
  const aside = `${staging}-old`;
  renameSync(dir, aside);
  try {
    renameSync(staging, dir);
  } catch (error) {
    renameSync(aside, dir);
    throw error;
  }
  rmSync(aside, { recursive: true, force: true });
}

function refuse(target: OutputFolder, expected: string): never {
  throw new InputError({ file: 'command line', field: target.field, value: target.path, expected });
}
