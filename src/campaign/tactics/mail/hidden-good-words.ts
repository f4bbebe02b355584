/**
 * layout.hidden-good-words — append words typical of legitimate mail in text the reader never sees. The good-word
 * attack (Lowd & Meek, "Good Word Attacks on Statistical Spam Filters", CEAS 2005) adds ham-indicative words to
 * pull a bag-of-words score down; hiding them with CSS (display:none, font-size:0, white on white — Graham-Cumming's
 * "invisible ink" in the Spammers' Compendium, and Avanan's "ZeroFont" phishing, 2018) keeps the lure unchanged.
 *
 * Params: `words` (default: strong ham words of the SpamAssassin corpus; a campaign may pass the words its
 * good-word baseline learned), `count`, `method` (display-none | font-size-0 | white-on-white | any).
 */

import { transformMessage } from '../mime/edit.js';
import { insertBeforeBodyEnd } from '../mime/html-rewrite.js';
import { escapeHtml, htmlPartsForEditing, readText, writeText } from '../mime/text-parts.js';
import { bool, choice, list, merged, num } from '../params.js';
import { pick, shuffled } from '../rng.js';
import type { ContentTactic } from '../types.js';
import { HAM_WORDS } from '../words/ham-words.js';

const METHODS = ['display-none', 'font-size-0', 'white-on-white', 'any'] as const;
type Method = (typeof METHODS)[number];

const DEFAULTS = {
  words: [...HAM_WORDS],
  count: 30,
  method: 'any' as Method,
  /** Turn a plain-text-only message into HTML so there is somewhere to hide text. */
  convertPlainText: true,
};

const STYLES: Record<Exclude<Method, 'any'>, string> = {
  // mso-hide:all makes Outlook hide it too; other clients honour display:none
  'display-none': 'display:none;mso-hide:all',
  'font-size-0': 'font-size:0px;line-height:0px',
  'white-on-white': 'color:#ffffff;background-color:#ffffff',
};

export const hiddenGoodWordsTactic: ContentTactic = {
  kind: 'content',
  id: 'layout.hidden-good-words',
  defusedBy: ['heuristic.hidden-text'],
  summary: 'Append ham-typical words in invisible HTML (display:none, font-size:0, white on white).',
  defaults: DEFAULTS,
  apply(content, rng, params, env) {
    const p = merged(DEFAULTS, params);
    const pool = list(p, 'words', DEFAULTS.words);
    const count = Math.max(1, Math.floor(num(p, 'count', DEFAULTS.count)));
    if (pool.length === 0) return null;
    let method = choice(p, 'method', METHODS, DEFAULTS.method);
    if (method === 'any') method = pick(rng, ['display-none', 'font-size-0', 'white-on-white'] as const);
    const words: string[] = [];
    while (words.length < count) words.push(...shuffled(rng, pool));
    const chosen = words.slice(0, count);
    const fragment = `<div style="${STYLES[method]}">${escapeHtml(chosen.join(' '))}</div>\n`;
    const out = transformMessage(content, env?.encoding, (msg) => {
      const parts = htmlPartsForEditing(msg.root, msg.eol, bool(p, 'convertPlainText', DEFAULTS.convertPlainText));
      const first = parts[0];
      if (!first) return false;
      writeText(first.entity, insertBeforeBodyEnd(readText(first.entity), fragment), msg.eol);
      return true;
    });
    return out === null ? null : { content: out, note: `${chosen.length} hidden good words (${method})` };
  },
};
