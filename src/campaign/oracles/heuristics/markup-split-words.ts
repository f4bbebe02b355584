/**
 * Defuses layout.html-comment-word-split. The catalog's heuristic: extract text as a renderer lays it out (drop
 * comments, join inline elements without spaces) — oracles/visible-text.ts does — and compare with a naive
 * extraction that turns every tag and comment into a space: a word the reader sees but the naive view does not
 * have was split by markup on purpose.
 */
import { words } from '../normalize.js';
import { type ContentHeuristic, capped, finding } from './types.js';

const MIN_LETTERS = 4;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * What a filter that strips markup naively sees: tags and comments become spaces. Character references are
 * decoded — spelling letters as references is a different trick (nested-encoding's), not a split.
 */
export function naiveHtmlText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style)[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, ref: string) => {
      if (ref[0] !== '#') return NAMED[ref.toLowerCase()] ?? m;
      const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
    });
}

export const markupSplitWordsHeuristic: ContentHeuristic = {
  kind: 'content',
  id: 'heuristic.markup-split-words',
  name: 'Words split by markup',
  summary: 'Flag visible words that exist only when inline markup and comments are joined the way a renderer does.',
  inspect(_raw, view) {
    if (view.source !== 'html' || !view.html) return finding([]);
    const naive = new Set(words(naiveHtmlText(view.html).toLowerCase()));
    const split: string[] = [];
    for (const w of new Set(words(view.bodyVisibleText.toLowerCase()))) {
      if (w.length >= MIN_LETTERS && /\p{L}/u.test(w) && !naive.has(w)) split.push(`'${w}' is split in the markup`);
    }
    return finding(capped(split));
  },
};
