/**
 * Which tactics break a stated assumption. A tactic's `breaks` keywords are matched against the assumption text
 * case-insensitively, at the start of a word: "normaliz" finds "normalization", while "ban" would not fire on
 * "urban". Matching is deliberately simple and explainable: the matched keyword is returned with each hit.
 */
import { TACTICS } from './data.js';
import type { Tactic } from './types.js';

export interface AssumptionBreak {
  tactic: Tactic;
  /** The `breaks` keyword that matched. */
  keyword: string;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Compiled keyword patterns (null: plain substring test), one per keyword: analyses match thousands of texts. */
const patterns = new Map<string, RegExp | null>();

/** True when `keyword` occurs in `text` starting at a word boundary (case-insensitive). */
export function keywordOccurs(text: string, keyword: string): boolean {
  const k = keyword.trim().toLowerCase();
  if (!k) return false;
  let pattern = patterns.get(k);
  if (pattern === undefined) {
    // A keyword that starts with a non-word character ("@") cannot use \b; fall back to a plain substring test.
    pattern = /^\w/.test(k) ? new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(k)}`, 'iu') : null;
    patterns.set(k, pattern);
  }
  return pattern ? pattern.test(text) : text.toLowerCase().includes(k);
}

/** Tactics whose `breaks` keywords occur in the assumption text, each with the first keyword that matched. */
export function tacticsBreaking(assumptionText: string, tactics: readonly Tactic[] = TACTICS): AssumptionBreak[] {
  const hits: AssumptionBreak[] = [];
  for (const tactic of tactics) {
    const keyword = tactic.breaks.find((k) => keywordOccurs(assumptionText, k));
    if (keyword !== undefined) hits.push({ tactic, keyword });
  }
  return hits;
}
