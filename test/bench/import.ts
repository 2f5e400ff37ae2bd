/**
 * npm run bench:import [-- --nodes 64 --guests 2000 --seed 13]
 *
 * `headroom import proxmox` on a generated dump (generate-proxmox-dump.ts: 2,000 guests on 64
 * nodes unless told otherwise), timed the way the command runs it, modules already loaded: read
 * the dump folder, map it, write the scenario atomically; then the same from a .tar.gz of the dump
 * (unpacked with node-tar into a temporary folder first). Target: under 2 s. Prints wall seconds
 * per case, the peak RSS of the process (process.resourceUsage().maxRSS, module loading and the
 * generator included), and the counts, so a figure can be checked against what was imported.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { c as createTar } from 'tar';
import { withDumpFolder } from '../../src/io/proxmox/dump/open-dump.js';
import { readDump } from '../../src/io/proxmox/dump/read-dump.js';
import { importProxmox } from '../../src/io/proxmox/import/map-dump.js';
import { writeImportedScenario } from '../../src/io/proxmox/import/write-scenario.js';
import { writeGeneratedDump } from './generate-proxmox-dump.js';

const { values } = parseArgs({ options: { nodes: { type: 'string', default: '64' }, guests: { type: 'string', default: '2000' }, seed: { type: 'string', default: '13' } } });
const work = mkdtempSync(join(tmpdir(), 'headroom-bench-import-'));
try {
  const counts = writeGeneratedDump(join(work, 'dump'), { nodes: Number(values.nodes), guests: Number(values.guests), seed: Number(values.seed) });
  createTar({ gzip: true, sync: true, file: join(work, 'dump.tar.gz'), cwd: work }, ['dump']);
  console.log(`bench:import: ${counts.guests} guests (${counts.counted} counted, ${counts.templates} templates, ${counts.stopped} stopped) on ${counts.nodes} nodes, seed ${values.seed}`);
  for (const [label, from] of [['folder', join(work, 'dump')], ['tar.gz', join(work, 'dump.tar.gz')]] as const) {
    const start = performance.now();
    const result = withDumpFolder(from, (folder) => importProxmox(readDump(folder)));
    writeImportedScenario(join(work, `out-${label}`), result);
    const seconds = (performance.now() - start) / 1000;
    console.log(`  from the ${label.padEnd(6)} ${seconds.toFixed(2)} s  (${result.cluster.vms.length} VMs in ${result.cluster.classes.length} classes, ${result.cluster.ha!.rules.length} rules, ${result.notes.length} assumptions)  ${seconds < 2 ? 'under' : 'OVER'} the 2 s target`);
  }
  console.log(`  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
