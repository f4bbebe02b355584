/**
 * Can a real message have the feature vector the gradient attack found? The reference tokenizer's features are
 * body words, subject words (`s:`), the sender's domain (`from:`) and structure flags (`meta:`). Only some moves
 * have a message behind them:
 *
 * - adding a body word: yes — write it (hidden, so the reader sees the same mail);
 * - adding a subject word: yes — append it to the subject;
 * - adding a `from:` domain: no — a message has one sender; adding a `meta:` flag: no — it changes the structure
 *   the flag describes (not attempted here);
 * - removing any token: no — the token is there because the payload (text, subject, sender) contains it; dropping
 *   it changes what the reader sees (the practical move is to obfuscate it, which is a different tactic).
 *
 * A vector with only realizable moves is then built as a message and re-scored through the full application
 * pipeline (MIME parsing, HTML to text, normalization, tokenization), which is the real test.
 */
import type { Flip } from './gradient.js';

export type Unrealizable =
  | 'removes a payload word'
  | 'removes the sender domain'
  | 'removes a structure flag'
  | 'adds a sender domain'
  | 'adds a structure flag';

export interface RealizationPlan {
  realizable: boolean;
  reasons: Unrealizable[];
  bodyWords: string[];
  subjectWords: string[];
}

export function canAddToken(token: string): boolean {
  return !token.startsWith('from:') && !token.startsWith('meta:');
}

export function planRealization(flips: readonly Flip[]): RealizationPlan {
  const reasons = new Set<Unrealizable>();
  const bodyWords: string[] = [];
  const subjectWords: string[] = [];
  for (const f of flips) {
    if (f.op === 'remove') {
      reasons.add(
        f.token.startsWith('from:')
          ? 'removes the sender domain'
          : f.token.startsWith('meta:')
            ? 'removes a structure flag'
            : 'removes a payload word',
      );
    } else if (f.token.startsWith('from:')) reasons.add('adds a sender domain');
    else if (f.token.startsWith('meta:')) reasons.add('adds a structure flag');
    else if (f.token.startsWith('s:')) subjectWords.push(f.token.slice(2));
    else bodyWords.push(f.token);
  }
  return { realizable: reasons.size === 0, reasons: [...reasons], bodyWords, subjectWords };
}
