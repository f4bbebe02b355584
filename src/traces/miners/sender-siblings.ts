/**
 * sender-siblings: delivered mail from an account whose other mail was stopped — blocked by the model, confirmed
 * spam by a reviewer, or reported spam by a recipient. An operator sends many copies and variants; when some are
 * caught, the ones that got through from the same account are the evasions (a leetspeak template delivered while its
 * sibling template from the same sender is blocked; background spam from a throwaway account). Accounts whose
 * stopped share is small (a benign user with one false positive) are left out by `minStoppedShare`, and senders
 * older than `maxAccountAgeDays` are not looked at (operators burn new accounts; this also keeps the miner cheap:
 * it groups the young senders' rows only).
 */
import { z } from 'zod';
import { sqlIdent } from '../sql.js';
import { defineMiner } from './miner.js';

export const senderSiblings = defineMiner({
  name: 'sender-siblings',
  description: 'delivered mail from accounts whose other mail was blocked, confirmed spam or reported spam',
  source: 'decisions',
  rowwise: false,
  params: z.object({
    minStoppedShare: z
      .number()
      .min(0)
      .max(1)
      .default(0.25)
      .describe('least share of an account’s mail that was stopped or called spam'),
    maxAccountAgeDays: z
      .number()
      .min(0)
      .default(30)
      .describe(
        'only senders younger than this many days (operators use new accounts; old users with a false positive are noise)',
      ),
  }),
  sql: ({ decisions, params }) => {
    const stopped = `(decision = 'block' OR reviewerOutcome = 'spam' OR userReport = 'spam')`;
    const delivered = `(decision = 'allow' OR (decision = 'review' AND coalesce(reviewerOutcome, '') <> 'spam'))`;
    return `
    WITH per_account AS MATERIALIZED (
      SELECT account, count(*) AS n, count(*) FILTER (WHERE ${stopped}) AS stopped,
        count(*) FILTER (WHERE ${delivered} AND coalesce(reviewerOutcome, '') <> 'ham') AS delivered
      FROM ${sqlIdent(decisions)}
      WHERE account IS NOT NULL AND accountAgeDays < ${params.maxAccountAgeDays}::DOUBLE GROUP BY account
    ),
    suspects AS MATERIALIZED (
      SELECT * FROM per_account
      WHERE stopped > 0 AND delivered > 0 AND stopped >= ${params.minStoppedShare}::DOUBLE * n
    )
    SELECT d._row,
      printf('delivered (%s%s), but %d of the %d messages from account %s were blocked or called spam',
        d.decision, coalesce(printf(', score %.3f', d.score), ''), s.stopped, s.n, d.account) AS _reason,
      s.stopped / s.n + CASE WHEN coalesce(d.accountAgeDays, 1e9) < 30 THEN 0.25 ELSE 0 END + coalesce(d.score, 0) AS _info,
      d.account AS _cluster
    FROM ${sqlIdent(decisions)} d JOIN suspects s ON s.account = d.account
    WHERE d.accountAgeDays < ${params.maxAccountAgeDays}::DOUBLE AND ${delivered.replaceAll('decision', 'd.decision').replaceAll('reviewerOutcome', 'd.reviewerOutcome')}
      AND coalesce(d.reviewerOutcome, '') <> 'ham'`;
  },
});
