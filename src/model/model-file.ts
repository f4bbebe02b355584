/**
 * Reading a model file (or an include) safely. A model is untrusted input: an include may name any path, so every
 * file is checked before it is opened — inside the model's root directory (also after following symlinks), a
 * regular file (never a FIFO, a device or a directory: `/dev/zero` would never end, a FIFO would block), at most
 * MAX_MODEL_FILE_BYTES — and decoded as strict UTF-8 without NUL bytes, with the line:col of the first bad byte.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';

/** The largest model or include file read (64 MiB: ten times the largest model we have seen in use). */
export const MAX_MODEL_FILE_BYTES = 64 * 1024 * 1024;
/** The most files one model may pull in through includes. */
export const MAX_INCLUDE_FILES = 1000;

export type ReadRefusal = { ok: false; message: string; hint?: string };
export type ReadOutcome = { ok: true; bytes: Buffer } | ReadRefusal;

/** True when `path` is `root` or below it (both absolute, normalised). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

function kindOf(st: import('node:fs').Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Read a file for the model loader. `root` limits where it may be (after symlinks); undefined means anywhere (the
 * top model file itself, named by the user).
 */
export function readModelBytes(path: string, root: string | undefined, maxBytes = MAX_MODEL_FILE_BYTES): ReadOutcome {
  let st: import('node:fs').Stats;
  try {
    st = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, message: 'does not exist' };
    if (code === 'ELOOP') return { ok: false, message: 'is a symlink loop' };
    return { ok: false, message: `cannot be read (${code ?? 'error'})` };
  }
  if (!st.isFile())
    return { ok: false, message: `is ${kindOf(st)}`, hint: 'a model or include is a regular YAML file' };
  if (root !== undefined) {
    let real: string;
    let realRoot: string;
    try {
      real = realpathSync(path);
      realRoot = realpathSync(root);
    } catch {
      return { ok: false, message: 'cannot be resolved' };
    }
    if (!isInside(realRoot, real)) {
      return {
        ok: false,
        message: 'leads outside the model root directory (through a symlink)',
        hint: 'includes stay inside the directory of the top model file; widen it with --include-root DIR',
      };
    }
  }
  if (st.size > maxBytes) return tooBig(st.size, maxBytes);
  let fd: number;
  try {
    // O_NONBLOCK: should the file have been swapped for a FIFO since the stat, opening it still does not block.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { ok: false, message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  try {
    const fst = fstatSync(fd);
    if (!fst.isFile()) return { ok: false, message: `is ${kindOf(fst)}` };
    if (fst.size > maxBytes) return tooBig(fst.size, maxBytes);
    // Read at most one byte past the cap, whatever the file claims to hold.
    const buf = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(fst.size + 1, 1)));
    let n = 0;
    for (;;) {
      if (n === buf.length) break;
      const r = readSync(fd, buf, n, buf.length - n, null);
      if (r === 0) break;
      n += r;
    }
    if (n > maxBytes) return tooBig(n, maxBytes);
    return { ok: true, bytes: buf.subarray(0, n) };
  } catch (e) {
    return { ok: false, message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
  } finally {
    closeSync(fd);
  }
}

function tooBig(size: number, max: number): ReadRefusal {
  return {
    ok: false,
    message: `is too large (${(size / 1048576).toFixed(1)} MiB; the limit is ${max / 1048576} MiB)`,
    hint: 'split the model into includes',
  };
}

export type DecodeOutcome = { ok: true; text: string } | { ok: false; line: number; col: number; message: string };

const DECODER = new TextDecoder('utf-8', { fatal: true });

/** Decode strict UTF-8; refuse invalid sequences and NUL bytes with the line:col of the first bad byte. */
export function decodeModelText(bytes: Uint8Array): DecodeOutcome {
  let text: string | undefined;
  try {
    text = DECODER.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    return { ok: false, ...positionOfByte(bytes, at), message: `invalid UTF-8 (byte 0x${hex(bytes[at] ?? 0)})` };
  }
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    const at = bytes.indexOf(0);
    return { ok: false, ...positionOfByte(bytes, at), message: 'a NUL byte (this is not a text file)' };
  }
  return { ok: true, text };
}

/** The same checks for a text already in memory (overrides from tests and editors). */
export function checkModelText(text: string): DecodeOutcome {
  const nul = text.indexOf('\0');
  if (nul < 0) return { ok: true, text };
  const bytes = Buffer.from(text, 'utf8');
  return { ok: false, ...positionOfByte(bytes, bytes.indexOf(0)), message: 'a NUL byte (this is not a text file)' };
}

function hex(b: number): string {
  return b.toString(16).padStart(2, '0');
}

function positionOfByte(bytes: Uint8Array, at: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // Everything before the first bad byte is valid UTF-8: the column counts characters as an editor does.
  const col = Buffer.from(bytes.subarray(lineStart, at)).toString('utf8').length + 1;
  return { line, col };
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) {
      n = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      min = 0x10000;
    } else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return b.length;
}
