/**
 * Finding trigger words in running text. URLs and e-mail addresses are never touched: a homoglyph or zero-width
 * character inside one changes where a click or a reply goes, which would break the attacker's own payload.
 */
import { escapeHtml } from './text-parts.js';

const PROTECTED = /\b(?:https?:\/\/|www\.)[^\s<>"'`]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gi;

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A case-insensitive whole-word matcher for the terms (multi-word terms match any run of whitespace). */
export function termPattern(terms: readonly string[]): RegExp | null {
  const cleaned = [...new Set(terms.map((t) => t.trim()).filter((t) => t !== ''))].sort((a, b) => b.length - a.length);
  if (cleaned.length === 0) return null;
  const alternatives = cleaned.map((t) => t.split(/\s+/).map(escapeRegex).join('\\s+'));
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
}

export interface Segment {
  text: string;
  /** True for an occurrence of one of the terms. */
  term: boolean;
}

export function segmentTerms(text: string, pattern: RegExp): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  const pushPlain = (chunk: string): void => {
    let from = 0;
    for (const m of chunk.matchAll(new RegExp(pattern.source, pattern.flags))) {
      if (m.index > from) out.push({ text: chunk.slice(from, m.index), term: false });
      out.push({ text: m[0], term: true });
      from = m.index + m[0].length;
    }
    if (from < chunk.length) out.push({ text: chunk.slice(from), term: false });
  };
  for (const m of text.matchAll(PROTECTED)) {
    pushPlain(text.slice(last, m.index));
    out.push({ text: m[0], term: false });
    last = m.index + m[0].length;
  }
  pushPlain(text.slice(last));
  return out;
}

/**
 * Replace term occurrences in plain text. `fn` gets the matched text and returns its replacement or null to keep
 * it. Returns null when nothing changed.
 */
export function replaceTerms(
  text: string,
  pattern: RegExp | null,
  fn: (match: string) => string | null,
): string | null {
  if (!pattern) return null;
  let changed = false;
  const out = segmentTerms(text, pattern)
    .map((s) => {
      if (!s.term) return s.text;
      const next = fn(s.text);
      if (next === null || next === s.text) return s.text;
      changed = true;
      return next;
    })
    .join('');
  return changed ? out : null;
}

/**
 * Like replaceTerms, but builds an HTML fragment: untouched text is escaped, `fn`'s result is inserted as markup
 * (used to split words with comments or tags). Returns null when nothing changed.
 */
export function replaceTermsAsHtml(
  text: string,
  pattern: RegExp | null,
  fn: (match: string) => string | null,
): string | null {
  if (!pattern) return null;
  let changed = false;
  const out = segmentTerms(text, pattern)
    .map((s) => {
      if (!s.term) return escapeHtml(s.text);
      const next = fn(s.text);
      if (next === null) return escapeHtml(s.text);
      changed = true;
      return next;
    })
    .join('');
  return changed ? out : null;
}

/**
 * Like `termPattern`, but also matching the terms when an earlier tactic disguised them: a letter may be written as
 * one of its look-alikes (`alternates`), and invisible code points may sit between letters. Used where a tactic
 * must still find a word another tactic already respelled (brand-name removal after confusables).
 */
export function spellingTolerantPattern(
  terms: readonly string[],
  alternates: Readonly<Record<string, readonly string[]>>,
): RegExp | null {
  const cleaned = [...new Set(terms.map((t) => t.trim()).filter((t) => t !== ''))].sort((a, b) => b.length - a.length);
  if (cleaned.length === 0) return null;
  const letter = (c: string): string => {
    const options = new Set([
      c,
      c.toLowerCase(),
      c.toUpperCase(),
      ...(alternates[c.toLowerCase()] ?? []),
      ...(alternates[c.toUpperCase()] ?? []),
    ]);
    const list = [...options].map(escapeRegex);
    return list.length === 1 ? (list[0] as string) : `(?:${list.join('|')})`;
  };
  const invisible = '\\p{Default_Ignorable_Code_Point}*';
  const alternatives = cleaned.map((t) =>
    t
      .split(/\s+/)
      .map((w) => [...w].map(letter).join(invisible))
      .join('\\s+'),
  );
  // Word boundaries look through invisible characters too: "pur\u200bchase" holds no brand "Chase".
  return new RegExp(
    `(?<![\\p{L}\\p{N}_]${invisible})(?:${alternatives.join('|')})(?!${invisible}[\\p{L}\\p{N}_])`,
    'giu',
  );
}
