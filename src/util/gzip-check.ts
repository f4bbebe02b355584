/**
 * DuckDB reads a truncated gzip file as far as it goes and reports no error, so rows at the end of a cut-off log
 * would vanish without a word. Before a `.gz` log is read, its stream is inflated here once (discarding the output)
 * to learn whether it ends where gzip says it ends. A truncated or damaged file is the user's to fix (exit 2).
 */
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { UserError } from './errors.js';

/** Whether the file starts with the gzip magic bytes (whatever its name says). */
export function isGzip(path: string): boolean {
  try {
    const fd = openSync(path, 'r');
    try {
      const head = Buffer.alloc(2);
      return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
    } finally {
      closeSync(fd);
    }
  } catch {
    return false; // unreadable: the reader's own error names the file and the reason
  }
}

/** Throw a UserError naming the file when its gzip stream is truncated or damaged; do nothing for other files. */
export async function assertCompleteGzip(path: string): Promise<void> {
  if (!isGzip(path)) {
    if (/\.gz$/i.test(path))
      throw new UserError(
        `'${path}' is named .gz but does not start as gzip data (empty, or truncated before its header); copy or compress the file again`,
      );
    return;
  }
  const sink = new Writable({
    write(_chunk, _enc, done) {
      done();
    },
  });
  try {
    await pipeline(createReadStream(path), createGunzip(), sink);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(err.message))
      throw new UserError(
        `'${path}' is a truncated gzip file: its compressed stream ends before gzip says it does, so its last rows are missing; copy or compress the file again`,
      );
    if (typeof err.code === 'string' && err.code.startsWith('Z_'))
      throw new UserError(`'${path}' is a damaged gzip file (${err.message}); copy or compress the file again`);
    throw e;
  }
}
