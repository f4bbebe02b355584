/**
 * Defuses input.confusable-characters and input.zero-width-characters. The catalog's heuristic: map text to its
 * confusable skeleton before tokenizing (oracles/normalize.ts `readerNormalize` does exactly that: NFKC, strip
 * default-ignorables, UTS #39 skeleton) and flag words that mix scripts or hide invisible characters — a
 * legitimate sender has no reason to write "pаypal" with a Cyrillic а or "ver\u200bify".
 */
import { type ContentHeuristic, capped, finding } from './types.js';

const IGNORABLE_INSIDE = /[\p{L}\p{N}][\p{Default_Ignorable_Code_Point}]+[\p{L}\p{N}]/u;
const SCRIPTS: ReadonlyArray<readonly [string, RegExp]> = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Cherokee', /\p{Script=Cherokee}/u],
];

/** Scripts mixed inside one word (empty when the word sticks to one). */
export function mixedScripts(word: string): string[] {
  const found = SCRIPTS.filter(([, re]) => re.test(word)).map(([name]) => name);
  return found.length > 1 ? found : [];
}

export const obfuscatedCharactersHeuristic: ContentHeuristic = {
  kind: 'content',
  id: 'heuristic.obfuscated-characters',
  name: 'Mixed-script and invisible characters inside words',
  summary: 'Flag words that mix scripts (Latin with Cyrillic/Greek look-alikes) or hide zero-width characters.',
  inspect(_raw, view) {
    const evidence: string[] = [];
    const text = `${view.subject}\n${view.visibleText}\n${view.plainText}`;
    for (const word of new Set(text.split(/[\s.,;:!?()"'<>[\]{}]+/u))) {
      if (word === '') continue;
      if (IGNORABLE_INSIDE.test(word)) {
        evidence.push(`invisible character inside '${word.replace(/\p{Default_Ignorable_Code_Point}/gu, '·')}'`);
        continue;
      }
      const scripts = mixedScripts(word);
      if (scripts.length) evidence.push(`'${word}' mixes ${scripts.join(' and ')}`);
    }
    return finding(capped(evidence));
  },
};
