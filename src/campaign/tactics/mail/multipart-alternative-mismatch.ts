/**
 * layout.multipart-alternative-mismatch — send a harmless text/plain part and the payload as text/html in one
 * multipart/alternative. RFC 2046 §5.1.4 says the parts are the same content; nothing enforces it. Clients show the
 * HTML; a filter that scores the plain part (or the first part) reads small talk. A long-known spam trick
 * (SpamAssassin ships MPART_ALT_DIFF for it) and used in phishing to fool text-only scanners.
 */
import { freshBoundary, replaceEntity, transformMessage } from '../mime/edit.js';
import { createLeaf, createMultipart, setHeader } from '../mime/message.js';
import { displayedParts, plainToHtml, readText, textParts, writeText } from '../mime/text-parts.js';
import { merged, str } from '../params.js';
import { sample } from '../rng.js';
import type { ContentTactic } from '../types.js';
import { BENIGN_PARAGRAPHS } from '../words/benign-text.js';

const DEFAULTS = {
  /** The harmless plain text; empty = two random benign paragraphs. */
  benignText: '',
};

export const multipartAlternativeMismatchTactic: ContentTactic = {
  kind: 'content',
  id: 'layout.multipart-alternative-mismatch',
  defusedBy: ['heuristic.alternative-mismatch'],
  summary: 'Pair a harmless text/plain part with the payload as text/html in one multipart/alternative.',
  defaults: DEFAULTS,
  apply(content, rng, params, env) {
    const p = merged(DEFAULTS, params);
    const benign = str(p, 'benignText', '') || sample(rng, BENIGN_PARAGRAPHS, 2).join('\n\n');
    const text = `${benign}\n`;
    const out = transformMessage(content, env?.encoding, (msg) => {
      const eol = msg.eol;
      const shown = displayedParts(msg.root);
      const first = shown[0];
      if (!first) return false;
      if (first.alternative && first.subtype === 'html') {
        // Already an alternative with HTML: make its plain siblings harmless (or add one).
        const plain = textParts(msg.root).filter((q) => q.alternative === first.alternative && q.subtype === 'plain');
        for (const q of plain) writeText(q.entity, text, eol);
        if (plain.length === 0 && first.alternative.body.kind === 'multipart') {
          const leaf = createLeaf([['Content-Type', 'text/plain; charset=utf-8']], '', eol);
          writeText(leaf, text, eol);
          const boundary = first.alternative.body.boundary;
          first.alternative.body.parts.unshift({
            delimiter: `--${boundary}`,
            delimiterEol: eol,
            entity: leaf,
            tail: eol,
          });
        }
        return true;
      }
      // A single text part: it becomes alternative(plain = benign, html = the payload).
      const html = first.subtype === 'html' ? readText(first.entity) : plainToHtml(readText(first.entity));
      const plainLeaf = createLeaf([['Content-Type', 'text/plain; charset=utf-8']], '', eol);
      writeText(plainLeaf, text, eol);
      const htmlLeaf = createLeaf([['Content-Type', 'text/html; charset=utf-8']], '', eol);
      writeText(htmlLeaf, html, eol);
      const alt = createMultipart('alternative', [plainLeaf, htmlLeaf], freshBoundary(content, rng, 'alt'), eol);
      replaceEntity(msg, first.entity, alt);
      if (first.entity === msg.root) setHeader(msg.root, 'MIME-Version', '1.0');
      return true;
    });
    return out === null ? null : { content: out, note: 'benign text/plain alternative, payload in text/html' };
  },
};
