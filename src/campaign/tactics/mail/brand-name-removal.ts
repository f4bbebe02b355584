/**
 * layout.brand-name-removal — drop the imitated brand's name from everything the reader sees (subject, sender
 * display name, body text) and keep the links. Apruzzese et al. 2023 (Table II) found "removed brand names" on
 * phishing pages that evaded a commercial visual detector: the lure still works ("your account is limited, log
 * in here") while brand-keyed features and brand/domain mismatch checks have nothing to match.
 *
 * The oracle lets exactly these words disappear (its `validity` below); everything else must stay.
 */

import { editTerms, transformMessage } from '../mime/edit.js';
import { decodeEncodedWords, encodeHeaderText } from '../mime/encoding.js';
import { getHeader, setHeader } from '../mime/message.js';
import { replaceTerms, spellingTolerantPattern } from '../mime/terms.js';
import { bool, list, merged } from '../params.js';
import type { ContentTactic } from '../types.js';
import { BRANDS } from '../words/brands.js';
import { CONFUSABLES } from '../words/confusables.js';

const DEFAULTS = {
  brands: [...BRANDS],
  subject: true,
  /** Also remove the brand from the From display name ("PayPal Service" <…> → "Service" <…>). */
  fromName: true,
};

/** Where a word was removed, a sentinel marks the gap so one space (not two, not none) remains. */
const GAP = '\uE000';

function tidyGaps(text: string): string {
  return text
    .replace(/[ \t]+\uE000[ \t]+/g, ' ')
    .replace(/^\uE000[ \t]+/gm, '')
    .replace(/[ \t]+\uE000(?=[,.;:!?)]|$)/gm, '')
    .replace(/\uE000/g, '');
}

export const brandNameRemovalTactic: ContentTactic = {
  kind: 'content',
  id: 'layout.brand-name-removal',
  defusedBy: ['heuristic.credential-lure'],
  // The brand names may disappear; nothing else may.
  validity: (params) => ({ droppable: list(params, 'brands', DEFAULTS.brands) }),
  summary: 'Remove the imitated brand names from the visible text, subject and sender name; keep the links.',
  defaults: DEFAULTS,
  apply(content, _rng, params, env) {
    const p = merged(DEFAULTS, params);
    // Tolerant of look-alike letters and invisible characters, so the brand goes even after a confusables pass.
    const pattern = spellingTolerantPattern(list(p, 'brands', DEFAULTS.brands), CONFUSABLES);
    let removed = 0;
    const out = transformMessage(content, env?.encoding, (msg) => {
      let changed = editTerms(msg, pattern, {
        subject: bool(p, 'subject', DEFAULTS.subject),
        text: () => {
          removed++;
          return GAP;
        },
        tidy: tidyGaps,
      });
      const from = getHeader(msg.root, 'from');
      const m = from ? /^\s*(.*?)\s*(<[^>]*>)\s*$/.exec(from) : null;
      if (bool(p, 'fromName', DEFAULTS.fromName) && m) {
        const name = decodeEncodedWords((m[1] as string).replace(/^"|"$/g, ''));
        const next = replaceTerms(name, pattern, () => GAP);
        if (next !== null) {
          const cleaned = tidyGaps(next).trim();
          const display = cleaned === '' ? '' : `"${encodeHeaderText(cleaned, msg.eol).replace(/"/g, '')}" `;
          setHeader(msg.root, 'From', `${display}${m[2]}`);
          changed++;
        }
      }
      return changed;
    });
    return out === null ? null : { content: out, note: `${removed} brand mention(s) removed from visible text` };
  },
};
