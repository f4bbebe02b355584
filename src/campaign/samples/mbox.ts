/**
 * mbox files (RFC 4155) as exact bytes: split into messages on `From ` separator lines, undo the `>From ` quoting,
 * and write messages back (mboxrd quoting). Bytes stay bytes: nothing is decoded, so 8-bit and non-UTF-8 messages
 * come out as they went in.
 *
 * Separators: every line that starts with `From ` (5 bytes) begins a new message — both variants quote body lines
 * that would look like one, so an unquoted `From ` line is always a separator. The empty line a writer puts after
 * each message is not part of it (one line end is dropped when the message ends with an empty line).
 *
 * Quoting variants (`mboxrd` is the default):
 * - mboxrd: a writer adds one `>` to every line matching `^>*From `; a reader removes one `>` from every such line.
 *   Reversible: `>From ` in the original survives as `>>From ` and reads back as `>From `.
 * - mboxo: a writer quotes only `^From `; a reader removes one `>` from lines matching `^>From `. Not reversible
 *   (an original `>From ` line reads back as `From `); choose it only for files written that way.
 * Content-Length based variants (mboxcl, mboxcl2) are not read specially: their separators are `From ` lines too.
 */
import { UserError } from '../../util/errors.js';

export type MboxVariant = 'mboxrd' | 'mboxo';

export interface MboxMessage {
  /** 1-based position in the file. */
  index: number;
  /** 1-based line of its `From ` separator. */
  line: number;
  /** The separator line as written (without its line end). */
  fromLine: string;
  /** The message bytes, unquoted. */
  bytes: Buffer;
}

const FROM = Buffer.from('From ');
const LF = 0x0a;
const CR = 0x0d;
const GT = 0x3e;

function startsWithAt(buf: Buffer, at: number, prefix: Buffer): boolean {
  if (at + prefix.length > buf.length) return false;
  for (let i = 0; i < prefix.length; i++) if (buf[at + i] !== prefix[i]) return false;
  return true;
}

/** Offsets of line starts (0 and every byte after a LF that is not the end). */
function lineStarts(buf: Buffer): number[] {
  const out = [0];
  let at = buf.indexOf(LF);
  while (at !== -1 && at + 1 < buf.length) {
    out.push(at + 1);
    at = buf.indexOf(LF, at + 1);
  }
  return out;
}

/** Does the message have an empty line (header/body separator, or the writer's trailing one)? */
function hasBlankLine(msg: Buffer): boolean {
  return msg.includes('\n\n') || msg.includes('\r\n\r\n') || msg.length === 0;
}

const HEADER_LINE = /^[!-9;-~]+[ \t]*:/;

/**
 * Split an mbox file into messages. Throws a UserError naming `file` and the line for anything that is not a
 * well-formed mbox: no `From ` line first, an empty message, a message without an empty line (cut short), a message
 * that does not start with a header field, or a file that ends in the middle of a line (truncated).
 */
export function splitMbox(buf: Buffer, file: string, variant: MboxVariant = 'mboxrd'): MboxMessage[] {
  if (buf.length === 0) throw new UserError(`${file}: the mbox file is empty`);
  if (!startsWithAt(buf, 0, FROM)) {
    throw new UserError(
      `${file}:1: not an mbox file: the first line does not start with "From " (a single message? name it .eml or declare format: eml)`,
    );
  }
  if (buf[buf.length - 1] !== LF) {
    const lines = lineStarts(buf).length;
    throw new UserError(`${file}:${lines}: the mbox file is truncated: its last line has no line end`);
  }
  const starts = lineStarts(buf);
  const seps: Array<{ line: number; at: number }> = [];
  starts.forEach((at, i) => {
    if (startsWithAt(buf, at, FROM)) seps.push({ line: i + 1, at });
  });
  const out: MboxMessage[] = [];
  seps.forEach((sep, k) => {
    const lineEnd = buf.indexOf(LF, sep.at);
    const bodyStart = lineEnd + 1;
    const end = k + 1 < seps.length ? seps[k + 1]!.at : buf.length;
    let msg = buf.subarray(bodyStart, end);
    const fromLine = buf.subarray(sep.at, lineEnd).toString('latin1').replace(/\r$/, '');
    const where = `${file}:${sep.line}`;
    if (msg.length === 0 || (msg.length <= 2 && (msg[0] === LF || msg[0] === CR))) {
      throw new UserError(`${where}: message ${k + 1} of the mbox is empty`);
    }
    if (!hasBlankLine(msg)) {
      throw new UserError(
        `${where}: message ${k + 1} has no empty line (no end of header, no separator before the next message): truncated or not an mbox`,
      );
    }
    const firstLine = msg.subarray(0, Math.max(0, msg.indexOf(LF))).toString('latin1');
    if (!HEADER_LINE.test(firstLine)) {
      throw new UserError(`${file}:${sep.line + 1}: message ${k + 1} does not start with a header field`);
    }
    // The writer's empty line after the message is the mbox's, not the message's.
    if (msg.length >= 4 && msg[msg.length - 1] === LF && msg[msg.length - 2] === CR && msg[msg.length - 3] === LF) {
      msg = msg.subarray(0, msg.length - 2);
    } else if (msg.length >= 2 && msg[msg.length - 1] === LF && msg[msg.length - 2] === LF) {
      msg = msg.subarray(0, msg.length - 1);
    }
    out.push({ index: k + 1, line: sep.line, fromLine, bytes: unquoteFrom(msg, variant) });
  });
  return out;
}

/** Remove one `>` from quoted `From ` lines (mboxrd: `^>+From `; mboxo: `^>From `). */
export function unquoteFrom(msg: Buffer, variant: MboxVariant): Buffer {
  const parts: Buffer[] = [];
  let last = 0;
  for (const at of lineStarts(msg)) {
    if (msg[at] !== GT) continue;
    let j = at;
    while (j < msg.length && msg[j] === GT) j++;
    const depth = j - at;
    if (!startsWithAt(msg, j, FROM)) continue;
    if (variant === 'mboxo' && depth !== 1) continue;
    parts.push(msg.subarray(last, at));
    last = at + 1;
  }
  if (parts.length === 0) return Buffer.from(msg);
  parts.push(msg.subarray(last));
  return Buffer.concat(parts);
}

/** mboxrd quoting: one more `>` on every line matching `^>*From `. */
export function quoteFrom(msg: Buffer): Buffer {
  const parts: Buffer[] = [];
  let last = 0;
  for (const at of lineStarts(msg)) {
    let j = at;
    while (j < msg.length && msg[j] === GT) j++;
    if (!startsWithAt(msg, j, FROM)) continue;
    parts.push(msg.subarray(last, at), Buffer.from('>'));
    last = at;
  }
  if (parts.length === 0) return msg;
  parts.push(msg.subarray(last));
  return Buffer.concat(parts);
}

/**
 * One mboxrd entry: the `From ` line, the quoted message (given a final line end if it lacks one, which the reader
 * cannot tell apart — the exact bytes travel in the JSONL export), and the empty separator line.
 */
export function mboxEntry(fromLine: string, message: Buffer): Buffer {
  const eol = message.includes('\r\n') ? '\r\n' : '\n';
  const body = quoteFrom(message);
  const ended = body.length > 0 && body[body.length - 1] === LF;
  return Buffer.concat([Buffer.from(`${fromLine}${eol}`, 'latin1'), body, Buffer.from(ended ? eol : `${eol}${eol}`)]);
}
