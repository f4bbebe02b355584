/**
 * Which line ending a text log uses, from its first line (gzip is inflated as far as the first 64 KB). DuckDB's
 * line reader numbers lines as an editor does only when told `\r\n` for CRLF files, but told `\r\n` it refuses to
 * split large `\n` files between its threads; so each file gets the setting its first line calls for.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { constants, gunzipSync } from 'node:zlib';

const SNIFF_BYTES = 64 * 1024;

export function firstLineEndsWithCrlf(path: string): boolean {
  let head: Buffer;
  try {
    const fd = openSync(path, 'r');
    try {
      const buf = Buffer.alloc(SNIFF_BYTES);
      head = buf.subarray(0, readSync(fd, buf, 0, SNIFF_BYTES, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return false; // unreadable: DuckDB's error names the file and the reason
  }
  if (head[0] === 0x1f && head[1] === 0x8b) {
    try {
      // A truncated stream: inflate what is there instead of failing at its end.
      head = gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH });
    } catch {
      return false; // not readable here; DuckDB will say what is wrong with it
    }
  }
  const lf = head.indexOf(0x0a);
  return lf > 0 && head[lf - 1] === 0x0d;
}
