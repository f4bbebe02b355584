/**
 * One interface for every output format: a renderer turns one document into text, nothing else (renderers never
 * compute). What a format can render is listed in the format map (formats.ts).
 */
import type { Severity } from '../model/vocabulary.js';
import type { TextStyle } from '../util/text-style.js';

/** An aligned table for terminal text (the CLI passes one that knows the terminal's width). */
export type TableFn = (headers: string[], rows: string[][]) => string;

export interface RenderOptions {
  /** File paths are shown relative to this directory (Markdown, HTML; SARIF artifact URIs). */
  baseDir?: string;
  /** A timestamp to stamp the output with; omitted by default so output is reproducible. */
  generatedAt?: string;
  /** JUnit: findings at or above this severity fail (default high). */
  failOn?: Severity;
  /** Text: list everything, not only what needs attention. */
  verbose?: boolean;
  /** Text: colours (default none). */
  style?: TextStyle;
  /** Text: how tables are laid out (default plain, two spaces between columns). */
  table?: TableFn;
}

export interface Renderer<Doc> {
  /** The format's name, as `--format` takes it (a key of FORMATS). */
  format: string;
  render(doc: Doc, options: RenderOptions): string;
}

/** A renderer of one format for one document type. */
export function renderer<Doc>(format: string, render: (doc: Doc, options: RenderOptions) => string): Renderer<Doc> {
  return { format, render };
}
