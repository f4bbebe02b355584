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

/** True when `keyword` occurs in `text` starting at a word boundary (case-insensitive). */
export function keywordOccurs(text: string, keyword: string): boolean {
  const k = keyword.trim().toLowerCase();
  if (!k) return false;
  // A keyword that starts with a non-word character ("@") cannot use \b; fall back to a plain substring test.
  const pattern = /^\w/.test(k) ? new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(k)}`, 'iu') : null;
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
