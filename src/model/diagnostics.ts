/** Problems found in a model file, each with a position a person (or an editor) can jump to. */
import { relative } from 'node:path';
import { EXIT, UserError } from '../util/errors.js';

export interface Position {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  col: number;
}

export interface Diagnostic extends Position {
  severity: 'error' | 'warning';
  /** A short machine-readable code: yaml, unknown-field, type, duplicate-id, unknown-reference, flow, vague-access, include. */
  code: string;
  message: string;
  hint?: string;
}

export function formatPosition(p: Position, cwd = process.cwd()): string {
  const rel = relative(cwd, p.file);
  const shown = rel && !rel.startsWith('..') ? rel : p.file;
  return `${shown}:${p.line}:${p.col}`;
}

export function formatDiagnostic(d: Diagnostic, cwd = process.cwd()): string {
  const head = `${formatPosition(d, cwd)}: ${d.severity}: ${d.message}`;
  return d.hint ? `${head}\n  hint: ${d.hint}` : head;
}

export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
}

/** At most this many diagnostics are kept per load; the rest are only counted ("and N more"). */
export const MAX_DIAGNOSTICS = 200;

/**
 * Collects diagnostics up to a cap. Past it, callers check `full` and call `skip()` instead of building a
 * diagnostic, so a file with tens of thousands of errors costs no more than one with two hundred.
 */
export class DiagnosticCollector {
  readonly list: Diagnostic[] = [];
  errors = 0;
  omitted = 0;
  constructor(readonly max = MAX_DIAGNOSTICS) {}
  get full(): boolean {
    return this.list.length >= this.max;
  }
  add(d: Diagnostic): void {
    if (d.severity === 'error') this.errors++;
    if (this.full) this.omitted++;
    else this.list.push(d);
  }
  /** Count a problem without building it (an error past the cap). */
  skip(n = 1): void {
    this.errors += n;
    this.omitted += n;
  }
}

/** Thrown when a model does not load; carries every problem found (up to the cap), not just the first. */
export class ModelLoadError extends UserError {
  constructor(
    readonly diagnostics: Diagnostic[],
    /** Problems found past the cap and not kept. */
    readonly omitted = 0,
  ) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    const total = errors.length + omitted;
    super(
      `${sortDiagnostics(errors)
        .map((d) => formatDiagnostic(d))
        .join(
          '\n',
        )}${omitted > 0 ? `\n… and ${omitted} more (only the first ${errors.length} are shown)` : ''}\n${total} problem${total === 1 ? '' : 's'} found`,
      EXIT.invalid,
      true,
    );
    this.name = 'ModelLoadError';
  }
}
