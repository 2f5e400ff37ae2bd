/** `report` writes a folder on every run: tests send it to a fresh temporary one, JSON only unless they test the folder. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function scratchOut(formats = 'json'): string[] {
  return ['--out', join(mkdtempSync(join(tmpdir(), 'headroom-report-')), 'report'), '--format', formats];
}
