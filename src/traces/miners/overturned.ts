/**
 * overturned: the model's decision was reversed afterwards. A reviewer said ham to a block or spam to an allow; or,
 * when nobody reviewed it, a user reported the opposite. A reviewer's word outranks a user report, because reports
 * can be abused (an attacker marking their own mail "not spam").
 */
import { z } from 'zod';
import { sqlIdent } from '../sql.js';
import { defineMiner } from './miner.js';

export const overturned = defineMiner({
  name: 'overturned',
  description: 'blocks a reviewer (or, unreviewed, a user) called ham, and allows they called spam',
  source: 'decisions',
  rowwise: true,
  params: z.object({}),
  sql: ({ decisions }) => `
    SELECT *,
      'model ' || CASE decision WHEN 'block' THEN 'blocked' ELSE 'allowed' END
        || coalesce(printf(' (score %.3f)', score), '') || '; '
        || CASE WHEN reviewerOutcome IS NOT NULL THEN 'reviewer said ' || reviewerOutcome
                ELSE 'user reported ' || userReport END AS _reason,
      CASE WHEN reviewerOutcome IS NOT NULL THEN 2 ELSE 1 END + coalesce(1 - least(abs(score - threshold), 1), 0) AS _info,
      NULL::VARCHAR AS _cluster
    FROM ${sqlIdent(decisions)}
    WHERE (decision = 'block' AND (reviewerOutcome = 'ham' OR (reviewerOutcome IS NULL AND userReport = 'not-spam')))
       OR (decision = 'allow' AND (reviewerOutcome = 'spam' OR (reviewerOutcome IS NULL AND userReport = 'spam')))`,
});
