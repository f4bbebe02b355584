/**
 * How terminal text is styled: the CLI passes picocolors (colour on a TTY, plain otherwise); tests and files pass
 * PLAIN. Text renderers (report/text/*) and engine-side explanations take one of these, never a colour library.
 */
export interface TextStyle {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
}

const same = (s: string) => s;

/** No styling at all. */
export const PLAIN: TextStyle = { bold: same, dim: same, red: same, yellow: same, green: same, cyan: same };
