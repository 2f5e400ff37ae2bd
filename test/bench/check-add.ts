/**
 * npm run bench:check-add [-- --class infra-small --counts 3750,7500,15000,30000]
 * `headroom check --add CLASS:N` on the bundled lab, by flag and by an equivalent change file
 * (`add: { vms: [{ class, count: N }] }`), each as its own process: wall seconds, and how the
 * time grows as N doubles (about 2× when linear, 4× when quadratic). The two runs must print the
 * same JSON. Target: the 30,000-VM flag run no slower than 1.5× the change-file run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { packageRoot } from '../../src/io/package-root.js';

const { values } = parseArgs({ options: { class: { type: 'string', default: 'infra-small' }, counts: { type: 'string', default: '3750,7500,15000,30000' } } });
const counts = values.counts.split(',').map(Number);
const bin = join(packageRoot(), 'bin', 'run.js');
const work = mkdtempSync(join(tmpdir(), 'headroom-check-add-'));

/** One `check ... --json` run: its wall seconds and what it printed (exit 1 is the gate failing, as expected). */
function timedCheck(args: string[]): { seconds: number; stdout: string } {
  const started = performance.now();
  const run = spawnSync(process.execPath, [bin, 'check', ...args, '--json'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0 && run.status !== 1) throw new Error(`check ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return { seconds, stdout: run.stdout };
}

console.log(`bench:check-add, check --add ${values.class}:N on the lab, node ${process.version}`);
console.log('      N   flag s  change-file s  flag/file  flag time ×  (N ×2)');
let previous: number | null = null;
for (const count of counts) {
  const file = join(work, `add-${count}.yaml`);
  writeFileSync(file, `add:\n  vms:\n    - { class: ${values.class}, count: ${count} }\n`);
  const byFlag = timedCheck(['--add', `${values.class}:${count}`]);
  const byFile = timedCheck(['--change', file]);
  if (byFlag.stdout !== byFile.stdout) throw new Error(`N = ${count}: the flag and the change file print different JSON`);
  const growth = previous === null ? '' : (byFlag.seconds / previous).toFixed(1);
  previous = byFlag.seconds;
  console.log(
    `${String(count).padStart(7)} ${byFlag.seconds.toFixed(2).padStart(8)} ${byFile.seconds.toFixed(2).padStart(14)} ${(byFlag.seconds / byFile.seconds).toFixed(2).padStart(10)} ${growth.padStart(12)}`,
  );
}
console.log('(flag and change-file output compared byte for byte: identical)');
