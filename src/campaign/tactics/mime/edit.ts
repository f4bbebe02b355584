/**
 * Message-level edits shared by the content tactics: rewrite matched words everywhere a reader (and a filter)
 * reads them — the subject, plain-text parts, and the rendered text nodes of HTML parts — and rewrite links.
 * Everything runs in document order so a seeded Rng gives the same output every time.
 */

import type { ContentEncoding } from '../../../contracts/input-bytes.js';
import { rewriteHtmlLinks, rewriteHtmlText, rewriteUrlsInText } from './html-rewrite.js';
import { type MimeEntity, type ParsedMessage, parseMessage, serializeMessage } from './message.js';
import { rewriteSubject } from './subject.js';
import { replaceTerms, replaceTermsAsHtml } from './terms.js';
import { mapTextParts } from './text-parts.js';

export interface TermEdit {
  /** Replacement of a matched term in plain text (and the subject); null keeps the term. */
  text: (match: string) => string | null;
  /** Replacement as an HTML fragment inside an HTML text node; defaults to the escaped `text` result. */
  html?: (match: string) => string | null;
  /** Also rewrite the Subject header (default true). */
  subject?: boolean;
  /** Post-process a changed plain string (e.g. tidy spaces left by a removed word). */
  tidy?: (text: string) => string;
}

/** Apply a term edit to subject and body; returns the number of places (subject, parts) that changed. */
export function editTerms(msg: ParsedMessage, pattern: RegExp | null, edit: TermEdit): number {
  if (!pattern) return 0;
  const tidy = edit.tidy ?? ((t: string) => t);
  let changed = 0;
  if (edit.subject !== false) {
    if (
      rewriteSubject(msg.root, msg.eol, (s) => {
        const next = replaceTerms(s, pattern, edit.text);
        return next === null ? null : tidy(next);
      })
    ) {
      changed++;
    }
  }
  changed += mapTextParts(msg.root, msg.eol, ['plain', 'html'], (text, part) => {
    if (part.subtype === 'plain') {
      const next = replaceTerms(text, pattern, edit.text);
      return next === null ? null : tidy(next);
    }
    const { html, changed: n } = rewriteHtmlText(text, (nodeText) => {
      if (edit.html) return replaceTermsAsHtml(nodeText, pattern, edit.html);
      const next = replaceTerms(nodeText, pattern, edit.text);
      return next === null ? null : escapeForNode(tidy(next));
    });
    return n > 0 ? html : null;
  });
  return changed;
}

function escapeForNode(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\u00a0/g, '&nbsp;');
}

/**
 * Rewrite every http(s) link in the body (hrefs and URLs in text, in every text part — the text/plain alternative
 * too, since filters read it). `fn` sees each distinct URL once; its answer is reused for repeats, so the href and
 * the visible URL of one link stay consistent. Returns the number of distinct URLs rewritten.
 */
export function editLinks(msg: ParsedMessage, fn: (url: string) => string | null): number {
  const memo = new Map<string, string | null>();
  const once = (url: string): string | null => {
    if (!/^(https?:\/\/|www\.)/i.test(url)) return null;
    if (!memo.has(url)) memo.set(url, fn(url));
    return memo.get(url) ?? null;
  };
  mapTextParts(msg.root, msg.eol, ['plain', 'html'], (text, part) => {
    if (part.subtype === 'plain') return rewriteUrlsInText(text, once);
    const { html, changed } = rewriteHtmlLinks(text, once);
    return changed > 0 ? html : null;
  });
  return [...memo.values()].filter((v) => v !== null).length;
}

/** Parse, edit, serialize; null when the edit reports no change. */
export function transformMessage(
  content: string,
  encoding: ContentEncoding | undefined,
  edit: (msg: ParsedMessage) => number | boolean,
): string | null {
  const msg = parseMessage(content, encoding);
  const result = edit(msg);
  if (result === false || result === 0) return null;
  return serializeMessage(msg);
}

/** Find the multipart segment holding `target` and swap in `replacement`; for the root, keep envelope headers. */
export function replaceEntity(msg: ParsedMessage, target: MimeEntity, replacement: MimeEntity): void {
  if (target === msg.root) {
    const contentNames = new Set(['content-type', 'content-transfer-encoding', 'content-disposition', 'content-id']);
    const envelope = msg.root.headers.filter((h) => !contentNames.has(h.name) && h.name !== 'mime-version');
    msg.root.headers = [
      ...envelope,
      { name: 'mime-version', raw: 'MIME-Version: 1.0' },
      ...replacement.headers.filter((h) => contentNames.has(h.name)),
    ];
    msg.root.separator = msg.eol + msg.eol;
    msg.root.body = replacement.body;
    return;
  }
  const visit = (e: MimeEntity): boolean => {
    if (e.body.kind === 'multipart') {
      for (const seg of e.body.parts) {
        if (seg.entity === target) {
          seg.entity = replacement;
          return true;
        }
        if (visit(seg.entity)) return true;
      }
    } else if (e.body.kind === 'message') {
      if (e.body.entity === target) {
        e.body.entity = replacement;
        return true;
      }
      return visit(e.body.entity);
    }
    return false;
  };
  visit(msg.root);
}

/** A MIME boundary that does not occur in the message. */
export function freshBoundary(content: string, rng: () => number, label: string): string {
  for (;;) {
    const b = `=_nograd_${label}_${Math.floor(rng() * 0xffffffff)
      .toString(16)
      .padStart(8, '0')}`;
    if (!content.includes(b)) return b;
  }
}
