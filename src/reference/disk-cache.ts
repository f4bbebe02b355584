/**
 * A small on-disk JSON cache for expensive, deterministic results (corpus features, trained models). Entries are
 * named by a hash of their key and also store the key, so a hash collision or a stale file is detected rather
 * than trusted. Writes are atomic (temp file + rename): parallel test workers may race to fill the same entry.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { join } from 'node:path';
import { sha256Hex } from '../util/hash.js';

/** `$NOGRAD_CACHE_DIR`, else the platform's user cache directory + `/nograd`. */
export function nogradCacheDir(): string {
  if (process.env.NOGRAD_CACHE_DIR) return process.env.NOGRAD_CACHE_DIR;
  if (platform() === 'win32')
    return join(process.env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'nograd', 'cache');
  if (platform() === 'darwin') return join(homedir(), 'Library', 'Caches', 'nograd');
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'nograd');
}

export class DiskCache {
  constructor(readonly dir: string = join(nogradCacheDir(), 'reference')) {}

  private pathOf(kind: string, key: string): string {
    return join(this.dir, `${kind}-${sha256Hex(key).slice(0, 20)}.json`);
  }

  /** Whether an entry file exists (cheap; `read` still checks its key). */
  has(kind: string, key: string): boolean {
    return existsSync(this.pathOf(kind, key));
  }

  read<T>(kind: string, key: string): T | undefined {
    try {
      const entry = JSON.parse(readFileSync(this.pathOf(kind, key), 'utf8')) as { key: string; value: T };
      return entry.key === key ? entry.value : undefined;
    } catch {
      return undefined;
    }
  }

  write(kind: string, key: string, value: unknown): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      const path = this.pathOf(kind, key);
      const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
      writeFileSync(tmp, JSON.stringify({ key, value }));
      renameSync(tmp, path);
    } catch {
      // A cache that cannot be written only costs time on the next run; never fail the run for it.
    }
  }
}
