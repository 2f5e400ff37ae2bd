/**
 * A YAML document read with line numbers, so every issue can name the line of the value that
 * is wrong. Mappings are checked for unknown keys: a typo is an error, never silently ignored.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type YAMLMap } from 'yaml';
import { InputError } from '../../errors.js';
import type { CellParser } from './cells.js';

export class YamlFile {
  private readonly lines = new LineCounter();
  readonly root: YamlNode | null;

  constructor(
    readonly file: string,
    content: string,
  ) {
    const doc = parseDocument(content, { lineCounter: this.lines, uniqueKeys: true });
    const [first] = doc.errors;
    if (first !== undefined) {
      throw new InputError({ file, line: this.lineOfOffset(first.pos[0]), field: 'yaml', value: first.message.split('\n')[0], expected: 'well-formed YAML' });
    }
    this.root = doc.contents as YamlNode | null;
  }

  lineOf(node: YamlNode | null | undefined): number | undefined {
    return node?.range ? this.lineOfOffset(node.range[0]) : undefined;
  }

  private lineOfOffset(offset: number): number {
    return this.lines.linePos(offset).line;
  }

  /** The mapping at `node`, its keys checked against `allowed`. */
  mapping(node: YamlNode | null | undefined, field: string, allowed: readonly string[]): YAMLMap<unknown, unknown> {
    if (!isMap(node)) throw new InputError({ file: this.file, line: this.lineOf(node), field, value: scalarText(node), expected: 'a mapping (key: value lines)' });
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (!allowed.includes(key)) {
        throw new InputError({ file: this.file, line: this.lineOf(pair.key as YamlNode), field: `${field}.${key}`, value: key, expected: `one of the keys ${allowed.join(', ')}` });
      }
    }
    return node;
  }

  /** The items of the sequence at `node` (block `- x` lines or flow `[x, y]`). */
  sequence(node: YamlNode | null | undefined, field: string, expected: string): YamlNode[] {
    if (!isSeq(node)) throw new InputError({ file: this.file, line: this.lineOf(node), field, value: scalarText(node), expected });
    return node.items as YamlNode[];
  }

  /** One scalar item of a sequence, parsed. */
  item<T>(node: YamlNode, field: string, parseCell: CellParser<T>): T {
    const raw = scalarText(node);
    const parsed = isScalar(node) ? parseCell(raw) : ({ ok: false, expected: 'a single value' } as const);
    if (!parsed.ok) throw new InputError({ file: this.file, line: this.lineOf(node), field, value: raw, expected: parsed.expected });
    return parsed.value;
  }

  /** The node under `key`, undefined when absent. */
  child(map: YAMLMap<unknown, unknown>, key: string): YamlNode | undefined {
    return map.get(key, true) as YamlNode | undefined;
  }

  /** The scalar under `key`, parsed; undefined when the key is absent. */
  scalar<T>(map: YAMLMap<unknown, unknown>, key: string, field: string, parseCell: CellParser<T>): T | undefined {
    const node = this.child(map, key);
    if (node === undefined) return undefined;
    const raw = scalarText(node);
    const parsed = isScalar(node) ? parseCell(raw) : ({ ok: false, expected: 'a single value' } as const);
    if (!parsed.ok) throw new InputError({ file: this.file, line: this.lineOf(node), field, value: raw, expected: parsed.expected });
    return parsed.value;
  }
}

function scalarText(node: YamlNode | null | undefined): string {
  if (node === null || node === undefined) return '';
  return isScalar(node) ? String(node.value) : node.toString();
}
