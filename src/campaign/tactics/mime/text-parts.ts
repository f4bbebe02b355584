/**
 * The body text of a message as tactics see it: inline text/plain and text/html parts, decoded; and a writer that
 * puts rewritten text back with a correct charset and transfer encoding. Parts a tactic does not touch are left
 * byte-identical.
 */
import { decodeCharset, decodeTransfer, encodeBase64, encodeQuotedPrintable } from './encoding.js';
import {
  contentTypeOf,
  getHeader,
  isAttachment,
  type MimeEntity,
  parseHeaderValue,
  quoteParam,
  setHeader,
  transferEncodingOf,
} from './message.js';

export interface TextPart {
  entity: MimeEntity;
  subtype: 'plain' | 'html';
  /** The multipart/alternative this part is one representation of, if any. */
  alternative: MimeEntity | undefined;
}

/** Inline text/plain and text/html leaves in document order (attachments excluded), nested messages included. */
export function textParts(root: MimeEntity): TextPart[] {
  const out: TextPart[] = [];
  const visit = (e: MimeEntity, alternative: MimeEntity | undefined): void => {
    if (e.body.kind === 'multipart') {
      const alt = contentTypeOf(e).value === 'multipart/alternative' ? e : alternative;
      for (const p of e.body.parts) visit(p.entity, alt);
      return;
    }
    if (e.body.kind === 'message') {
      visit(e.body.entity, undefined);
      return;
    }
    const ct = contentTypeOf(e).value;
    if ((ct === 'text/plain' || ct === 'text/html') && !isAttachment(e)) {
      out.push({ entity: e, subtype: ct === 'text/html' ? 'html' : 'plain', alternative });
    }
  };
  visit(root, undefined);
  return out;
}

/**
 * The parts a mail client displays: from each multipart/alternative the HTML representation when there is one
 * (clients prefer it; postal-mime renders the same way), every other inline text part as is.
 */
export function displayedParts(root: MimeEntity): TextPart[] {
  const parts = textParts(root);
  return parts.filter((p) => {
    if (!p.alternative || p.subtype === 'html') return true;
    return !parts.some((q) => q.alternative === p.alternative && q.subtype === 'html');
  });
}

export function readText(entity: MimeEntity): string {
  if (entity.body.kind !== 'leaf') return '';
  const bytes = decodeTransfer(entity.body.raw, transferEncodingOf(entity), entity.body.binary === true);
  // No charset parameter: decode as UTF-8, as postal-mime (the filter's and the oracle's parser) does.
  return decodeCharset(bytes, contentTypeOf(entity).params.charset ?? 'utf-8');
}

export interface WriteOptions {
  /** Change the part's subtype (plain → html when a tactic needs markup). */
  subtype?: 'plain' | 'html';
  /** Force a transfer encoding; by default 7bit for short ASCII lines, quoted-printable otherwise. */
  encoding?: 'quoted-printable' | 'base64' | '7bit';
}

/** Replace a leaf's text; charset becomes UTF-8 and the transfer encoding is chosen to carry it. */
export function writeText(entity: MimeEntity, text: string, eol: string, options: WriteOptions = {}): void {
  const ct = contentTypeOf(entity);
  const subtype = options.subtype ?? (ct.value === 'text/html' ? 'html' : 'plain');
  const keep = Object.entries(ct.params).filter(
    ([k]) => k !== 'charset' && !(subtype !== ct.value.slice(5) && (k === 'format' || k === 'delsp')),
  );
  const params = [['charset', 'utf-8'], ...keep].map(([k, v]) => `; ${k}=${quoteParam(v as string)}`).join('');
  let body = subtype === 'html' ? fixMetaCharset(text) : text;
  body = body.replace(/\r?\n/g, eol);
  const ascii = /^\p{ASCII}*$/u.test(body) && body.split(eol).every((l) => l.length <= 900);
  const encoding = options.encoding ?? (ascii ? '7bit' : 'quoted-printable');
  setHeader(entity, 'Content-Type', `text/${subtype}${params}`);
  setHeader(entity, 'Content-Transfer-Encoding', encoding);
  const encoded =
    encoding === 'base64'
      ? encodeBase64(body, eol)
      : encoding === 'quoted-printable'
        ? encodeQuotedPrintable(body, eol)
        : body;
  entity.body = { kind: 'leaf', raw: encoded.endsWith(eol) || encoded === '' ? encoded : encoded + eol };
  if (entity.separator === '') entity.separator = eol + eol;
}

/** The part is re-encoded as UTF-8, so an HTML <meta> charset declaration must say so too. */
function fixMetaCharset(html: string): string {
  return html.replace(/(<meta\b[^>]*?charset\s*=\s*["']?)([\w.:-]+)/gi, '$1utf-8');
}

/** Apply `fn` to the decoded text of every displayed part of the given subtype(s); returns how many changed. */
export function mapTextParts(
  root: MimeEntity,
  eol: string,
  subtypes: ReadonlyArray<'plain' | 'html'>,
  fn: (text: string, part: TextPart) => string | null,
  which: 'all' | 'displayed' = 'all',
): number {
  let changed = 0;
  const parts = which === 'all' ? textParts(root) : displayedParts(root);
  for (const part of parts) {
    if (!subtypes.includes(part.subtype)) continue;
    const text = readText(part.entity);
    const next = fn(text, part);
    if (next !== null && next !== text) {
      writeText(part.entity, next, eol);
      changed++;
    }
  }
  return changed;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\u00a0/g, '&nbsp;');
}

export function escapeAttr(text: string): string {
  return escapeHtml(text).replace(/"/g, '&quot;');
}

/** URLs in running text: what mail clients auto-link. */
export const URL_IN_TEXT = /\b(?:https?:\/\/|www\.)[^\s<>"'`()[\]{}]+/gi;

/** Strip punctuation a sentence puts after a URL ("visit http://x.example/a." → the URL ends before the dot). */
export function trimUrl(url: string): string {
  return url.replace(/[.,;:!?'"]+$/, '');
}

/**
 * Plain text → an equivalent HTML body, the way clients render plain mail: paragraphs and line breaks kept, URLs
 * made clickable (clients auto-link them, so the link a reader can click is the same).
 */
export function plainToHtml(text: string): string {
  const paragraphs = text.replace(/\r\n/g, '\n').split(/\n{2,}/);
  const body = paragraphs
    .map((p) => {
      const withLinks = linkify(p);
      return `<p>${withLinks.replace(/\n/g, '<br>\n')}</p>`;
    })
    .join('\n');
  return `<html><body>\n${body}\n</body></html>\n`;
}

function linkify(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(URL_IN_TEXT)) {
    const url = trimUrl(m[0]);
    out += escapeHtml(text.slice(last, m.index));
    const href = url.toLowerCase().startsWith('www.') ? `http://${url}` : url;
    out += `<a href="${escapeAttr(href)}">${escapeHtml(url)}</a>`;
    last = m.index + url.length;
  }
  return out + escapeHtml(text.slice(last));
}

/**
 * The HTML parts to act on. When the message has only plain text and `convert` is set, each displayed plain part
 * is turned into HTML first (a spammer controls the format of the mail they send). Returns [] when there is
 * nothing to act on.
 */
export function htmlPartsForEditing(root: MimeEntity, eol: string, convert: boolean): TextPart[] {
  const displayed = displayedParts(root);
  const html = displayed.filter((p) => p.subtype === 'html');
  if (html.length > 0) return html;
  if (!convert) return [];
  const plain = displayed.filter((p) => p.subtype === 'plain');
  for (const p of plain) {
    writeText(p.entity, plainToHtml(readText(p.entity)), eol, { subtype: 'html' });
    p.subtype = 'html';
  }
  return plain;
}

export function headerText(entity: MimeEntity, name: string): string | undefined {
  return getHeader(entity, name);
}

export function dispositionFilename(entity: MimeEntity): string | undefined {
  const d = parseHeaderValue(getHeader(entity, 'content-disposition') ?? '');
  return d.params.filename ?? contentTypeOf(entity).params.name;
}
