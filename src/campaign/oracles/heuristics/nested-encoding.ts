/**
 * Defuses layout.mime-reencoding. The catalog's heuristic: decode recursively to a fixed depth and treat deep or
 * double encodings as suspicious. Three signs no ordinary mail client produces: a transfer encoding on a
 * message/* or multipart/* entity (RFC 2046 §5 allows only 7bit/8bit/binary there), a text part whose decoded
 * content is base64 again, and HTML that spells its letters as numeric character references. A fourth is legal but
 * telling: a message whose every word sits inside an inline forwarded message/rfc822 part, with nothing of its own —
 * the shape that hides a whole message from a parser that reads one level.
 */
import { decodeTransfer } from '../../tactics/mime/encoding.js';
import {
  contentTypeOf,
  type MimeEntity,
  parseMessage,
  transferEncodingOf,
  walkEntities,
} from '../../tactics/mime/message.js';
import { readText } from '../../tactics/mime/text-parts.js';
import { type ContentHeuristic, finding } from './types.js';

/** Numeric character references for letters or digits tolerated in one HTML part (a © or an umlaut is normal). */
const ENTITY_LETTERS_TOLERATED = 20;
const MAX_DEPTH = 4;
/** Letters of its own a forwarding message needs to not count as a bare wrapper. */
const MIN_OWN_LETTERS = 20;
/** Share of letters written as references above which the encoding is deliberate. */
const ENTITY_SHARE_TOLERATED = 0.3;

function looksBase64(text: string): boolean {
  const lines = text
    .trim()
    .split(/\r?\n/)
    .filter((l) => l !== '');
  if (lines.length === 0) return false;
  const b64 = lines.filter((l) => l.length >= 40 && /^[A-Za-z0-9+/]+={0,2}$/.test(l));
  return b64.length / lines.length > 0.8;
}

/** Letters and digits an HTML part writes as numeric character references, and those it writes plainly. */
function entityLetters(html: string): { encoded: number; plain: number } {
  let n = 0;
  const plain = (
    html
      .replace(/<[^>]*>/g, ' ')
      .replace(/&#?\w+;/g, ' ')
      .match(/[\p{L}\p{N}]/gu) ?? []
  ).length;
  for (const m of html.matchAll(/&#(x[0-9a-f]+|\d+);/gi)) {
    const code = m[1]!.startsWith('x') || m[1]!.startsWith('X') ? Number.parseInt(m[1]!.slice(1), 16) : Number(m[1]);
    if (code <= 0x10ffff && /[\p{L}\p{N}]/u.test(String.fromCodePoint(code))) n++;
  }
  return { encoded: n, plain };
}

/** Walk a message; an encoded message/multipart entity is flagged, decoded, and walked again (bounded depth). */
function scan(raw: string, depth: number, evidence: string[]): void {
  for (const e of walkEntities(parseMessage(raw).root)) {
    const type = contentTypeOf(e).value;
    const cte = transferEncodingOf(e);
    const container = type.startsWith('message/') || type.startsWith('multipart/');
    if (container && (cte === 'base64' || cte === 'quoted-printable')) {
      evidence.push(`${type} entity carries a ${cte} transfer encoding`);
      if (e.body.kind === 'leaf' && depth < MAX_DEPTH) {
        scan(new TextDecoder().decode(decodeTransfer(e.body.raw, cte)), depth + 1, evidence);
      }
      continue;
    }
    inspectLeaf(e, evidence);
  }
}

function inspectLeaf(e: MimeEntity, evidence: string[]): void {
  if (e.body.kind !== 'leaf') return;
  const type = contentTypeOf(e).value;
  if (type !== 'text/plain' && type !== 'text/html') return;
  const text = readText(e);
  if (looksBase64(text)) evidence.push(`${type} part decodes to base64 again`);
  if (type === 'text/html') {
    const { encoded, plain } = entityLetters(text);
    // A few encoded letters are normal (an umlaut, a © line); spelling the text out in references is not.
    if (encoded > ENTITY_LETTERS_TOLERATED && encoded / (encoded + plain) > ENTITY_SHARE_TOLERATED) {
      evidence.push(`${encoded} of ${encoded + plain} letters written as numeric character references`);
    }
  }
}

/** Text parts outside any message/rfc822 entity, and whether a forwarded message holds text. */
function ownAndForwardedText(e: MimeEntity, inForward: boolean, acc: { own: number; forwarded: number }): void {
  if (e.body.kind === 'message') {
    ownAndForwardedText(e.body.entity, true, acc);
    return;
  }
  if (e.body.kind === 'multipart') {
    for (const p of e.body.parts) ownAndForwardedText(p.entity, inForward, acc);
    return;
  }
  const type = contentTypeOf(e).value;
  if (type !== 'text/plain' && type !== 'text/html') return;
  const letters = (
    readText(e)
      .replace(/<[^>]*>/g, ' ')
      .match(/\p{L}/gu) ?? []
  ).length;
  if (inForward) acc.forwarded += letters;
  else acc.own += letters;
}

export const nestedEncodingHeuristic: ContentHeuristic = {
  kind: 'content',
  id: 'heuristic.nested-encoding',
  name: 'Nested or unusual encodings',
  summary:
    'Decode recursively and flag encodings no mail client writes: encoded message/multipart entities, base64 inside base64, letters as character references.',
  inspect(raw) {
    const evidence: string[] = [];
    scan(raw, 0, evidence);
    const text = { own: 0, forwarded: 0 };
    ownAndForwardedText(parseMessage(raw).root, false, text);
    if (text.forwarded > 0 && text.own < MIN_OWN_LETTERS) {
      evidence.push('every word sits inside a forwarded message/rfc822 part');
    }
    return finding([...new Set(evidence)]);
  },
};
