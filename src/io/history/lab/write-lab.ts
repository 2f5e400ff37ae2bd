/**
 * `npm run history:lab [-- --seed 2026 --out data/lab/history --openmetrics FILE]`: writes the
 * lab's synthetic history (synthesize.ts) for the scenario's nodes and VMs, 35 days at 5-minute
 * steps ending 2026-11-28T23:55Z, as one wide CSV per node (the node's series, then its guests'
 * by name), and with `--openmetrics` the same history as exporter OpenMetrics text. Same seed,
 * same bytes.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Cluster } from '../../../engine/model/cluster.js';
import type { History } from '../../../engine/model/history.js';
import { DEFAULT_SCENARIO } from '../../cli/flags.js';
import { loadScenario } from '../../loaders/scenario.js';
import { writeFileAtomically } from '../../output/atomic-write.js';
import { packageRoot } from '../../package-root.js';
import { writeOpenMetrics } from './openmetrics.js';
import { LAB_EVENTS, synthesizeHistory } from './synthesize.js';
import { wideCsv } from './wide-csv.js';

export const LAB_HISTORY = { seed: 2026, startSeconds: Date.parse('2026-10-25T00:00:00Z') / 1000, days: 35, stepSeconds: 300, events: LAB_EVENTS };

/** One wide CSV per node: file name → content. */
export function labHistoryFiles(history: History, cluster: Cluster): Array<{ name: string; content: string }> {
  return cluster.nodes.map((node) => {
    const guests = Object.keys(history.guestNode).filter((guest) => history.guestNode[guest] === node.name);
    const entities = [node.name, ...guests];
    return { name: `${node.name}.csv`, content: wideCsv(history.series.filter((s) => entities.includes(s.entity)).sort((a, b) => entities.indexOf(a.entity) - entities.indexOf(b.entity))) };
  });
}

function main(): void {
  const { values } = parseArgs({ options: { seed: { type: 'string' }, out: { type: 'string' }, openmetrics: { type: 'string' }, scenario: { type: 'string' } } });
  const started = performance.now();
  const cluster = loadScenario(values.scenario ?? DEFAULT_SCENARIO);
  const history = synthesizeHistory(cluster, { ...LAB_HISTORY, seed: values.seed === undefined ? LAB_HISTORY.seed : Number(values.seed) });
  const out = resolve(values.out ?? join(packageRoot(), 'data', 'lab', 'history'));
  const files = labHistoryFiles(history, cluster).map(({ name, content }) => ({ path: join(out, name), content }));
  // File by file: the folder also holds its README, so it is not replaced as a whole.
  mkdirSync(out, { recursive: true });
  for (const { path, content } of files) writeFileAtomically({ field: '--out', path }, content);
  if (values.openmetrics !== undefined) writeOpenMetrics(values.openmetrics, history, cluster);
  const bytes = files.reduce((sum, file) => sum + Buffer.byteLength(file.content), 0);
  console.log(`history:lab: ${history.series.length} series, ${files.length} files, ${(bytes / 1e6).toFixed(2)} MB in ${out}, ${((performance.now() - started) / 1000).toFixed(2)} s`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
