/**
 * evasion-signals: delivered mail whose content carries a known evasion trick — zero-width characters, words that
 * mix Latin with Cyrillic or Greek letters, text hidden with CSS, or an image attachment with almost no text. A
 * reader sees ordinary words; the tokenizer sees fragments or words it never learned. Benign mail rarely does any
 * of these, so a delivered message that does is worth a reviewer's look even when its score was low (the planted
 * zero-width and confusable campaigns score 0.03–0.2 and never reach the uncertain band).
 *
 * It reads the `input` column of delivered rows only; its cost grows with the size of those inputs.
 */
import { z } from 'zod';
import { sqlIdent } from '../sql.js';
import { defineMiner } from './miner.js';

const SIGNALS: ReadonlyArray<{ name: string; pattern: string }> = [
  { name: 'zero-width characters', pattern: '[\\x{200B}-\\x{200D}\\x{2060}\\x{FEFF}]' },
  { name: 'mixed-script words', pattern: '\\p{Latin}[\\p{Cyrillic}\\p{Greek}]|[\\p{Cyrillic}\\p{Greek}]\\p{Latin}' },
  { name: 'hidden text', pattern: '(?i)display\\s*:\\s*none|visibility\\s*:\\s*hidden|font-size\\s*:\\s*0[^.0-9]' },
  { name: 'image attachment with little text', pattern: '(?i)content-type:\\s*image/' },
];

/** SQL string literal of a pattern (single quotes doubled). */
const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;

export const evasionSignals = defineMiner({
  name: 'evasion-signals',
  description:
    'delivered mail carrying an evasion trick: zero-width characters, mixed-script words, hidden text, image with little text',
  source: 'decisions',
  rowwise: true,
  params: z.object({}),
  sql: ({ decisions }) => {
    // One pass of one combined pattern over the delivered inputs; which signals a row carries is worked out for the
    // (few) rows that match.
    const any = lit(SIGNALS.map((s) => `(?:${s.pattern.replace('(?i)', '')})`).join('|'));
    const hits = SIGNALS.map(
      (s, i) =>
        `CASE WHEN ${i === 3 ? 'length(input) < 4000 AND ' : ''}regexp_matches(input, ${lit(s.pattern)}) THEN ${lit(s.name)} END`,
    );
    return `
    WITH hit AS MATERIALIZED (
      SELECT _row, input, templateHash, decision, score, accountAgeDays
      FROM ${sqlIdent(decisions)}
      WHERE input IS NOT NULL
        AND (decision = 'allow' OR (decision = 'review' AND coalesce(reviewerOutcome, '') <> 'spam'))
        AND coalesce(reviewerOutcome, '') <> 'ham'
        -- A cheap screen first: every signal needs a non-ASCII character (bytes ≠ characters) or one of a few words.
        AND (strlen(input) <> length(input) OR contains(input, 'display') OR contains(input, 'visibility')
          OR contains(input, 'font-size') OR contains(input, 'image/') OR contains(input, 'IMAGE/'))
        AND regexp_matches(input, ${any}, 'i')
    ),
    signals AS (SELECT *, list_filter([${hits.join(', ')}], x -> x IS NOT NULL) AS _signals FROM hit)
    SELECT _row,
      'delivered (' || decision || coalesce(printf(', score %.3f', score), '') || ') with ' || array_to_string(_signals, ', ') AS _reason,
      len(_signals) + CASE WHEN coalesce(accountAgeDays, 1e9) < 30 THEN 0.5 ELSE 0 END + coalesce(score, 0) AS _info,
      templateHash AS _cluster
    FROM signals WHERE len(_signals) > 0`;
  },
});
