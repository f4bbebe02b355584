/**
 * tokenizer: the model's features are the *set* of tokens of a message (binary bag of words):
 *
 * - body words: maximal runs of letters and digits, lower-cased, 2–30 characters (digit-only runs up to 4);
 * - subject words, prefixed `s:`;
 * - the sender's domain, `from:<domain>`;
 * - structure flags: `meta:html`, `meta:html-only`, `meta:attachment`, `meta:empty-body`.
 *
 * Splitting on anything that is not a letter or digit is the "words are contiguous" assumption: a zero-width
 * space or a combining mark inside a word splits it into harmless pieces unless the normalizer ran first.
 */

export interface TokenizerInput {
  subject: string;
  fromDomain: string;
  bodyText: string;
  hasHtml: boolean;
  hasText: boolean;
  attachmentCount: number;
}

const WORD = /[\p{L}\p{N}]+/gu;
const DIGITS = /^\p{N}+$/u;
const MIN_LENGTH = 2;
const MAX_LENGTH = 30;
const MAX_DIGITS = 4;

/** The lower-cased words of a text, in order (duplicates kept). */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const w = match[0];
    if (w.length < MIN_LENGTH || w.length > MAX_LENGTH) continue;
    if (w.length > MAX_DIGITS && DIGITS.test(w)) continue;
    out.push(w);
  }
  return out;
}

/** The feature tokens of a message: unique, in first-seen order. */
export function tokenize(input: TokenizerInput): string[] {
  const set = new Set<string>();
  for (const w of words(input.subject)) set.add(`s:${w}`);
  if (input.fromDomain) set.add(`from:${input.fromDomain}`);
  if (input.hasHtml) set.add('meta:html');
  if (input.hasHtml && !input.hasText) set.add('meta:html-only');
  if (input.attachmentCount > 0) set.add('meta:attachment');
  const body = words(input.bodyText);
  if (body.length === 0) set.add('meta:empty-body');
  for (const w of body) set.add(w);
  return [...set];
}
