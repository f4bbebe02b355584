/**
 * How an input's `content` string maps to the exact bytes a target receives.
 *
 * Real inputs (mail above all) are bytes, not text: 8-bit MIME bodies and legacy charsets are not valid UTF-8, and
 * decoding them as UTF-8 replaces bytes with U+FFFD before the target ever sees them. Tactics, however, work on
 * strings. The bridge is a per-input encoding:
 *
 * - `utf8` (default): the content is text; its bytes are its UTF-8 encoding.
 * - `binary`: the content is a byte string — each char below U+0100 stands for exactly one byte (latin1). A char
 *   a tactic inserted above U+00FF (a homoglyph, a zero-width space) is written as its UTF-8 bytes, which is how a
 *   sender would put it into an 8-bit body. So an untouched input round-trips byte for byte, and a changed one
 *   changes only where the tactic wrote.
 */
export type ContentEncoding = 'utf8' | 'binary';

export interface DecodedContent {
  content: string;
  encoding: ContentEncoding;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Bytes → content: UTF-8 text when the bytes are valid UTF-8, else a `binary` byte string. Never lossy. */
export function decodeContent(bytes: Uint8Array): DecodedContent {
  try {
    return { content: strictUtf8.decode(bytes), encoding: 'utf8' };
  } catch {
    return {
      content: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'),
      encoding: 'binary',
    };
  }
}

/** Content → the exact bytes to send. The inverse of `decodeContent` for untouched inputs. */
export function contentBytes(content: string, encoding: ContentEncoding = 'utf8'): Buffer {
  if (encoding === 'utf8') return Buffer.from(content, 'utf8');
  // Fast path: a pure byte string (no char above U+00FF) is latin1 as it stands.
  let wide = false;
  for (let i = 0; i < content.length; i++) {
    if (content.charCodeAt(i) > 0xff) {
      wide = true;
      break;
    }
  }
  if (!wide) return Buffer.from(content, 'latin1');
  const parts: Buffer[] = [];
  let run = '';
  for (const ch of content) {
    if (ch.length === 1 && ch.charCodeAt(0) <= 0xff) {
      run += ch;
      continue;
    }
    if (run) parts.push(Buffer.from(run, 'latin1'));
    run = '';
    parts.push(Buffer.from(ch, 'utf8'));
  }
  if (run) parts.push(Buffer.from(run, 'latin1'));
  return Buffer.concat(parts);
}

/** The bytes of a target input (`encoding` defaults to utf8). */
export function inputBytes(input: { content: string; encoding?: ContentEncoding }): Buffer {
  return contentBytes(input.content, input.encoding);
}
