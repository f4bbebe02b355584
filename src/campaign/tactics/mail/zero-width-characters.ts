/**
 * input.zero-width-characters — insert invisible code points (zero-width space U+200B, zero-width non-joiner
 * U+200C, word joiner U+2060) inside trigger words. Nothing changes on screen; a tokenizer that keeps them as
 * letters or splits on them sees fragments ("fr\u200bee"). Seen in the wild e.g. in Avanan's "Z-WASP" report
 * (2018: zero-width spaces in Office 365 phishing mails defeated Microsoft's link and keyword checks).
 */

import { bool, list, merged, num } from '../params.js';
import { pick, randInt } from '../rng.js';
import type { ContentTactic, Rng } from '../types.js';
import { SPAM_WORDS } from '../words/spam-words.js';
import { respellTerms } from './respell-terms.js';

const DEFAULTS = {
  words: [...SPAM_WORDS],
  /** The invisible characters to draw from. */
  chars: ['\u200b', '\u200c', '\u2060'],
  /** Characters inserted per occurrence. */
  perWord: 1,
  rate: 1,
  subject: true,
};

export function breakWord(word: string, rng: Rng, chars: readonly string[], n: number): string | null {
  const letters = [...word];
  if (letters.length < 2) return null;
  for (let k = 0; k < Math.max(1, n); k++) {
    const at = randInt(rng, 1, letters.length - 1);
    letters.splice(at, 0, pick(rng, chars));
  }
  return letters.join('');
}

export const zeroWidthCharactersTactic: ContentTactic = {
  kind: 'content',
  id: 'input.zero-width-characters',
  defusedBy: ['heuristic.obfuscated-characters'],
  summary:
    'Insert zero-width characters inside trigger words: invisible to the reader, a different token to the filter.',
  defaults: DEFAULTS,
  apply(content, rng, params, env) {
    const p = merged(DEFAULTS, params);
    const chars = list(p, 'chars', DEFAULTS.chars).filter((c) => /^\p{Default_Ignorable_Code_Point}+$/u.test(c));
    if (chars.length === 0) return null;
    const n = num(p, 'perWord', DEFAULTS.perWord);
    const rate = num(p, 'rate', DEFAULTS.rate);
    const out = respellTerms(
      content,
      rng,
      {
        encoding: env?.encoding,
        words: list(p, 'words', DEFAULTS.words),
        subject: bool(p, 'subject', DEFAULTS.subject),
        rate,
      },
      (w) => breakWord(w, rng, chars, n),
    );
    return out === null
      ? null
      : { content: out.content, note: `${out.changed} word occurrence(s) broken with zero-width characters` };
  },
};
