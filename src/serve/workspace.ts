/**
 * What the served directory holds, found by reading file heads (never by name alone): system models (`nograd: 1`),
 * campaign files (`nograd-campaign: 1`), result documents (JSON with a `nograd-…` kind) and the campaign store.
 * The walk is bounded (depth, entries) and skips dependency and build folders, so serving a large repository stays
 * quick; symlinks are not followed (a link could lead out of the directory).
 */
import { closeSync, existsSync, openSync, readdirSync, readSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { DEFAULT_STORE } from '../campaign/store.js';

const SKIP = new Set(['node_modules', '.git', 'dist', '.cache', 'coverage']);
const MAX_DEPTH = 5;
const MAX_ENTRIES = 20_000;
const HEAD_BYTES = 4096;

export interface Workspace {
  /** Paths relative to the root, with `/`. */
  models: string[];
  campaigns: string[];
  /** Result documents by kind. */
  documents: Array<{ path: string; kind: string }>;
  /** The campaign store, when one exists. */
  store: string | null;
}

function head(file: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buf = Buffer.alloc(HEAD_BYTES);
    const n = readSync(fd, buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, n).toString('utf8');
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function scanWorkspace(root: string): Workspace {
  const out: Workspace = { models: [], campaigns: [], documents: [], store: null };
  let seen = 0;
  const walk = (dir: string, depth: number) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (++seen > MAX_ENTRIES) return;
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP.has(e.name) && depth < MAX_DEPTH) walk(path, depth + 1);
        continue;
      }
      if (!e.isFile()) continue;
      const rel = relative(root, path).split(sep).join('/');
      if (/\.ya?ml$/i.test(e.name) && !/\.triage\.ya?ml$/i.test(e.name)) {
        const text = head(path);
        if (/^nograd:\s*1\b/m.test(text)) out.models.push(rel);
        else if (/^nograd-campaign:\s*1\b/m.test(text)) out.campaigns.push(rel);
      } else if (e.name.endsWith('.json')) {
        const m = head(path).match(/"kind"\s*:\s*"(nograd-[a-z-]+)"/);
        if (m) out.documents.push({ path: rel, kind: m[1]! });
      }
    }
  };
  walk(root, 0);
  if (existsSync(join(root, DEFAULT_STORE))) out.store = DEFAULT_STORE;
  return out;
}
