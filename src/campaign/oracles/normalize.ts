/**
 * Reader-equivalence for text: two strings are "the same to a reader" when they agree after
 * NFKC, removal of default-ignorable code points (zero-width space/joiners, word joiner, soft hyphen, bidi marks),
 * the Unicode confusable skeleton (UTS #39, via unhomoglyph — data from Unicode 13), case folding and whitespace
 * folding. This is deliberately generous about *how* text is spelled and strict about *what* it says.
 */
import unhomoglyph from 'unhomoglyph';
import { trimUrl, URL_IN_TEXT } from '../tactics/mime/text-parts.js';

const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
const WORD = /[\p{L}\p{N}]+/gu;

export function readerNormalize(text: string): string {
  const base = text.normalize('NFKC').replace(IGNORABLE, '');
  // skeleton → lower-case → skeleton: a capital look-alike (Cyrillic К) reaches "k" the same way a Latin K does.
  return foldSpaces(unhomoglyph(unhomoglyph(base).toLowerCase()));
}

/** Collapse whitespace and drop spaces before punctuation ("from ." after a word was removed reads as "from."). */
export function foldSpaces(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/ ([,.;:!?)])/g, '$1')
    .trim();
}

/** Text with URLs cut out: links are judged by where they lead (see links.ts), not by how they are spelled. */
export function withoutUrls(text: string): string {
  return text.replace(URL_IN_TEXT, (m) => m.slice(trimUrl(m).length));
}

/**
 * The sentence-sized units of a visible text a transformed sample must keep: lines (block boundaries), split
 * further after sentence punctuation; each normalized; units without a letter or digit are dropped.
 */
export function sentenceUnits(text: string): string[] {
  const out: string[] = [];
  for (const line of withoutUrls(text).split(/\n+/)) {
    for (const sentence of line.split(/(?<=[.!?])\s+/)) {
      const n = readerNormalize(sentence);
      if (/[\p{L}\p{N}]/u.test(n)) out.push(n);
    }
  }
  return out;
}

export function words(normalized: string): string[] {
  return normalized.match(WORD) ?? [];
}

/** True when `needle` occurs in `haystack` starting and ending on word boundaries. */
export function containsAtWordBoundary(haystack: string, needle: string): boolean {
  if (needle === '') return true;
  const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  let from = 0;
  for (;;) {
    const at = haystack.indexOf(needle, from);
    if (at < 0) return false;
    const before = haystack[at - 1];
    const after = haystack[at + needle.length];
    const startOk = !isWordChar(needle[0]) || !isWordChar(before);
    const endOk = !isWordChar(needle[needle.length - 1]) || !isWordChar(after);
    if (startOk && endOk) return true;
    from = at + 1;
  }
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function phrasePattern(phrases: readonly string[]): RegExp | null {
  const list = [...new Set(phrases.map((p) => readerNormalize(p)).filter((p) => p !== ''))].sort(
    (a, b) => b.length - a.length,
  );
  if (list.length === 0) return null;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${list.map(escapeRegex).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
}

export interface Equivalences {
  /** Groups of interchangeable phrases; every member is folded to the group's first one. */
  synonyms?: readonly (readonly string[])[];
  /** Words or phrases that may disappear without changing what the message does (e.g. brand names). */
  droppable?: readonly string[];
}

/** A function that maps normalized text onto its canonical form under the equivalences. */
export function canonicalizer(eq: Equivalences): (normalized: string) => string {
  const groups = (eq.synonyms ?? []).map((g) => ({ to: readerNormalize(g[0] ?? ''), pattern: phrasePattern(g) }));
  const drop = phrasePattern(eq.droppable ?? []);
  return (text) => {
    let out = text;
    if (drop) out = out.replace(drop, ' ');
    for (const g of groups) if (g.pattern) out = out.replace(g.pattern, g.to);
    return foldSpaces(out);
  };
}
