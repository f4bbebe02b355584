/**
 * activity.template-variation — send each message as `copies` spun variants: interchangeable phrases swapped at
 * random (synonym spinning, Karlberger et al., WOOT 2007) plus an invisible "hash buster" of random tokens (the
 * bulk mailers' trick of the 2000s, Graham-Cumming's Spammers' Compendium). A bulk detector that fingerprints each
 * message sees unrelated messages; the reader of every copy sees the same offer (the tactic's `validity` lets the
 * oracle fold the synonym groups).
 *
 * Copies are spaced `spacingMinutes` apart from the send's own time, so a chain with low-and-slow or account
 * rotation paces and spreads the variants too. Params: `copies`, `synonymRate`, `hashBuster`, `hashBusterTokens`,
 * `spacingMinutes`.
 */
import type { TargetInput } from '../../../contracts/target.js';
import { hiddenGoodWordsTactic } from '../mail/hidden-good-words.js';
import { editTerms, transformMessage } from '../mime/edit.js';
import { termPattern } from '../mime/terms.js';
import { bool, merged, num } from '../params.js';
import { chance, pick, randInt } from '../rng.js';
import type { Rng, StreamTactic } from '../types.js';
import { SYNONYM_GROUPS } from '../words/synonyms.js';
import { cost, derivedId, MINUTE_MS, timeOf, withContext } from './shared.js';

const DEFAULTS = {
  copies: 25,
  synonymRate: 0.7,
  hashBuster: true,
  hashBusterTokens: 40,
  spacingMinutes: 5,
};

const GROUP_OF = new Map<string, readonly string[]>();
for (const g of SYNONYM_GROUPS) for (const w of g) GROUP_OF.set(w, g);
const PATTERN = termPattern(SYNONYM_GROUPS.flat());

/** Keep the look of the original: Capitalised stays Capitalised, UPPER stays UPPER. */
function matchCase(original: string, replacement: string): string {
  if (original.length > 1 && original === original.toUpperCase()) return replacement.toUpperCase();
  if (original[0] && original[0] === original[0].toUpperCase() && original[0] !== original[0].toLowerCase()) {
    return replacement[0]!.toUpperCase() + replacement.slice(1);
  }
  return replacement;
}

/** Swap interchangeable phrases (each occurrence with probability `rate`); null when nothing changed. */
export function spin(content: string, rng: Rng, rate: number): string | null {
  return transformMessage(content, undefined, (msg) =>
    editTerms(msg, PATTERN, {
      text: (w) => {
        const group = GROUP_OF.get(w.toLowerCase().replace(/\s+/g, ' '));
        if (!group || !chance(rng, rate)) return null;
        const others = group.filter((x) => x !== w.toLowerCase());
        return others.length ? matchCase(w, pick(rng, others)) : null;
      },
    }),
  );
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

function randomToken(rng: Rng): string {
  let t = '';
  for (let i = randInt(rng, 5, 9); i > 0; i--) t += LETTERS[randInt(rng, 0, LETTERS.length - 1)];
  return t;
}

/** One spun variant of a message. */
export function variant(content: string, rng: Rng, rate: number, busterTokens: number): string {
  let out = spin(content, rng, rate) ?? content;
  if (busterTokens > 0) {
    const words = Array.from({ length: busterTokens }, () => randomToken(rng));
    const hidden = hiddenGoodWordsTactic.apply(out, rng, { words, count: busterTokens, method: 'display-none' });
    if (hidden) out = hidden.content;
  }
  return out;
}

export const templateVariationTactic: StreamTactic = {
  kind: 'stream',
  id: 'activity.template-variation',
  defusedBy: ['heuristic.hidden-text', 'heuristic.cross-account-clusters'],
  // Spun copies say the same thing: every member of a synonym group reads as the group's first.
  validity: () => ({ synonyms: SYNONYM_GROUPS }),
  summary: 'Send each message as many spun copies (synonyms swapped, invisible hash buster) to defeat bulk detection.',
  defaults: DEFAULTS,
  plan(messages, base, rng, params) {
    const p = merged(DEFAULTS, params);
    const copies = Math.max(1, Math.floor(num(p, 'copies', DEFAULTS.copies)));
    const rate = Math.min(1, Math.max(0, num(p, 'synonymRate', DEFAULTS.synonymRate)));
    const buster = bool(p, 'hashBuster', DEFAULTS.hashBuster)
      ? Math.max(0, Math.floor(num(p, 'hashBusterTokens', DEFAULTS.hashBusterTokens)))
      : 0;
    const spacing = Math.max(0, num(p, 'spacingMinutes', DEFAULTS.spacingMinutes)) * MINUTE_MS;
    const sends: TargetInput[] = [];
    for (const m of messages) {
      const t0 = timeOf(m, base);
      for (let k = 1; k <= copies; k++) {
        const content = variant(m.content, rng, rate, buster);
        sends.push({ ...withContext(m, { timestamp: t0 + (k - 1) * spacing }, derivedId(m, k)), content });
      }
    }
    sends.sort((a, b) => (a.context?.timestamp as number) - (b.context?.timestamp as number));
    return { sends, cost: cost({ timeHours: copies > 1 ? ((copies - 1) * spacing) / 3_600_000 : 0 }) };
  },
};
