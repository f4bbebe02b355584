/**
 * input.character-substitution — respell trigger words with digits that read as the letters they replace
 * ("fr3e", "l0an", "cr3dit"): the spammers' "leetspeak" since the late 1990s (Graham-Cumming's Spammers'
 * Compendium lists it among the oldest tricks). A reader still reads the word; a word-level vocabulary holds no such
 * token, so the word's spam weight vanishes. Unlike look-alike letters from other scripts, the digits are plain
 * ASCII, so confusable normalization does not undo them (only 0→o and 1→l are Unicode confusables).
 *
 * The tactic declares what the validity oracle must accept: each respelling it can produce reads as its word
 * (`validity`: a synonym group per word, every variant with up to `lettersPerWord` substitutions).
 */

import { bool, list, merged, num } from '../params.js';
import { sample } from '../rng.js';
import type { ContentTactic, Rng, TacticParams } from '../types.js';
import { SPAM_WORDS } from '../words/spam-words.js';
import { respellTerms } from './respell-terms.js';

/** The digits that stand in for letters, as readers decode them. */
export const DIGIT_FOR: Readonly<Record<string, string>> = { a: '4', e: '3', i: '1', o: '0', s: '5', t: '7' };

const DEFAULTS = {
  /** Words to respell (case-insensitive, whole words). */
  words: [...SPAM_WORDS],
  /** Letters replaced by digits per occurrence; kept low so the word stays readable. */
  lettersPerWord: 1,
  /** Probability that an occurrence is rewritten. */
  rate: 1,
  subject: true,
};

/** Positions of letters that have a digit. */
function substitutable(word: string): number[] {
  return [...word].flatMap((c, i) => (DIGIT_FOR[c.toLowerCase()] ? [i] : []));
}

/** Replace up to `n` letters by their digits; null when the word has none to replace. */
export function respellWord(word: string, rng: Rng, n: number): string | null {
  const positions = substitutable(word);
  if (positions.length === 0) return null;
  const chars = [...word];
  for (const i of sample(rng, positions, Math.max(1, n)))
    chars[i] = DIGIT_FOR[(chars[i] as string).toLowerCase()] as string;
  return chars.join('');
}

/** Every respelling of `word` with 1..n letters replaced (lower case), the word itself first. */
export function respellings(word: string, n: number): string[] {
  const lower = word.toLowerCase();
  const positions = substitutable(lower);
  const out = new Set<string>([lower]);
  const grow = (from: number, chars: string[], left: number) => {
    for (let k = from; k < positions.length && left > 0; k++) {
      const i = positions[k] as number;
      const next = [...chars];
      next[i] = DIGIT_FOR[next[i] as string] as string;
      out.add(next.join(''));
      grow(k + 1, next, left - 1);
    }
  };
  grow(0, [...lower], Math.max(1, Math.floor(n)));
  return [...out];
}

function titleCase(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function lettersPerWord(p: TacticParams): number {
  return Math.max(1, Math.floor(num(p, 'lettersPerWord', DEFAULTS.lettersPerWord)));
}

export const characterSubstitutionTactic: ContentTactic = {
  kind: 'content',
  id: 'input.character-substitution',
  defusedBy: ['heuristic.digit-substitution'],
  summary: 'Respell trigger words with digits that read as letters ("fr3e", "l0an") so the vocabulary misses them.',
  defaults: DEFAULTS,
  // A respelt word is the same word to the reader: each word's respellings form one synonym group. Upper- and
  // title-case forms are listed too, because the oracle's skeleton reads a capital I as l ("CR3DIT" → "cr3dlt").
  validity: (params) => ({
    synonyms: list(params, 'words', DEFAULTS.words)
      .map((w) => respellings(w, lettersPerWord(params)).flatMap((v) => [v, v.toUpperCase(), titleCase(v)]))
      .filter((g) => g.length > 3),
  }),
  apply(content, rng, params, env) {
    const p = merged(DEFAULTS, params);
    const n = lettersPerWord(p);
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
      (w) => respellWord(w, rng, n),
    );
    return out === null
      ? null
      : { content: out.content, note: `${out.changed} word occurrence(s) respelt with digits` };
  },
};
