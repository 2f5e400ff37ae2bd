/**
 * `npm run conformance:pve-ha [-- DIR]`: replays every pve-ha-manager test folder under DIR
 * (default ../shared/bench/pve-ha from the current directory) and compares the recoveries with
 * each log.expect. Prints one line per test and `N passed, M failed`; exit 1 if any failed.
 */
import { resolve } from 'node:path';
import { formatConformance, runConformance } from '../../src/io/proxmox/pve-ha-test/conformance.js';

const dir = resolve(process.argv[2] ?? '../shared/bench/pve-ha');
try {
  const rows = runConformance(dir);
  process.stdout.write(formatConformance(rows));
  process.exitCode = rows.every((row) => row.pass) ? 0 : 1;
} catch (error) {
  process.stderr.write(`conformance: cannot read ${dir}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
