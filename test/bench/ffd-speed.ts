/**
 * npm run bench:pack-speed: headroom's first-fit-decreasing against a plain C one.
 *
 * Generates a seeded instance (minstd_rand0(42)): 100,000 items, 4 dimensions, capacity 1000
 * per dimension, sizes uniform in [1, 400]. Compiles test/bench/ffd.c with `cc -O2` into a temp
 * folder, runs both on the same instance, checks they use the same number of bins (the same
 * algorithm), and prints both times and the ratio. Each side is timed as the best of 3 runs,
 * sorting and packing included, reading excluded. The C side scans every bin for every item;
 * headroom's skips bins that can no longer take any remaining item (first-fit.ts), which gives
 * the same packing with fewer checks.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { firstFitDecreasing } from '../../src/engine/packing/first-fit-decreasing.js';
import type { VbpInstance } from '../../src/engine/packing/instance.js';
import { MinstdRand0 } from '../../src/engine/packing/minstd.js';

const ITEMS = 100_000;
const DIMS = 4;
const CAPACITY = 1000;
const MAX_SIZE = 400;
const RUNS = 3;

const rng = new MinstdRand0(42);
const sizes = new Float64Array(ITEMS * DIMS);
for (let index = 0; index < sizes.length; index++) sizes[index] = rng.uniformInt(1, MAX_SIZE);
const instance: VbpInstance = { dims: DIMS, capacity: Array(DIMS).fill(CAPACITY), sizes };

let ours = Infinity;
let ourBins = 0;
for (let run = 0; run < RUNS; run++) {
  const started = performance.now();
  ourBins = firstFitDecreasing(instance, 'l2').bins;
  ours = Math.min(ours, performance.now() - started);
}

const work = mkdtempSync(join(tmpdir(), 'headroom-ffd-'));
try {
  // The C source sits beside this file's TypeScript source (dist/test/bench -> test/bench).
  const source = resolve(dirname(fileURLToPath(import.meta.url)), '../../../test/bench/ffd.c');
  const binary = join(work, 'ffd');
  execFileSync('cc', ['-O2', '-o', binary, source, '-lm']);
  const rows: string[] = [];
  for (let item = 0; item < ITEMS; item++) rows.push(Array.from(sizes.subarray(item * DIMS, (item + 1) * DIMS)).join(' '));
  const input = `${DIMS}\n${instance.capacity.join(' ')}\n${ITEMS}\n${rows.join('\n')}\n`;
  let theirs = Infinity;
  let theirBins = 0;
  for (let run = 0; run < RUNS; run++) {
    const [bins, ms] = execFileSync(binary, { input }).toString().trim().split(' ').map(Number) as [number, number];
    theirBins = bins;
    theirs = Math.min(theirs, ms);
  }
  if (theirBins !== ourBins) throw new Error(`C FFD used ${theirBins} bins, headroom ${ourBins}: not the same algorithm`);
  console.log(`instance: ${ITEMS} items, ${DIMS} dimensions, sizes uniform in [1, ${MAX_SIZE}] of ${CAPACITY}; ${ourBins} bins`);
  console.log(`headroom ffd: ${ours.toFixed(1)} ms`);
  console.log(`C ffd (cc -O2, naive scan): ${theirs.toFixed(1)} ms`);
  console.log(`ratio headroom / C = ${(ours / theirs).toFixed(2)}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
