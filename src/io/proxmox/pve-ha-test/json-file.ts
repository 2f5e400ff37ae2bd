/**
 * Reads a JSON file of a test folder; a syntax error becomes an InputError naming the file and,
 * when the parser reports a position, the line.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../../../errors.js';

export function readJsonFile(path: string, shownAs: string): unknown {
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const line = lineOfParseError(text, message);
    throw new InputError({
      file: shownAs,
      ...(line === undefined ? {} : { line }),
      field: '(document)',
      value: message,
      expected: 'valid JSON',
    });
  }
}

/** V8 reports either "(line N column M)" or "at position P"; both map to a 1-based line. */
export function lineOfParseError(text: string, message: string): number | undefined {
  const explicit = /line (\d+) column \d+/.exec(message);
  if (explicit !== null) return Number(explicit[1]);
  const position = /at position (\d+)/.exec(message);
  if (position === null) return undefined;
  const offset = Math.min(Number(position[1]), text.length);
  return text.slice(0, offset).split('\n').length;
}

/** 1-based line of the first `"key"` in a JSON text, to locate an issue about its value. */
export function lineOfKey(text: string, key: string): number | undefined {
  const index = text.indexOf(JSON.stringify(key));
  return index < 0 ? undefined : text.slice(0, index).split('\n').length;
}
