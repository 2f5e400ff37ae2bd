/**
 * npm run bench:vbp [-- --dir D --table T [--table T2] [--threads n] [--time-limit s]]
 *
 * Packs every .vbp file under D (default ../shared/bench/vbp) with each strategy, items shuffled
 * by the published protocol (vbp-shuffle.ts), and prints mean bins/OPT per family and strategy,
 * with proven-optimal counts and times. Budgets are the engine's defaults, in work units, so
 * every figure but the times is the same on any machine; the time limit (default 60 s, as
 * `pack`) is only a safety net, and each strategy's line says how often it fired. OPT comes from the TAB tables (`instance_name LB OPT`,
 * -1 = unknown; default: the two shared tables) and, for the triplet families, is n/3 by
 * construction. Files that fail to load (the 9 Caprara files with negative sizes) are skipped
 * and counted. Tasks run on a piscina pool; results are merged in input order, never in
 * completion order, so the printout does not depend on the thread count. The last line is
 *   mean bins/OPT = <x> over <n> instances, <p> proven optimal
 * for the best configuration over the instances whose OPT is known. VBP_STRATEGIES=a,b picks the
 * strategies compared before it (default: every greedy and the local search; empty: none).
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Piscina } from 'piscina';
import { InputError } from '../../src/errors.js';
import { itemCount } from '../../src/engine/packing/instance.js';
import type { StrategyName } from '../../src/engine/packing/strategies.js';
import { loadOptTable, loadVbp, type OptRow } from '../../src/io/loaders/vbp.js';
import type { BenchOutcome, BenchTask } from './vbp-worker.js';

const HEURISTICS: StrategyName[] = (process.env.VBP_STRATEGIES ?? 'ff,ffd,ffd-l1,ffd-linf,bfd,dot-product,mbs,local-search').split(',').filter(Boolean) as StrategyName[];
const BEST: StrategyName = 'best';
const SMALL_ITEMS = 60;

const { values: args } = parseArgs({
  options: {
    dir: { type: 'string', default: '../shared/bench/vbp' },
    table: { type: 'string', multiple: true },
    threads: { type: 'string', default: '2' },
    'time-limit': { type: 'string', default: '60' },
  },
});
const dir = resolve(args.dir!);
// The shared tables reuse instance names across families, so each is keyed by its family;
// tables given with --table apply to every family.
const tables: [string, string][] = args.table
  ? args.table.map((table) => ['*', table])
  : [['New', join(dir, 'tables/New_base_OPT.csv')], ['Panigrahy', join(dir, 'tables/Panigrahy_base_OPT.csv')]];
const opt = new Map<string, OptRow>();
for (const [family, table] of tables) for (const [name, row] of loadOptTable(table)) opt.set(`${family}/${name}`, row);

interface Entry {
  readonly file: string;
  readonly family: string;
  readonly items: number;
  readonly opt: number | undefined;
}
const entries: Entry[] = [];
const skipped: string[] = [];
for (const file of listVbp(dir)) {
  try {
    const items = itemCount(loadVbp(file));
    const family = familyOf(relative(dir, file));
    const name = basename(file, '.vbp');
    const row = opt.get(`${family}/${name}`) ?? opt.get(`*/${name}`);
    entries.push({ file, family, items, opt: family === 'Triplets' ? items / 3 : row?.opt });
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    skipped.push(`${relative(dir, file)} (${error.issues[0]!.field} at line ${error.issues[0]!.line})`);
  }
}
console.log(`${entries.length} instances under ${dir}; ${skipped.length} skipped as bad input${skipped.length ? `: ${skipped.join(', ')}` : ''}`);

const pool = new Piscina<BenchTask, BenchOutcome>({
  filename: new URL('./vbp-worker.js', import.meta.url).href,
  minThreads: Number(args.threads),
  maxThreads: Number(args.threads),
});
const timeLimitSeconds = Number(args['time-limit']);
const families = [...new Set(entries.map((entry) => entry.family))].sort();

for (const strategy of [...HEURISTICS, BEST]) {
  const started = performance.now();
  const outcomes = await Promise.all(entries.map((entry) => pool.run({ file: entry.file, strategy, timeLimitSeconds })));
  const wall = (performance.now() - started) / 1000;
  const hits = outcomes.filter((outcome) => outcome.timeLimitHit).length;
  console.log(`\n${strategy}  (wall ${wall.toFixed(1)} s, ${args.threads} threads, time limit of ${timeLimitSeconds} s hit on ${hits})`);
  console.log(['family', 'with OPT', 'bins/OPT', 'proven', 'max ms'].join('\t'));
  for (const family of [...families, 'all']) {
    const rows = entries.map((entry, at) => ({ entry, outcome: outcomes[at]! })).filter(({ entry }) => family === 'all' || entry.family === family);
    const known = rows.filter(({ entry }) => entry.opt !== undefined);
    const ratio = mean(known.map(({ entry, outcome }) => outcome.bins / entry.opt!));
    const proven = rows.filter(({ outcome }) => outcome.optimal).length;
    const slowest = Math.max(...rows.map(({ outcome }) => outcome.ms));
    console.log([family, `${known.length}/${rows.length}`, ratio.toFixed(4), `${proven}/${rows.length}`, slowest.toFixed(0)].join('\t'));
  }
  if (strategy === BEST) {
    const small = entries.map((entry, at) => ({ entry, outcome: outcomes[at]! })).filter(({ entry }) => entry.items <= SMALL_ITEMS);
    const open = small.filter(({ outcome }) => !outcome.optimal).map(({ entry, outcome }) => `${basename(entry.file, '.vbp')} ${outcome.bins} vs LB ${outcome.lowerBound}`);
    const slowest = small.reduce((a, b) => (b.outcome.ms > a.outcome.ms ? b : a));
    const slowestName = relative(dir, slowest.entry.file);
    console.log(`up to ${SMALL_ITEMS} items: ${small.length - open.length}/${small.length} proven optimal, slowest ${(slowest.outcome.ms / 1000).toFixed(2)} s (${slowestName})${open.length ? `; open: ${open.join(', ')}` : ''}`);
    const known = entries.map((entry, at) => ({ entry, outcome: outcomes[at]! })).filter(({ entry }) => entry.opt !== undefined);
    const ratio = mean(known.map(({ entry, outcome }) => outcome.bins / entry.opt!));
    console.log(`mean bins/OPT = ${ratio.toFixed(4)} over ${known.length} instances, ${known.filter(({ outcome }) => outcome.optimal).length} proven optimal`);
  }
}
await pool.destroy();

function listVbp(folder: string): string[] {
  return readdirSync(folder)
    .sort()
    .flatMap((name) => {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) return listVbp(path);
      return name.endsWith('.vbp') ? [path] : [];
    });
}

function familyOf(path: string): string {
  if (path.startsWith('Panigrahy')) return 'Panigrahy';
  if (path.startsWith('New')) return 'New';
  if (path.startsWith('Triplet')) return 'Triplets';
  return 'instances';
}

function mean(values: number[]): number {
  return values.length === 0 ? NaN : values.reduce((total, value) => total + value, 0) / values.length;
}
