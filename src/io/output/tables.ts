/** Plain-text and Markdown tables with aligned columns (numbers right-aligned). */

export type Cell = string | number;

/** Any of the table renderers below, so one section builder serves text, Markdown and HTML. */
export type TableRenderer = (headers: readonly string[], rows: ReadonlyArray<readonly Cell[]>) => string;

export function textTable(headers: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
  const all = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, c) => Math.max(...all.map((row) => String(row[c] ?? '').length)));
  const numeric = headers.map((_, c) => rows.length > 0 && rows.every((row) => typeof row[c] === 'number'));
  const line = (row: readonly Cell[]): string =>
    row
      .map((cell, c) => (numeric[c] ? String(cell).padStart(widths[c]!) : String(cell).padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function markdownTable(headers: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
  const escape = (cell: Cell): string => String(cell).replaceAll('|', '\\|');
  const numeric = headers.map((_, c) => rows.length > 0 && rows.every((row) => typeof row[c] === 'number'));
  return [
    `| ${headers.join(' | ')} |`,
    `|${numeric.map((isNumber) => (isNumber ? '---:' : '---')).join('|')}|`,
    ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
  ].join('\n');
}

/** An HTML table, cells escaped; numeric columns right-aligned as in the text table. */
export function htmlTable(headers: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
  const numeric = headers.map((_, c) => rows.length > 0 && rows.every((row) => typeof row[c] === 'number'));
  const cell = (tag: 'th' | 'td', value: Cell, c: number) => `<${tag}${numeric[c] ? ' class="num"' : ''}>${escapeHtml(String(value))}</${tag}>`;
  return [
    '<div class="table"><table>',
    `<thead><tr>${headers.map((h, c) => cell('th', h, c)).join('')}</tr></thead>`,
    `<tbody>${rows.map((row) => `<tr>${row.map((value, c) => cell('td', value, c)).join('')}</tr>`).join('\n')}</tbody>`,
    '</table></div>',
  ].join('\n');
}

export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
