/** Terminal output helpers shared by commands: colour only on a TTY (and never with NO_COLOR), aligned tables. */
import { writeFileSync } from 'node:fs';
import pc from 'picocolors';
import { UserError } from '../util/errors.js';

export const color = pc.createColors(Boolean(process.stdout.isTTY) && !process.env.NO_COLOR);
const errColor = pc.createColors(Boolean(process.stderr.isTTY) && !process.env.NO_COLOR);

export function printError(message: string): void {
  process.stderr.write(`${errColor.red('error:')} ${message}\n`);
}

export function printWarning(message: string): void {
  process.stderr.write(`${errColor.yellow('warning:')} ${message}\n`);
}

export function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Write to a file when `path` is given, else to stdout. */
export function emit(text: string, path?: string): void {
  if (path) writeFileSync(path, text.endsWith('\n') ? text : `${text}\n`);
  else out(text);
}

/** A plain aligned table; the last column wraps to the terminal width. */
export function table(headers: string[], rows: string[][], width = process.stdout.columns || 120): string {
  const all = [headers, ...rows];
  const widths = headers.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const fixed = widths.slice(0, -1).reduce((a, b) => a + b + 2, 0);
  const lastMax = Math.max(20, width - fixed);
  widths[widths.length - 1] = Math.min(widths[widths.length - 1] ?? 0, lastMax);
  const line = (r: string[]) => {
    const cells = r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0)));
    const last = cells[cells.length - 1] ?? '';
    const wrapped = wrap(last, widths[widths.length - 1] ?? last.length);
    const head = cells.slice(0, -1).join('  ');
    const pad = ' '.repeat(head.length ? head.length + 2 : 0);
    return wrapped.map((w, k) => (k === 0 ? (head ? `${head}  ${w}` : w) : `${pad}${w}`)).join('\n');
  };
  return [color.bold(line(headers)), ...rows.map(line)].join('\n');
}

function wrap(s: string, width: number): string[] {
  if (s.length <= width) return [s];
  const words = s.split(' ');
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    if (cur && cur.length + 1 + w.length > width) {
      lines.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) lines.push(cur);
  return lines;
}

/** Parse a --format value against the allowed list, with a clear error. */
export function parseFormat<T extends string>(value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UserError(`unknown format '${value}' (choose one of: ${allowed.join(', ')})`);
}
