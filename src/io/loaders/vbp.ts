/**
 * Readers for vector bin packing benchmark files.
 *
 * `.vbp` (VPSolver's format, also read by OR-tools): whitespace separated integers, one record a
 * line: `d` / `C_1 .. C_d` / `m` / then m lines `w_1 .. w_d q` (sizes, then multiplicity q).
 * Items are expanded by multiplicity, in file order. Every problem is collected with its line
 * and field (`C_2`, `w_3`, `q`) and thrown once as an InputError.
 * Limits (each an InputError naming the limit): every integer at most 2^53 - 1, so that doubles
 * hold it exactly; at most MAX_SIZES sizes in all (items x d), so that the expanded instance
 * fits in memory: the multiplicity that would pass it is the one reported.
 *
 * OPT tables: TAB separated `instance_name LB OPT` with a header line; OPT = -1 when unknown.
 */
import { readFileSync } from 'node:fs';
import { InputError, IssueCollector } from '../../errors.js';
import type { VbpInstance } from '../../engine/packing/instance.js';

/** The most sizes (items x dimensions) an instance may expand to: 80 MB of doubles. */
export const MAX_SIZES = 10_000_000;

export function loadVbp(file: string): VbpInstance {
  return parseVbp(readText(file), file);
}

export function parseVbp(text: string, file: string): VbpInstance {
  const issues = new IssueCollector();
  // Records are the non-blank lines; each keeps its 1-based line number for messages.
  const records = text
    .split(/\r?\n/)
    .map((content, index) => ({ line: index + 1, fields: content.trim().split(/\s+/).filter(Boolean) }))
    .filter((record) => record.fields.length > 0);
  const at = (index: number) => records[index] ?? { line: lastLine(text), fields: [] as string[] };

  const integer = (record: { line: number }, field: string, raw: string | undefined, min: number) => {
    const value = Number(raw);
    if (raw === undefined || !/^[+-]?\d+$/.test(raw) || value < min || value > Number.MAX_SAFE_INTEGER) {
      issues.add({ file, line: record.line, field, value: raw, expected: `an integer from ${min} to ${Number.MAX_SAFE_INTEGER} (2^53 - 1)` });
      return undefined;
    }
    return value;
  };
  const fieldCount = (record: { line: number; fields: string[] }, expected: number, what: string) => {
    if (record.fields.length === expected) return true;
    issues.add({ file, line: record.line, field: 'fields', value: record.fields.length, expected: `${expected} fields (${what})` });
    return false;
  };

  const dimsRecord = at(0);
  if (!fieldCount(dimsRecord, 1, 'the number of dimensions d')) issues.throwIfAny();
  const dims = integer(dimsRecord, 'd', dimsRecord.fields[0], 1);
  issues.throwIfAny();
  const d = dims!;

  const capacityRecord = at(1);
  if (!fieldCount(capacityRecord, d, 'the capacities C_1..C_d')) issues.throwIfAny();
  const capacity = capacityRecord.fields.map((raw, k) => integer(capacityRecord, `C_${k + 1}`, raw, 1) ?? 0);

  const countRecord = at(2);
  if (!fieldCount(countRecord, 1, 'the number of item lines m')) issues.throwIfAny();
  const m = integer(countRecord, 'm', countRecord.fields[0], 0);
  issues.throwIfAny();

  const itemRecords = records.slice(3);
  if (itemRecords.length !== m) {
    issues.add({ file, line: at(2).line, field: 'm', value: m, expected: `the number of item lines that follow (${itemRecords.length})` });
  }
  const sizes: number[] = [];
  const maxItems = Math.floor(MAX_SIZES / d);
  let items = 0;
  let overflowed = false;
  for (const record of itemRecords) {
    if (!fieldCount(record, d + 1, 'the sizes w_1..w_d then the multiplicity q')) continue;
    const row = record.fields.slice(0, d).map((raw, k) => {
      const size = integer(record, `w_${k + 1}`, raw, 0);
      if (size !== undefined && size > capacity[k]!) {
        issues.add({ file, line: record.line, field: `w_${k + 1}`, value: raw, expected: `a size <= the capacity C_${k + 1} = ${capacity[k]}` });
      }
      return size ?? 0;
    });
    const multiplicity = integer(record, 'q', record.fields[d], 0) ?? 0;
    if (!overflowed && items + multiplicity > maxItems) {
      overflowed = true;
      const limit = `the supported limit is ${maxItems} items in all (${MAX_SIZES} sizes / d = ${d})`;
      issues.add({ file, line: record.line, field: 'q', value: record.fields[d], expected: `a multiplicity of at most ${maxItems - items}: ${limit}, and the lines before hold ${items}` });
    }
    if (overflowed) continue;
    items += multiplicity;
    for (let copy = 0; copy < multiplicity; copy++) sizes.push(...row);
  }
  issues.throwIfAny();
  return { dims: d, capacity, sizes: Float64Array.from(sizes) };
}

export interface OptRow {
  readonly lowerBound: number;
  /** Optimal number of bins, or undefined where the table says -1 (unknown). */
  readonly opt: number | undefined;
}

export function loadOptTable(file: string): Map<string, OptRow> {
  return parseOptTable(readText(file), file);
}

export function parseOptTable(text: string, file: string): Map<string, OptRow> {
  const issues = new IssueCollector();
  const table = new Map<string, OptRow>();
  text.split(/\r?\n/).forEach((content, index) => {
    const line = index + 1;
    if (content.trim() === '' || (line === 1 && /^instance_name\t/.test(content))) return;
    const fields = content.trim().split('\t');
    if (fields.length !== 3) {
      issues.add({ file, line, field: 'fields', value: fields.length, expected: '3 TAB separated fields: instance_name LB OPT' });
      return;
    }
    const [name, lb, opt] = fields as [string, string, string];
    if (!/^\d+$/.test(lb)) issues.add({ file, line, field: 'LB', value: lb, expected: 'an integer >= 0' });
    if (!/^(\d+|-1)$/.test(opt)) issues.add({ file, line, field: 'OPT', value: opt, expected: 'an integer >= 0, or -1 for unknown' });
    table.set(name, { lowerBound: Number(lb), opt: opt === '-1' ? undefined : Number(opt) });
  });
  issues.throwIfAny();
  return table;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new InputError({ file, field: 'file', value: reason, expected: 'a readable file' });
  }
}

function lastLine(text: string): number {
  return text.split(/\r?\n/).length;
}
