/** chart.js's UMD build as text, for report.html to inline (the page may make no request). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function chartJsSource(): string {
  // The package exports no path to its UMD file: find it beside the CommonJS entry point.
  const entry = createRequire(import.meta.url).resolve('chart.js');
  return readFileSync(join(dirname(entry), 'chart.umd.min.js'), 'utf8');
}
