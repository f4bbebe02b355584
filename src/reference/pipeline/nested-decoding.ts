/**
 * The `decodeNestedEncodings` heuristic of the mime-parser: postal-mime decodes a part's transfer encoding once,
 * which is what the "parts are encoded at most once" assumption relies on. Attackers hide words behind a second
 * layer (a base64 blob inside a text part, quoted-printable escapes, HTML entities or percent-escapes in plain
 * text). This module peels such layers until nothing changes (at most a few rounds).
 */

const MAX_ROUNDS = 4;
/** A whitespace-delimited run of base64 long enough not to be an ordinary word. */
const BASE64_BLOB = /(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{16,}={0,2}(?![A-Za-z0-9+/=])/g;
const QP_ESCAPE = /=[0-9A-F]{2}/g;
const QP_RUN = /(?:=[0-9A-F]{2}){2,}/g;
const QP_SOFT_BREAK = /=\r?\n/g;
const QP_SOFT_BREAK_TEST = /=\r?\n/;
const PERCENT_RUN = /(?:%[0-9A-Fa-f]{2})+/g;
const ENTITY = /&(#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[a-zA-Z]{2,8});/g;
/** A double-encoded entity (`&amp;#118;`): the outer `&amp;` is peeled, the rest is left to the HTML parser. */
const DOUBLE_ENTITY = /&amp;(?=#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};|[a-zA-Z]{2,8};)/g;

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  shy: '\u00ad',
  zwj: '\u200d',
  zwnj: '\u200c',
  copy: '©',
  reg: '®',
  euro: '€',
  pound: '£',
};

/** Decode nested layers in plain text (a text part, or the extracted text of an HTML part). */
export function decodeNestedText(text: string): string {
  let current = text;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const next = decodeEntities(decodePercent(decodeQuotedPrintable(decodeBase64Blobs(current))));
    if (next === current) break;
    current = next;
  }
  return current;
}

/**
 * Decode nested layers in an HTML part before it is parsed: a whole part that is itself base64 or
 * quoted-printable, and double-encoded entities. Single entities stay: the HTML parser decodes them exactly as a
 * mail client would, and decoding `&lt;` here would turn displayed text into markup.
 */
export function decodeNestedHtml(html: string): string {
  let current = html;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let next = current;
    const trimmed = next.trim();
    // HTML always has '<'; a part made only of base64 characters was encoded once more.
    if (/^[A-Za-z0-9+/=\s]{24,}$/.test(trimmed)) {
      const decoded = tryDecodeBase64(trimmed.replace(/\s+/g, ''));
      if (decoded !== undefined) next = decoded;
    }
    next = decodeQuotedPrintable(next).replace(DOUBLE_ENTITY, '&');
    if (next === current) break;
    current = next;
  }
  return current;
}

/** Replace base64 blobs whose decoding is readable UTF-8 text; binary blobs (signatures, hashes) stay. */
export function decodeBase64Blobs(text: string): string {
  if (text.length < 16) return text;
  return text.replace(BASE64_BLOB, (blob) => {
    // Pure letters or pure digits are far more likely an ordinary long word or number.
    if (/^[A-Za-z]+$/.test(blob) || /^[0-9]+$/.test(blob)) return blob;
    return tryDecodeBase64(blob) ?? blob;
  });
}

function tryDecodeBase64(blob: string): string | undefined {
  if (blob.replace(/=+$/, '').length % 4 === 1) return undefined;
  const decoded = Buffer.from(blob, 'base64').toString('utf8');
  return isReadableText(decoded) ? decoded : undefined;
}

/** Mostly printable, no replacement characters: a heuristic for "this was text, not binary". */
function isReadableText(s: string): boolean {
  if (s.length < 4 || s.includes('\ufffd')) return false;
  let printable = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 9 || c === 10 || c === 13 || (c >= 32 && c !== 127)) printable++;
  }
  return printable / s.length >= 0.95 && /[A-Za-z]{2}/.test(s);
}

/**
 * Decode quoted-printable that is really there. A text with soft line breaks and escapes is a QP body encoded a
 * second time: decode all of it. Otherwise decode only runs of two or more consecutive escapes in RFC 2045's
 * upper-case hex (`=76=69=61`), which ordinary prose and HTML attributes (`width=100`) never contain.
 */
export function decodeQuotedPrintable(text: string): string {
  if (!text.includes('=')) return text;
  const escapes = text.match(QP_ESCAPE)?.length ?? 0;
  if (escapes >= 2 && QP_SOFT_BREAK_TEST.test(text)) return qpBytesToText(text.replace(QP_SOFT_BREAK, '')) ?? text;
  return text.replace(QP_RUN, (run) => qpBytesToText(run) ?? run);
}

function qpBytesToText(text: string): string | undefined {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 61 /* = */ && /^[0-9A-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (ch < 128) {
      bytes.push(ch);
    } else {
      for (const b of Buffer.from(text[i] ?? '', 'utf8')) bytes.push(b);
    }
  }
  const decoded = Buffer.from(bytes).toString('utf8');
  return decoded.includes('\ufffd') ? undefined : decoded;
}

export function decodePercent(text: string): string {
  if (!text.includes('%')) return text;
  return text.replace(PERCENT_RUN, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code =
        body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}
