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

/** Thrown when a model does not load; carries every problem found, not just the first. */
export class ModelLoadError extends UserError {
  constructor(readonly diagnostics: Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    super(
      `${sortDiagnostics(errors)
        .map((d) => formatDiagnostic(d))
        .join('\n')}\n${errors.length} problem${errors.length === 1 ? '' : 's'} found`,
      EXIT.invalid,
      true,
    );
    this.name = 'ModelLoadError';
  }
}
