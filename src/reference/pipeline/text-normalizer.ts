/**
 * text-normalizer (`normalizeConfusables`): undo the Unicode tricks that make one word look like another to a
 * tokenizer while a reader sees the same thing.
 *
 * 1. NFKD, then drop combining marks: fullwidth / compatibility forms fold to ASCII and stacked diacritics
 *    (`v̇iagra`) disappear — as in the UTS #39 skeleton, which also works on decomposed text.
 * 2. Drop default-ignorable code points (zero-width space / joiners, soft hyphen, variation selectors) and bidi
 *    controls: they render as nothing but split words.
 * 3. Map every remaining non-ASCII character to its confusable skeleton (unhomoglyph, Unicode 13 data), so a
 *    Cyrillic `а` reads as Latin `a`. ASCII is left alone on purpose: the full skeleton would also turn `m` into
 *    `rn`, changing every ordinary word.
 * 4. NFKC, so what is left is in composed form.
 */
import { createRequire } from 'node:module';

const IGNORABLE = /[\p{Default_Ignorable_Code_Point}\p{Bidi_Control}]/gu;
const COMBINING_MARK = /\p{Mn}/gu;
const NON_ASCII = /[\u0080-\u{10ffff}]/gu;

let skeletonTable: Record<string, string> | undefined;

function skeletonOf(ch: string): string {
  // The package's mapping table, read directly: its exported function runs a 6,311-way regex per call.
  skeletonTable ??= createRequire(import.meta.url)('unhomoglyph/data.json') as Record<string, string>;
  return skeletonTable[ch] ?? ch;
}

export function normalizeConfusables(text: string): string {
  let s = text.normalize('NFKD').replace(COMBINING_MARK, '').replace(IGNORABLE, '');
  if (/[\u0080-\u{10ffff}]/u.test(s)) s = s.replace(NON_ASCII, skeletonOf);
  return s.normalize('NFKC');
}
