/**
 * The two kinds of failure headroom throws. Everything else ("does not fit", "policy broken")
 * is a result, never an exception.
 *
 * - InputError: the user's input is wrong. Carries typed issues with a location; the CLI
 *   renders them once and exits 2, without a stack trace.
 * - InvariantError: the program is wrong (a broken internal invariant). Carries the bad value.
 */

/** One problem in the user's input, located as precisely as the source allows. */
export interface InputIssue {
  /** Path of the file as the user named it (or the flag, e.g. `--fail`). */
  file: string;
  /** 1-based line in that file, when the format has lines. */
  line?: number;
  /** The field, column or entry, e.g. `memGiB`, `nodes[2].memGiB`, `cmdlist[3]`. */
  field: string;
  /** The offending value as read. */
  value: unknown;
  /** What was expected instead, in words. */
  expected: string;
}

export class InputError extends Error {
  readonly issues: readonly InputIssue[];

  constructor(issues: InputIssue | readonly InputIssue[]) {
    const list = Array.isArray(issues) ? (issues as readonly InputIssue[]) : [issues as InputIssue];
    if (list.length === 0) throw new InvariantError('InputError needs at least one issue', list);
    super(list.map(renderInputIssue).join('\n'));
    this.name = 'InputError';
    this.issues = list;
  }
}

export class InvariantError extends Error {
  constructor(message: string, readonly value: unknown) {
    super(`${message}: ${formatValue(value)}`);
    this.name = 'InvariantError';
  }
}

/** `file:line: field 'memGiB' has value '-4': expected a number >= 0` */
export function renderInputIssue(issue: InputIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`;
  return `${where}: field '${issue.field}' has value ${formatValue(issue.value)}: expected ${issue.expected}`;
}

function formatValue(value: unknown): string {
  if (value === undefined) return '(missing)';
  if (typeof value === 'string') return `'${value}'`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Collects issues while loading, so that a loader can keep reading and throw once. */
export class IssueCollector {
  private readonly found: InputIssue[] = [];

  add(issue: InputIssue): void {
    this.found.push(issue);
  }

  get count(): number {
    return this.found.length;
  }

  throwIfAny(): void {
    if (this.found.length > 0) throw new InputError(this.found);
  }
}
