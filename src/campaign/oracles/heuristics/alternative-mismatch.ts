/**
 * Defuses layout.multipart-alternative-mismatch. The catalog's heuristic: score every alternative part and compare
 * them; large disagreement is a signal. Two renderings of one message share most of their words; an innocuous
 * text/plain next to a phishing text/html shares almost none.
 */
import { readerNormalize, withoutUrls, words } from '../normalize.js';
import { type ContentHeuristic, finding } from './types.js';

/** Below this word-set overlap (Jaccard) the two alternatives say different things. */
export const MIN_OVERLAP = 0.3;

export function overlap(a: string, b: string): number {
  const x = new Set(words(readerNormalize(withoutUrls(a))));
  const y = new Set(words(readerNormalize(withoutUrls(b))));
  if (x.size === 0 && y.size === 0) return 1;
  let both = 0;
  for (const w of x) if (y.has(w)) both++;
  return both / (x.size + y.size - both);
}

export const alternativeMismatchHeuristic: ContentHeuristic = {
  kind: 'content',
  id: 'heuristic.alternative-mismatch',
  name: 'Alternatives that disagree',
  summary: 'Compare the text/plain and text/html alternatives; flag them when they share under 30% of their words.',
  inspect(_raw, view) {
    if (view.source !== 'html' || view.plainText.trim() === '') return finding([]);
    const j = overlap(view.plainText, view.bodyVisibleText);
    return finding(j < MIN_OVERLAP ? [`text/plain and text/html share ${(j * 100).toFixed(0)}% of their words`] : []);
  },
};
