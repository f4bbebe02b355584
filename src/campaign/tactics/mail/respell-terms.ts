/**
 * The shared loop of the tactics that respell trigger words in place (zero-width characters, confusable letters,
 * digit substitution): find each occurrence in the text parts (and the subject), respell it with probability
 * `rate`, count what changed. Each tactic supplies only its respelling.
 */
import type { ContentEncoding } from '../../../contracts/input-bytes.js';
import { editTerms, transformMessage } from '../mime/edit.js';
import { termPattern } from '../mime/terms.js';
import { chance } from '../rng.js';
import type { Rng } from '../types.js';

export interface RespellOptions {
  words: readonly string[];
  /** Respell occurrences in the Subject header too. */
  subject: boolean;
  /** Probability that one occurrence is respelt. */
  rate: number;
  /** The sample's encoding (TacticEnv.encoding). */
  encoding?: ContentEncoding;
}

/** The message with trigger words respelt and how many occurrences changed; null when nothing changed. */
export function respellTerms(
  content: string,
  rng: Rng,
  options: RespellOptions,
  respell: (word: string) => string | null,
): { content: string; changed: number } | null {
  const pattern = termPattern(options.words);
  let changed = 0;
  const out = transformMessage(content, options.encoding, (msg) =>
    editTerms(msg, pattern, {
      subject: options.subject,
      text: (w) => {
        if (!chance(rng, options.rate)) return null;
        const next = respell(w);
        if (next !== null) changed++;
        return next;
      },
    }),
  );
  return out === null ? null : { content: out, changed };
}
