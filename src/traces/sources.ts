/**
 * Turn the paths a user gives (files, directories, globs such as `logs/2025-*.jsonl.gz`) into a sorted list of
 * files with their format. The format comes from the extension (`.jsonl`, `.ndjson`, `.csv`, `.tsv`, `.parquet`,
 * each optionally `.gz` except Parquet) unless the mapping forces one.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { UserError } from '../util/errors.js';
import type { SourceFormat } from './mapping.js';

export interface SourceFile {
  path: string;
  format: SourceFormat;
  /** Tab-separated (a `.tsv` file). */
  tsv?: boolean;
}

export interface ResolvedSources {
  files: SourceFile[];
  /** Files found in directories or by globs whose extension says nothing about their format. */
  skipped: string[];
}

const EXTENSIONS: Array<[RegExp, SourceFormat, boolean?]> = [
  [/\.(jsonl|ndjson|json)(\.gz)?$/i, 'jsonl'],
  [/\.csv(\.gz)?$/i, 'csv'],
  [/\.tsv(\.gz)?$/i, 'csv', true],
  [/\.(parquet|pq)$/i, 'parquet'],
];

export function formatOfPath(path: string): { format: SourceFormat; tsv?: boolean } | undefined {
  for (const [re, format, tsv] of EXTENSIONS) if (re.test(path)) return tsv ? { format, tsv } : { format };
  return undefined;
}

export function resolveSources(paths: readonly string[], forced?: SourceFormat): ResolvedSources {
  if (paths.length === 0) throw new UserError('give at least one log file, directory or glob');
  const found = new Set<string>();
  const explicit = new Set<string>();
  for (const p of paths) {
    if (hasGlob(p)) {
      const matches = expandGlob(p);
      if (matches.length === 0) throw new UserError(`no files match '${p}'`);
      for (const m of matches) found.add(m);
    } else if (!existsSync(p)) {
      throw new UserError(`cannot read '${p}': no such file or directory`);
    } else if (statSync(p).isDirectory()) {
      const inDir = walk(resolve(p));
      if (inDir.length === 0) throw new UserError(`directory '${p}' holds no files`);
      for (const m of inDir) found.add(m);
    } else {
      found.add(resolve(p));
      explicit.add(resolve(p));
    }
  }
  const files: SourceFile[] = [];
  const skipped: string[] = [];
  for (const path of [...found].sort()) {
    const known = formatOfPath(path);
    if (forced) files.push({ path, format: forced, ...(known?.tsv ? { tsv: true } : {}) });
    else if (known) files.push({ path, ...known });
    else if (explicit.has(path))
      throw new UserError(
        `cannot tell the format of '${path}' from its extension (.jsonl, .ndjson, .csv, .tsv, optionally .gz, or .parquet); set \`format:\` in the mapping`,
      );
    else skipped.push(path);
  }
  if (files.length === 0)
    throw new UserError(`no log files found in ${paths.join(', ')} (looked for .jsonl, .csv, .parquet …)`);
  return { files, skipped };
}

function hasGlob(p: string): boolean {
  return /[*?[{]/.test(p);
}

/** Every file below a directory, skipping hidden entries. */
function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(full));
    else if (e.isFile()) out.push(full);
  }
  return out;
}

/** Expand `*`, `?`, `**`, `[abc]` and `{a,b}` against the file system, from the fixed prefix of the pattern. */
export function expandGlob(pattern: string): string[] {
  const abs = resolve(pattern);
  const parts = abs.split(sep);
  const firstGlob = parts.findIndex(hasGlob);
  const base = parts.slice(0, firstGlob).join(sep) || sep;
  if (!existsSync(base) || !statSync(base).isDirectory()) return [];
  const re = globToRegExp(abs);
  return walk(base).filter((f) => re.test(f));
}

export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches zero or more directories.
        const slash = glob[i + 2] === '/' || glob[i + 2] === sep;
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end === -1) re += '\\[';
      else {
        const body = glob
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replaceAll('\\', '\\\\');
        re += `[${body}]`;
        i = end;
      }
    } else if (c === '{') {
      const end = glob.indexOf('}', i + 1);
      if (end === -1) re += '\\{';
      else {
        re += `(?:${glob
          .slice(i + 1, end)
          .split(',')
          .map(escapeRegExp)
          .join('|')})`;
        i = end;
      }
    } else re += escapeRegExp(c);
  }
  return new RegExp(`^${re}$`);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
