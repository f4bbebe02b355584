/**
 * input.confusable-characters — swap Latin letters of trigger words for look-alikes from Cyrillic, Greek or
 * Armenian ("vіаgrа" with Cyrillic і and а). Homograph spam has used this since the early 2000s (Gabrilovich &
 * Gontmakher, "The Homograph Attack", CACM 2002); the reader sees the word, a tokenizer without confusable
 * normalization sees a token it never learned, so the word's spam weight vanishes.
 */

import { bool, list, merged, num } from '../params.js';
import { pick, sample } from '../rng.js';
import type { ContentTactic, Rng } from '../types.js';
import { CONFUSABLES } from '../words/confusables.js';
import { SPAM_WORDS } from '../words/spam-words.js';
import { respellTerms } from './respell-terms.js';

const DEFAULTS = {
  /** Words to disguise (case-insensitive, whole words). */
  words: [...SPAM_WORDS],
  /** Letters replaced per occurrence. */
  lettersPerWord: 2,
  /** Probability that an occurrence is rewritten. */
  rate: 1,
  subject: true,
};

/** Replace up to `n` letters that have a look-alike; null when the word has none. */
export function disguiseWord(word: string, rng: Rng, n: number): string | null {
  const chars = [...word];
  const candidates = chars.map((c, i) => (CONFUSABLES[c] ? i : -1)).filter((i) => i >= 0);
  if (candidates.length === 0) return null;
  for (const i of sample(rng, candidates, Math.max(1, n))) {
    chars[i] = pick(rng, CONFUSABLES[chars[i] as string] as readonly string[]);
  }
  return chars.join('');
}

export const confusableCharactersTactic: ContentTactic = {
  kind: 'content',
  id: 'input.confusable-characters',
  defusedBy: ['heuristic.obfuscated-characters'],
  summary:
    'Swap letters of trigger words for Cyrillic/Greek look-alikes so the reader sees the word and the tokenizer does not.',
  defaults: DEFAULTS,
  apply(content, rng, params, env) {
    const p = merged(DEFAULTS, params);
    const n = num(p, 'lettersPerWord', DEFAULTS.lettersPerWord);
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
      (w) => disguiseWord(w, rng, n),
    );
    return out === null
      ? null
      : { content: out.content, note: `${out.changed} word occurrence(s) disguised with look-alike letters` };
  },
};
