/**
 * layout.html-comment-word-split — break trigger words with markup a browser draws as nothing: an HTML comment
 * ("via<!-- -->gra"), an empty inline tag ("via<b></b>gra"), a span around a letter ("<span>v</span>iagra"), or a
 * bogus comment ("Wr<!$FS|i|R3$s80sA >inkle", the form SpamBayes developers saw in 2003). The reader sees one word;
 * an extractor that emits text nodes separately, or strips tags to spaces, produces fragments.
 */
import { transformMessage } from '../mime/edit.js';
import { rewriteHtmlText } from '../mime/html-rewrite.js';
import { replaceTermsAsHtml, termPattern } from '../mime/terms.js';
import { escapeHtml, htmlPartsForEditing, readText, writeText } from '../mime/text-parts.js';
import { bool, choice, list, merged, num } from '../params.js';
import { chance, pick, randInt } from '../rng.js';
import type { ContentTactic, Rng } from '../types.js';
import { SPAM_WORDS } from '../words/spam-words.js';

const METHODS = ['comment', 'empty-tag', 'span', 'bogus-comment', 'any'] as const;
type Method = (typeof METHODS)[number];

const DEFAULTS = {
  words: [...SPAM_WORDS],
  method: 'any' as Method,
  rate: 1,
  convertPlainText: true,
};

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function splitWordHtml(word: string, rng: Rng, method: Exclude<Method, 'any'>): string | null {
  const chars = [...word];
  if (chars.length < 2) return null;
  const at = randInt(rng, 1, chars.length - 1);
  const head = escapeHtml(chars.slice(0, at).join(''));
  const tail = escapeHtml(chars.slice(at).join(''));
  switch (method) {
    case 'comment':
      return `${head}<!-- -->${tail}`;
    case 'empty-tag': {
      const tag = pick(rng, ['b', 'i', 'span', 'font']);
      return `${head}<${tag}></${tag}>${tail}`;
    }
    case 'span':
      return `<span>${head}</span>${tail}`;
    case 'bogus-comment': {
      let junk = '';
      for (let i = 0; i < 8; i++) junk += pick(rng, [...ALNUM]);
      return `${head}<!${junk} >${tail}`;
    }
  }
}

export const htmlCommentWordSplitTactic: ContentTactic = {
  kind: 'content',
  id: 'layout.html-comment-word-split',
  defusedBy: ['heuristic.markup-split-words'],
  summary: 'Split trigger words with HTML comments or empty inline tags; the browser draws one word.',
  defaults: DEFAULTS,
  apply(content, rng, params, env) {
    const p = merged(DEFAULTS, params);
    const pattern = termPattern(list(p, 'words', DEFAULTS.words));
    const fixed = choice(p, 'method', METHODS, DEFAULTS.method);
    const rate = num(p, 'rate', DEFAULTS.rate);
    let words = 0;
    const out = transformMessage(content, env?.encoding, (msg) => {
      // Probe first: converting plain text to HTML is only worth it when a trigger word is there to split.
      const probe = htmlPartsForEditing(msg.root, msg.eol, false);
      const parts =
        probe.length > 0 ? probe : htmlPartsForEditing(msg.root, msg.eol, bool(p, 'convertPlainText', true));
      let changed = 0;
      for (const part of parts) {
        const { html, changed: n } = rewriteHtmlText(readText(part.entity), (text) =>
          replaceTermsAsHtml(text, pattern, (w) => {
            if (!chance(rng, rate)) return null;
            const method =
              fixed === 'any' ? pick(rng, ['comment', 'empty-tag', 'span', 'bogus-comment'] as const) : fixed;
            const next = splitWordHtml(w, rng, method);
            if (next !== null) words++;
            return next;
          }),
        );
        if (n > 0) {
          writeText(part.entity, html, msg.eol);
          changed++;
        }
      }
      return changed;
    });
    return out === null || words === 0 ? null : { content: out, note: `${words} word occurrence(s) split with markup` };
  },
};
