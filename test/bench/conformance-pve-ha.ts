/**
 * `npm run conformance:pve-ha [-- DIR] [-- --full-log]`: replays every pve-ha-manager test
 * folder under DIR (default ../shared/bench/pve-ha from the current directory) and compares the
 * recoveries with each log.expect. Prints one line per test and `N passed, M failed`; with
 * `--full-log` also the first differing line of each test whose whole log differs and
 * `full log: N of M identical`. Exit 1 if a recovery comparison failed, 2 if DIR is unreadable.
 */
import { resolve } from 'node:path';
import { formatConformance, runConformance } from '../../src/io/proxmox/pve-ha-test/conformance.js';

const args = process.argv.slice(2);
const fullLog = args.includes('--full-log');
const dir = resolve(args.find((arg) => !arg.startsWith('--')) ?? '../shared/bench/pve-ha');
try {
  const rows = runConformance(dir);
  process.stdout.write(formatConformance(rows, { fullLog }));
  process.exitCode = rows.every((row) => row.pass) ? 0 : 1;
} catch (error) {
  process.stderr.write(`conformance: cannot read ${dir}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
