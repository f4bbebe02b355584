/**
 * Defuses input.character-substitution. The catalog's heuristic: read spelling variants the way a reader does
 * before tokenizing. Here: a word with a digit between its letters ("fr3e", "cr3dit") whose digits, read as the
 * letters they resemble (0→o, 1→i or l, 3→e, 4→a, 5→s, 7→t), spell a word of the filter's trigger vocabulary. Product
 * names and versions ("mp3", "win32", "w3c", "b2b") spell no such word, so they stay quiet.
 */
import { SPAM_WORDS } from '../../tactics/words/spam-words.js';
import { type ContentHeuristic, capped, finding } from './types.js';

const LETTERS_FOR: Readonly<Record<string, readonly string[]>> = {
  '0': ['o'],
  '1': ['i', 'l'],
  '3': ['e'],
  '4': ['a'],
  '5': ['s'],
  '7': ['t'],
};

/** Letters with at least one digit strictly inside. */
const MIXED = /^\p{L}+(?:\d+\p{L}*)+$/u;

/** Every reading of `token` with its digits as letters (a few: only 1 has two readings). */
export function readings(token: string): string[] {
  let out = [''];
  for (const c of token.toLowerCase()) {
    const options = LETTERS_FOR[c] ?? [c];
    out = out.flatMap((prefix) => options.map((o) => prefix + o));
    if (out.length > 64) break;
  }
  return out;
}

export function digitSubstitutionHeuristic(vocabulary: readonly string[] = SPAM_WORDS): ContentHeuristic {
  const known = new Set(vocabulary.map((w) => w.toLowerCase()));
  return {
    kind: 'content',
    id: 'heuristic.digit-substitution',
    name: 'Digits standing in for letters',
    summary: 'Read digits inside words as the letters they resemble, and flag words that then spell a trigger word.',
    inspect(_raw, view) {
      const evidence: string[] = [];
      const text = `${view.subject}\n${view.visibleText}\n${view.plainText}`;
      for (const token of new Set(text.match(/[\p{L}\p{N}]+/gu) ?? [])) {
        if (!MIXED.test(token)) continue;
        const word = readings(token).find((r) => known.has(r));
        if (word) evidence.push(`'${token}' reads as '${word}'`);
      }
      return finding(capped(evidence));
    },
  };
}
