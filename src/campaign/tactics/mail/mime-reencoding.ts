/**
 * layout.mime-reencoding — wrap or re-encode the body so a parser that decodes one level sees encoded text while a
 * mail client, which decodes every level it meets, shows the message. Modes:
 *
 * - `rfc822-wrapper`: the message travels as an inline forwarded message/rfc822 part (clients render it inline);
 * - `base64-in-qp`: the same wrapper, quoted-printable encoded, around a message whose text parts are base64;
 * - `double-base64`: a base64-encoded wrapper around base64 text parts — two base64 layers;
 * - `entity-encoding`: every letter of the HTML's visible text written as a numeric character reference
 *   (`&#118;&#105;…`, Graham-Cumming's HTML-encoding tricks in the Spammers' Compendium), inside a base64 part.
 *
 * RFC 2046 §5.2.1 only allows 7bit/8bit/binary on message/rfc822; base64/quoted-printable there are a
 * parser-differential trick — postal-mime and many clients decode them anyway, strict parsers may not. Which
 * clients render what is exactly what an attacker must check (the catalog's cost note); the validity oracle uses
 * postal-mime as its client.
 */
import { freshBoundary, transformMessage } from '../mime/edit.js';
import { encodeBase64, encodeQuotedPrintable } from '../mime/encoding.js';
import { rewriteHtmlText } from '../mime/html-rewrite.js';
import {
  attachContent,
  createLeaf,
  createMultipart,
  detachContent,
  type MimeEntity,
  serializeEntity,
} from '../mime/message.js';
import { htmlPartsForEditing, readText, textParts, writeText } from '../mime/text-parts.js';
import { choice, merged } from '../params.js';
import { pick } from '../rng.js';
import type { ContentTactic } from '../types.js';

const MODES = ['rfc822-wrapper', 'base64-in-qp', 'double-base64', 'entity-encoding', 'any'] as const;
type Mode = (typeof MODES)[number];

const DEFAULTS = { mode: 'any' as Mode };

/** Envelope fields a forwarded message keeps, so the client shows who sent it and what it is about. */
const INNER_FIELDS = new Set(['from', 'to', 'cc', 'subject', 'date', 'message-id', 'reply-to']);

function innerMessage(root: MimeEntity, content: MimeEntity, eol: string): MimeEntity {
  return {
    headers: [
      ...root.headers.filter((h) => INNER_FIELDS.has(h.name)),
      { name: 'mime-version', raw: 'MIME-Version: 1.0' },
      ...content.headers,
    ],
    separator: eol + eol,
    body: content.body,
  };
}

function entityEncode(text: string): string {
  return [...text]
    .map((c) =>
      /[\p{L}\p{N}]/u.test(c) ? `&#${c.codePointAt(0)};` : c.replace(/[&<>]/g, (x) => `&#${x.charCodeAt(0)};`),
    )
    .join('');
}

export const mimeReencodingTactic: ContentTactic = {
  kind: 'content',
  id: 'layout.mime-reencoding',
  defusedBy: ['heuristic.nested-encoding'],
  summary:
    'Nest the body in a forwarded message/rfc822 part and/or encode it twice (base64 in quoted-printable, double base64, entities in base64).',
  defaults: DEFAULTS,
  apply(content, rng, params, env) {
    const p = merged(DEFAULTS, params);
    let mode = choice(p, 'mode', MODES, DEFAULTS.mode);
    if (mode === 'any')
      mode = pick(rng, ['rfc822-wrapper', 'base64-in-qp', 'double-base64', 'entity-encoding'] as const);
    const chosen = mode;
    const out = transformMessage(content, env?.encoding, (msg) => {
      const eol = msg.eol;
      if (textParts(msg.root).length === 0) return false;
      if (chosen === 'entity-encoding') {
        const parts = htmlPartsForEditing(msg.root, eol, true);
        let changed = 0;
        for (const part of parts) {
          const { html, changed: n } = rewriteHtmlText(readText(part.entity), (t) =>
            t.trim() ? entityEncode(t) : null,
          );
          if (n > 0) {
            writeText(part.entity, html, eol, { encoding: 'base64' });
            changed++;
          }
        }
        return changed;
      }
      const content0 = detachContent(msg.root, eol);
      const inner = innerMessage(msg.root, content0, eol);
      if (chosen !== 'rfc822-wrapper') {
        for (const part of textParts(inner)) writeText(part.entity, readText(part.entity), eol, { encoding: 'base64' });
      }
      const serialized = serializeEntity(inner, eol);
      const outerEncoding =
        chosen === 'rfc822-wrapper'
          ? /^\p{ASCII}*$/u.test(serialized)
            ? '7bit'
            : '8bit'
          : chosen === 'base64-in-qp'
            ? 'quoted-printable'
            : 'base64';
      const body =
        outerEncoding === 'quoted-printable'
          ? encodeQuotedPrintable(serialized, eol)
          : outerEncoding === 'base64'
            ? encodeBase64(serialized, eol)
            : serialized;
      const wrapper = createLeaf(
        [
          ['Content-Type', 'message/rfc822'],
          ['Content-Disposition', 'inline'],
          ['Content-Transfer-Encoding', outerEncoding],
        ],
        body.endsWith(eol) ? body : body + eol,
        eol,
      );
      attachContent(msg.root, createMultipart('mixed', [wrapper], freshBoundary(content, rng, 'fwd'), eol), eol);
      return true;
    });
    return out === null ? null : { content: out, note: `MIME re-encoding: ${chosen}` };
  },
};
