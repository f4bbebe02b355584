/**
 * A small synchronous RFC 5322 / MIME (RFC 2045–2046) reader and writer for building transformed messages.
 * Tactics are synchronous (the contract's `apply`), so they cannot use postal-mime; and a tree that keeps every
 * untouched byte (header folding, preambles, delimiter lines, epilogues) makes round-trip tests exact: a message
 * parsed and written back without edits is byte-identical, and an edit changes only the part it touches.
 */
import type { ContentEncoding } from '../../../contracts/input-bytes.js';
import { normalizeTransferEncoding, type TransferEncoding } from './encoding.js';

export interface HeaderField {
  /** Lower-cased field name ('' for a line that is not a field, e.g. an mbox "From " line). */
  name: string;
  /** The field as written, continuation lines included, without the final line end. */
  raw: string;
  /** The line end written after the field when another field follows (default: the message's). */
  eol?: string;
}

export interface MultipartSegment {
  /** The delimiter line ("--boundary" plus any padding), without its line end. */
  delimiter: string;
  delimiterEol: string;
  entity: MimeEntity;
  /** The line end that belongs to the next delimiter (RFC 2046: the CRLF before "--" is part of it). */
  tail: string;
}

export type MimeBody =
  /** `binary`: `raw` is a byte string (contracts/input-bytes.ts), read as the bytes it stands for. */
  | { kind: 'leaf'; raw: string; binary?: boolean }
  | {
      kind: 'multipart';
      boundary: string;
      preamble: { text: string; tail: string } | undefined;
      parts: MultipartSegment[];
      /** "--boundary--" as written; undefined when the message never closes the multipart. */
      closeLine: string | undefined;
      /** Everything after the close line (its line end and the epilogue). */
      afterClose: string;
    }
  | { kind: 'message'; entity: MimeEntity };

export interface MimeEntity {
  headers: HeaderField[];
  /** The blank line between header and body as written (e.g. "\n\n"); '' when the entity has no body. */
  separator: string;
  body: MimeBody;
}

export interface ParsedMessage {
  root: MimeEntity;
  /** The line end the message uses; new lines are written with it. */
  eol: string;
}

const MAX_DEPTH = 40;

/** The line end of the first line: what the message's author (or MTA) writes. */
export function detectEol(raw: string): string {
  const nl = raw.indexOf('\n');
  return nl > 0 && raw[nl - 1] === '\r' ? '\r\n' : '\n';
}

/** `encoding: 'binary'`: the message is a byte string, so its bodies are read as bytes, not as UTF-8 text. */
export function parseMessage(raw: string, encoding?: ContentEncoding): ParsedMessage {
  const root = parseEntity(raw, 0, 'text/plain');
  if (encoding === 'binary') markBinary(root);
  return { root, eol: detectEol(raw) };
}

function markBinary(e: MimeEntity): void {
  if (e.body.kind === 'leaf') e.body.binary = true;
  else if (e.body.kind === 'message') markBinary(e.body.entity);
  else for (const seg of e.body.parts) markBinary(seg.entity);
}

export function serializeMessage(msg: ParsedMessage): string {
  return serializeEntity(msg.root, msg.eol);
}

function splitHeaderBlock(text: string): { head: string; separator: string; body: string } {
  if (/^\r?\n/.test(text)) {
    const m = /^\r?\n/.exec(text) as RegExpExecArray;
    return { head: '', separator: m[0], body: text.slice(m[0].length) };
  }
  const m = /\r?\n\r?\n/.exec(text);
  if (!m) return { head: text.replace(/\r?\n$/, ''), separator: '', body: '' };
  return { head: text.slice(0, m.index), separator: m[0], body: text.slice(m.index + m[0].length) };
}

function parseHeaders(head: string): HeaderField[] {
  if (head === '') return [];
  const lines = head.split(/(?<=\n)/);
  const fields: { lines: string[] }[] = [];
  for (const line of lines) {
    const last = fields[fields.length - 1];
    if (last && /^[ \t]/.test(line)) last.lines.push(line);
    else fields.push({ lines: [line] });
  }
  return fields.map((f) => {
    const joined = f.lines.join('');
    const raw = joined.replace(/\r?\n$/, '');
    const m = /^([!-9;-~]+)[ \t]*:/.exec(raw);
    return { name: m ? (m[1] as string).toLowerCase() : '', raw, eol: joined.slice(raw.length) };
  });
}

function parseEntity(text: string, depth: number, defaultType: string): MimeEntity {
  const { head, separator, body } = splitHeaderBlock(text);
  const headers = parseHeaders(head);
  const entity: MimeEntity = { headers, separator, body: { kind: 'leaf', raw: body } };
  if (depth >= MAX_DEPTH) return entity;
  const ct = parseHeaderValue(getHeader(entity, 'content-type') ?? defaultType);
  const cte = transferEncodingOf(entity);
  const identity = cte === '7bit' || cte === '8bit' || cte === 'binary';
  if (ct.value.startsWith('multipart/') && ct.params.boundary && identity) {
    entity.body = parseMultipart(body, ct.params.boundary, depth, ct.value === 'multipart/digest');
  } else if (ct.value === 'message/rfc822' && identity && separator !== '') {
    entity.body = { kind: 'message', entity: parseEntity(body, depth + 1, 'text/plain') };
  }
  return entity;
}

function lineEnd(line: string): string {
  return line.endsWith('\r\n') ? '\r\n' : line.endsWith('\n') ? '\n' : '';
}

function parseMultipart(body: string, boundary: string, depth: number, digest: boolean): MimeBody {
  const lines = body.split(/(?<=\n)/);
  const open = `--${boundary}`;
  let preamble: { text: string; tail: string } | undefined;
  const parts: MultipartSegment[] = [];
  let buffer: string[] = [];
  let current: { delimiter: string; delimiterEol: string } | undefined;
  let closeLine: string | undefined;
  let afterClose = '';
  const childType = digest ? 'message/rfc822' : 'text/plain';

  const flush = (): { text: string; tail: string } => {
    const joined = buffer.join('');
    const last = buffer[buffer.length - 1];
    const tail = last !== undefined ? lineEnd(last) : '';
    buffer = [];
    return { text: joined.slice(0, joined.length - tail.length), tail };
  };

  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i] as string;
    const content = line.replace(/\r?\n$/, '');
    if (content.startsWith(open)) {
      const rest = content.slice(open.length);
      const isClose = /^--[ \t]*$/.test(rest);
      if (isClose || /^[ \t]*$/.test(rest)) {
        const seg = flush();
        if (current) parts.push({ ...current, entity: parseEntity(seg.text, depth + 1, childType), tail: seg.tail });
        else if (seg.text !== '' || seg.tail !== '') preamble = seg;
        if (isClose) {
          closeLine = content;
          afterClose = line.slice(content.length) + lines.slice(i + 1).join('');
          current = undefined;
          break;
        }
        current = { delimiter: content, delimiterEol: lineEnd(line) };
        continue;
      }
    }
    buffer.push(line);
  }
  if (closeLine === undefined) {
    // Never closed: the last part runs to the end of the body, line end included.
    const joined = buffer.join('');
    if (current) parts.push({ ...current, entity: parseEntity(joined, depth + 1, childType), tail: '' });
    else if (joined !== '') preamble = { text: joined, tail: '' };
  }
  return { kind: 'multipart', boundary, preamble, parts, closeLine, afterClose };
}

export function serializeEntity(entity: MimeEntity, eol: string): string {
  const last = entity.headers.length - 1;
  const head = entity.headers.map((h, i) => (i < last ? h.raw + (h.eol || eol) : h.raw)).join('');
  return head + entity.separator + serializeBody(entity.body, eol);
}

function serializeBody(body: MimeBody, eol: string): string {
  if (body.kind === 'leaf') return body.raw;
  if (body.kind === 'message') return serializeEntity(body.entity, eol);
  let out = body.preamble ? body.preamble.text + body.preamble.tail : '';
  for (const p of body.parts) out += p.delimiter + p.delimiterEol + serializeEntity(p.entity, eol) + p.tail;
  if (body.closeLine !== undefined) out += body.closeLine + body.afterClose;
  return out;
}

// ---------------------------------------------------------------------------------------------- headers

/** Unfolded value of the first field with this name. */
export function getHeader(entity: MimeEntity, name: string): string | undefined {
  const field = entity.headers.find((h) => h.name === name.toLowerCase());
  if (!field) return undefined;
  const colon = field.raw.indexOf(':');
  return field.raw
    .slice(colon + 1)
    .replace(/\r?\n([ \t])/g, '$1')
    .trim();
}

/** Replace the first field with this name (dropping later duplicates) or append it. Value must be header-safe. */
export function setHeader(entity: MimeEntity, name: string, value: string): void {
  const lower = name.toLowerCase();
  const raw = `${name}: ${value}`;
  const idx = entity.headers.findIndex((h) => h.name === lower);
  if (idx < 0) {
    entity.headers.push({ name: lower, raw });
  } else {
    entity.headers[idx] = { name: lower, raw };
    entity.headers = entity.headers.filter((h, i) => i <= idx || h.name !== lower);
  }
}

export function removeHeader(entity: MimeEntity, name: string): void {
  const lower = name.toLowerCase();
  entity.headers = entity.headers.filter((h) => h.name !== lower);
}

export interface HeaderValue {
  /** Lower-cased main value (e.g. "text/html"). */
  value: string;
  /** Lower-cased parameter names → values (quotes removed, RFC 2231 continuations joined). */
  params: Record<string, string>;
}

export function parseHeaderValue(value: string): HeaderValue {
  const pieces: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    if (ch === '"' && value[i - 1] !== '\\') quoted = !quoted;
    if (ch === ';' && !quoted) {
      pieces.push(cur);
      cur = '';
    } else cur += ch;
  }
  pieces.push(cur);
  const main = (pieces.shift() ?? '').trim().toLowerCase();
  const params: Record<string, string> = {};
  const continued: Record<string, string[]> = {};
  for (const piece of pieces) {
    const eq = piece.indexOf('=');
    if (eq < 0) continue;
    const key = piece.slice(0, eq).trim().toLowerCase();
    let val = piece.slice(eq + 1).trim();
    if (val.startsWith('"')) val = val.slice(1, val.endsWith('"') ? -1 : undefined).replace(/\\(.)/g, '$1');
    const cont = /^([^*]+)\*(\d+)\*?$/.exec(key);
    if (cont) {
      const name = cont[1] as string;
      const list = continued[name] ?? [];
      continued[name] = list;
      list[Number(cont[2])] = val;
      continue;
    }
    if (key.endsWith('*')) {
      const m = /^[^']*'[^']*'(.*)$/.exec(val);
      params[key.slice(0, -1)] = decodeURIComponentSafe(m ? (m[1] as string) : val);
      continue;
    }
    params[key] = val;
  }
  for (const [k, list] of Object.entries(continued)) if (!(k in params)) params[k] = list.join('');
  return { value: main, params };
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function contentTypeOf(entity: MimeEntity): HeaderValue {
  const v = getHeader(entity, 'content-type');
  const parsed = parseHeaderValue(v ?? 'text/plain');
  if (!parsed.value.includes('/')) parsed.value = 'text/plain';
  return parsed;
}

export function transferEncodingOf(entity: MimeEntity): TransferEncoding {
  return normalizeTransferEncoding(getHeader(entity, 'content-transfer-encoding'));
}

export function isAttachment(entity: MimeEntity): boolean {
  return parseHeaderValue(getHeader(entity, 'content-disposition') ?? '').value === 'attachment';
}

/** Quote a parameter value when it is not an RFC 2045 token. */
export function quoteParam(value: string): string {
  return /^[!#$%&'*+\-.0-9A-Z^_`a-z{|}~]+$/.test(value) ? value : `"${value.replace(/(["\\])/g, '\\$1')}"`;
}

// ---------------------------------------------------------------------------------------------- building

/** A new leaf entity with the given header fields (written in order) and an already-encoded body. */
export function createLeaf(fields: ReadonlyArray<readonly [string, string]>, body: string, eol: string): MimeEntity {
  return {
    headers: fields.map(([n, v]) => ({ name: n.toLowerCase(), raw: `${n}: ${v}` })),
    separator: eol + eol,
    body: { kind: 'leaf', raw: body },
  };
}

/** A new multipart entity whose children are written with the given boundary. */
export function createMultipart(
  subtype: string,
  children: MimeEntity[],
  boundary: string,
  eol: string,
  extraFields: ReadonlyArray<readonly [string, string]> = [],
): MimeEntity {
  return {
    headers: [
      { name: 'content-type', raw: `Content-Type: multipart/${subtype}; boundary="${boundary}"` },
      ...extraFields.map(([n, v]) => ({ name: n.toLowerCase(), raw: `${n}: ${v}` })),
    ],
    separator: eol + eol,
    body: {
      kind: 'multipart',
      boundary,
      preamble: undefined,
      parts: children.map((entity) => ({ delimiter: `--${boundary}`, delimiterEol: eol, entity, tail: eol })),
      closeLine: `--${boundary}--`,
      afterClose: eol,
    },
  };
}

const CONTENT_FIELDS = [
  'content-type',
  'content-transfer-encoding',
  'content-disposition',
  'content-id',
  'content-description',
];

/**
 * Split the top-level entity into "envelope" headers (From, To, Subject… which stay on the message) and its
 * content (Content-* headers and body, returned as a standalone entity a tactic can nest in a new structure).
 */
export function detachContent(root: MimeEntity, eol: string): MimeEntity {
  const content: MimeEntity = {
    headers: root.headers.filter((h) => CONTENT_FIELDS.includes(h.name)),
    separator: eol + eol,
    body: root.body,
  };
  if (!content.headers.some((h) => h.name === 'content-type')) {
    // No charset: parsers (postal-mime included) then decode as UTF-8, exactly as they did the original.
    content.headers.unshift({ name: 'content-type', raw: 'Content-Type: text/plain' });
  }
  root.headers = root.headers.filter((h) => !CONTENT_FIELDS.includes(h.name));
  return content;
}

/** Make `root` carry `content` as its body: content headers move up, the envelope headers stay. */
export function attachContent(root: MimeEntity, content: MimeEntity, eol: string): void {
  root.headers = root.headers.filter((h) => !CONTENT_FIELDS.includes(h.name) && h.name !== 'mime-version');
  const insertAt = root.headers.length;
  root.headers.splice(insertAt, 0, { name: 'mime-version', raw: 'MIME-Version: 1.0' }, ...content.headers);
  root.separator = eol + eol;
  root.body = content.body;
}

/** Every entity in document order (depth first), nested message/rfc822 bodies included. */
export function* walkEntities(entity: MimeEntity): Generator<MimeEntity> {
  yield entity;
  if (entity.body.kind === 'multipart') for (const p of entity.body.parts) yield* walkEntities(p.entity);
  else if (entity.body.kind === 'message') yield* walkEntities(entity.body.entity);
}
